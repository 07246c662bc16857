"""The back-pain injection FAQ bot: a pure core (FAQ, triage, matching, replies) and a thin Telegram layer."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FAQ_DIR = PROJECT_ROOT / "faq"
