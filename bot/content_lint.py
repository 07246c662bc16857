"""Content warnings for staff (placeholder until the staff checks land)."""
from __future__ import annotations

from bot.knowledge import Faq


def lint(faq: Faq) -> list[str]:
    return [f"{d.path}:{d.line}: warning: '{d.id}' is a draft and is not served" for d in faq.drafts]
