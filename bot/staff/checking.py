"""`python -m bot check`: the FAQ folder checked as the bot will load it, told in plain words.

Errors (the bot will not use the folder) and warnings (it works, but serves patients badly) are one
`path:line: ...` line each; the last line says OK or FAILED and why, so nobody has to read an exit code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.core.knowledge import Faq, FaqInvalid, load_faq
from bot.staff.content_lint import lint


@dataclass(frozen=True)
class CheckResult:
    """What `check` prints (`lines`, then `summary`) and its exit code."""

    lines: tuple[str, ...]
    summary: str
    code: int
    faq: Faq | None = None


def check_folder(folder: Path, *, strict: bool, today: dt.date | None = None) -> CheckResult:
    """Check `folder`. With `strict`, warnings fail too and review dates are checked against `today`."""
    try:
        faq = load_faq(folder)
    except FaqInvalid as exc:
        n = len(exc.problems)
        return CheckResult(
            tuple(str(p) for p in exc.problems),
            f"FAILED: {_plural(n, 'problem')} in {folder}: the bot will not use this FAQ until "
            f"{'it is' if n == 1 else 'they are'} fixed (it keeps serving the last good version).",
            1,
        )
    warnings = lint(faq, today=(today or dt.date.today()) if strict else None)
    phrasings = sum(len(e.phrasings) for e in faq.entries)
    flags = faq.red_flags
    size = (
        f"{folder} has {len(faq.entries)} entries ({phrasings} phrasings), {len(faq.synonyms)} synonym groups, "
        f"{len(flags.urgent) + len(flags.self_harm) + len(flags.self_harm_indirect)} red-flag phrases"
    )
    if not warnings:
        return CheckResult((), f"OK: {size}", 0, faq)
    count = _plural(len(warnings), "warning")
    if strict:
        return CheckResult(
            tuple(warnings),
            f"FAILED: {count} above, and --strict fails on any warning ({size}). The bot can use this FAQ, "
            "but fix the lines above before you commit.",
            1,
            faq,
        )
    return CheckResult(tuple(warnings), f"OK: {size}; {count} above: patients are served, but fix "
                                        f"{'it' if len(warnings) == 1 else 'them'} soon", 0, faq)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
