"""The figures as Markdown: the machine, one table per benchmark, and the targets met or missed.

`render(results)` returns the text printed by `python -m benchmarks`; `write(text)` puts it into
docs/performance.md between the two marker lines, leaving the hand-written rest of the page alone.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

from bot import PROJECT_ROOT

DOC = PROJECT_ROOT / "docs" / "performance.md"
BEGIN = "<!-- benchmarks:begin (written by `python -m benchmarks`; edit outside these markers) -->"
END = "<!-- benchmarks:end -->"

# Targets of issue 5: p99 of Responder.respond per FAQ size, in ms.
P99_TARGETS = {"1k": 1.0, "10k": 5.0, "100k": 20.0}
SPEEDUP_TARGET = 20.0
STARTUP_TARGET_S = 0.5
UPDATES_TARGET = 300.0
E2E_P99_TARGET_MS = 50.0
LABELS = {"100": "~100 phrasings", "1k": "1,000 phrasings", "10k": "10,000 phrasings",
          "100k": "100,000 phrasings", "1k-entries": "1,000 entries"}


def machine() -> dict:
    """Where and when the figures were taken."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or cpu
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "load": _load_average(),
    }


def _load_average() -> str:
    """The 1-minute load average: other work on the machine makes the figures noisier."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} + uncommitted changes" if dirty else head


# ---------------------------------------------------------------- formatting


def ms(value: float | None) -> str:
    if value is None or value != value:  # NaN
        return "–"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def times(value: float | None) -> str:
    return "–" if value is None else (f"{value:.1f}×" if value < 10 else f"{value:.0f}×")


def pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _method(m: dict | None) -> str:
    if not m:
        return "not run"
    return f"{ms(m['p50'])} / {ms(m['p99'])} (n={m['n']})"


# ---------------------------------------------------------------- sections


def match_section(match: dict) -> str:
    rows = []
    for label, r in match.items():
        methods = r["methods"]
        cand = r.get("candidates_p50")
        rows.append([
            LABELS.get(label, label), f"{r['entries']:,}", f"{r['phrasings']:,}",
            "–" if cand is None else f"{cand:,.0f}",
            _method(methods.get("respond")), _method(methods.get("match")),
            _method(methods.get("thefuzz")), _method(methods.get("rapidfuzz")),
            times(r["speedup"].get("thefuzz")), times(r["speedup"].get("rapidfuzz")),
        ])
    return "### Match latency (ms per question, p50 / p99, one core)\n\n" + table(
        ["FAQ", "entries", "phrasings", "candidates (p50)", "ours: respond", "ours: match only",
         "thefuzz extractOne", "rapidfuzz extractOne", "ours vs thefuzz", "ours vs rapidfuzz"], rows)


def startup_section(startup: dict) -> str:
    rows = [[LABELS.get(label, label), f"{r['entries']:,}", f"{r['phrasings']:,}", f"{r['load_s']:.2f}",
             f"{r['build_s']:.2f}", f"{r['total_s']:.2f}", f"{r['rss_peak_mb']:.0f} ({r['rss_imported_mb']:.0f})",
             str(r["runs"])]
            for label, r in startup.items()]
    return "### Start-up (fresh process per run, one core)\n\n" + table(
        ["FAQ", "entries", "phrasings", "load_faq s", "Responder build s", "total s",
         "peak RSS MB (after imports)", "runs"], rows)


def e2e_section(e2e: dict) -> str:
    rows = []
    for config, phases in e2e.items():
        for r in phases.values():
            load = f"burst of {r['offered']}" if r["rate"] is None else f"{r['offered']} at {r['rate']:.0f}/s"
            rows.append([config, load, f"{r['answered']}/{r['offered']}", f"{r['updates_per_s']:.1f}",
                         f"{r['api_messages_per_s']:.1f}", ms(r["latency"]["p50"]), ms(r["latency"]["p99"]),
                         f"{r['bot_cpu_ms_per_update']:.1f}"])
    return "### End to end (1,000 phrasings, bot process on one core, local Bot API stand-in)\n\n" + table(
        ["configuration", "load", "answered", "updates/s", "API messages/s", "latency p50 ms", "latency p99 ms",
         "bot CPU ms/update"], rows) + (
        "\n\nLatency is from the update being queued to its reply being recorded; under a burst it is mostly "
        "time spent waiting in the queue. API messages are sendMessage and sendChatAction calls (both count "
        "towards the rate limiter's 30/s).")


def accuracy_section(acc: dict) -> str:
    q = acc["questions"]
    rows = []
    for name in ("ours", "BM25", "TF-IDF"):
        r = acc[name]
        threshold = "as tuned" if name == "ours" else f"{r['threshold']:.3g}"
        label = "ours (`bot eval`)" if name == "ours" else name
        rows.append([label, threshold, pct(r["top1"]), pct(r["answered_right"]), pct(r["confidently_wrong"]),
                     pct(r["out_of_scope_never_answered"])])
    return (f"### Accuracy on eval/test.jsonl ({q['in_scope']} in scope, {q['out_of_scope']} out of scope; "
            f"{q['urgent']} urgent left out)\n\n") + table(
        ["matcher", "answer threshold", "top-1", "answered right", "confidently wrong", "out of scope never answered"],
        rows) + (f"\n\nOurs also: answered or rightly suggested {pct(acc['ours']['answered_or_rightly_suggested'])}, "
                 f"urgent recall {pct(acc['ours']['urgent_recall'])}. Each baseline's threshold is the one whose "
                 "confidently-wrong rate is closest to ours without exceeding it.")


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, figure, met) for each target of issue 5; met is None when it was not measured."""
    out: list[tuple[str, str, bool | None]] = []
    match = results.get("match", {})
    for label, limit in P99_TARGETS.items():
        r = match.get(label)
        if r is None:
            out.append((f"p99 match ≤ {limit:g} ms at {LABELS[label]}", "not measured", None))
            continue
        respond, alone = r["methods"]["respond"]["p99"], r["methods"]["match"]["p99"]
        out.append((f"p99 match ≤ {limit:g} ms at {LABELS[label]}",
                    f"respond {ms(respond)} ms, match only {ms(alone)} ms", respond <= limit))
    ratios = {label: r["speedup"]["thefuzz"] for label, r in match.items() if "thefuzz" in r["speedup"]}
    if ratios:
        at_scale = {label: v for label, v in ratios.items() if label != "100"} or ratios
        figure = ", ".join(f"{LABELS[label]}: {times(v)}" for label, v in ratios.items())
        out.append((f"≥ {SPEEDUP_TARGET:g}× faster than thefuzz (1,000 phrasings and up)", figure,
                    min(at_scale.values()) >= SPEEDUP_TARGET))
    start = results.get("startup", {}).get("1k-entries")
    out.append((f"start-up ≤ {STARTUP_TARGET_S:g} s at 1,000 entries",
                f"{start['total_s']:.2f} s ({start['phrasings']:,} phrasings)" if start else "not measured",
                None if start is None else start["total_s"] <= STARTUP_TARGET_S))
    lifted = results.get("e2e", {}).get("limits lifted")
    if lifted:
        burst, paced = lifted.get("burst"), lifted.get("paced")
        rate = burst["updates_per_s"] if burst else 0.0
        p99 = paced["latency"]["p99"] if paced else float("nan")
        out.append((f"≥ {UPDATES_TARGET:g} updates/s with p99 < {E2E_P99_TARGET_MS:g} ms, limits lifted",
                    f"{rate:.0f} updates/s (burst); p99 {ms(p99)} ms at {paced['rate']:.0f}/s offered"
                    if paced else f"{rate:.0f} updates/s", rate >= UPDATES_TARGET and p99 < E2E_P99_TARGET_MS))
    else:
        out.append((f"≥ {UPDATES_TARGET:g} updates/s with p99 < {E2E_P99_TARGET_MS:g} ms, limits lifted",
                    "not measured", None))
    return out


