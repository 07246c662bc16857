"""Builds eval/real/tune-2.jsonl, the second tuning part, from collector D's rows (raw/real-questions-D.jsonl).

Rows whose page (url) also gives questions to the held-back test part are dropped; test.jsonl is read for its
urls only, and only counts are printed. Duplicate questions (same words, any case) are kept once.

    python eval/real/make_tune2.py
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
FIELDS = ("question", "expected", "url", "source_kind", "why")


def main() -> None:
    test_urls = {json.loads(line)["url"] for line in (HERE / "test.jsonl").read_text().splitlines() if line.strip()}
    rows = [json.loads(line) for line in (HERE / "raw" / "real-questions-D.jsonl").read_text().splitlines()
            if line.strip()]
    kept, seen, shared, duplicates = [], set(), 0, 0
    for row in rows:
        if row["url"] in test_urls:
            shared += 1
            continue
        key = " ".join(row["question"].lower().split())
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        kept.append({k: row[k] for k in FIELDS if k in row})
    (HERE / "tune-2.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))
    print(f"{len(rows)} rows, {shared} dropped (page in the test part), {duplicates} duplicates, {len(kept)} kept")


if __name__ == "__main__":
    main()
