"""Loading the FAQ shares no state between loads: a reload in one thread and `check` in another agree."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq


def test_loads_in_parallel_threads_all_read_the_same_faq():
    with ThreadPoolExecutor(max_workers=4) as pool:
        faqs = list(pool.map(lambda _: load_faq(DEFAULT_FAQ_DIR), range(8)))
    first = faqs[0]
    for faq in faqs[1:]:
        assert [(e.id, e.reviewed_on, e.alternates) for e in faq.entries] == [
            (e.id, e.reviewed_on, e.alternates) for e in first.entries
        ]
        assert faq.texts == first.texts