def targets_section(results: dict) -> str:
    rows = [[t, f, "–" if met is None else ("**met**" if met else "**missed**")] for t, f, met in targets(results)]
    return "### Targets\n\n" + table(["target", "figure", "met?"], rows)


def render(results: dict) -> str:
    m = results["machine"]
    parts = [
        f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores, Python {m['python']}, {m['os']}, "
        f"commit {m['commit']}, load average {m['load']} at the start. Command: `{results['command']}`"
        + (f" ({results['note']})" if results.get("note") else "") + ".",
        targets_section(results),
    ]
    if "match" in results:
        parts.append(match_section(results["match"]) + (
            "\n\nrespond = `Responder.respond` (triage + match + reply text); match only = `Matcher.match`. "
            "Candidates: phrasings the index hands to the scorers for a median question. "
            "n: questions timed (a method stops when its time budget is spent). "
            "\"ours vs X\": X's total time over ours on the same questions (above 1× means ours is faster)."))
    if "startup" in results:
        parts.append(startup_section(results["startup"]))
    if "e2e" in results:
        parts.append(e2e_section(results["e2e"]))
    if "accuracy" in results:
        parts.append(accuracy_section(results["accuracy"]))
    return "\n\n".join(parts) + "\n"


def write(text: str, doc: Path = DOC) -> None:
    """Replace what lies between the markers of docs/performance.md (appending them if missing)."""
    page = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    block = f"{BEGIN}\n\n{text.strip()}\n\n{END}"
    if BEGIN in page and END in page:
        head, rest = page.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        page = head + block + tail
    else:
        page = page.rstrip() + "\n\n" + block + "\n"
    doc.write_text(page, encoding="utf-8")
