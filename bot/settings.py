"""Configuration, read once at the edge from the environment and `.env`, then passed in.

Relative paths (the defaults `.env`, `faq/` and `data/bot.sqlite3` included) are taken from the working
directory, the folder the bot is started in, as for any command-line program; nothing is read from where the
code happens to be installed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line a person can act on."""


@dataclass(frozen=True)
class Settings:
    token: str | None
    api_base_url: str | None
    faq_dir: Path
    db_path: Path
    admin_user_ids: frozenset[int]
    log_level: str
    retention_days: int
    chat_messages_per_minute: int
    webhook_url: str | None
    webhook_listen: str
    webhook_port: int
    webhook_secret: str | None
    # how many updates Telegram may have in flight to the webhook at once (each waits for its reply)
    webhook_max_connections: int = 40

    def __repr__(self) -> str:  # never show the token, even in a traceback or a debug log
        return f"Settings(faq_dir={self.faq_dir}, db_path={self.db_path}, token={'set' if self.token else 'unset'})"

    def require_token(self) -> str:
        """The bot token, or a SettingsError saying exactly what to do."""
        if not self.token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: copy .env.example to .env and put your bot's token there "
                "(or try the bot offline with `python -m bot chat`)."
            )
        if not TOKEN_SHAPE.match(self.token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected digits:letters, as @BotFather "
                "gives it); check .env (see .env.example)."
            )
        return self.token


def load_settings(env_file: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Settings from `.env` (if present) overridden by the process environment."""
    env_file = env_file if env_file is not None else Path(".env")
    values: dict[str, str] = {}
    if env_file.exists():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)

    def get(name: str, default: str | None = None) -> str | None:
        value = values.get(name, "")
        value = value.strip() if value else ""
        return value or default

    def get_int(name: str, default: int, *, least: int, most: int | None = None) -> int:
        raw = get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{name} must be a whole number, got {raw!r} (see .env.example)") from None
        if value < least or (most is not None and value > most):
            allowed = f"at least {least}" if most is None else f"between {least} and {most}"
            raise SettingsError(f"{name} must be {allowed}, got {value} (see .env.example)")
        return value

    admins = set()
    for part in (get("ADMIN_USER_IDS") or "").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise SettingsError(f"ADMIN_USER_IDS must be comma-separated numeric Telegram user ids, got {part!r}")
        admins.add(int(part))

    return Settings(
        token=get("TELEGRAM_BOT_TOKEN"),
        api_base_url=get("TELEGRAM_API_BASE_URL"),
        faq_dir=Path(get("FAQ_DIR") or "faq"),
        db_path=Path(get("BOT_DB_PATH") or Path("data") / "bot.sqlite3"),
        admin_user_ids=frozenset(admins),
        log_level=_log_level(get("LOG_LEVEL") or "INFO"),
        retention_days=get_int("BOT_RETENTION_DAYS", 90, least=1),
        chat_messages_per_minute=get_int("CHAT_MESSAGES_PER_MINUTE", 20, least=1),
        webhook_url=get("WEBHOOK_URL"),
        webhook_listen=get("WEBHOOK_LISTEN") or "127.0.0.1",
        webhook_port=get_int("WEBHOOK_PORT", 8443, least=1, most=65535),
        webhook_secret=get("WEBHOOK_SECRET_TOKEN"),
        # Telegram sends at most 100 updates at once to a webhook
        webhook_max_connections=get_int("WEBHOOK_MAX_CONNECTIONS", 40, least=1, most=100),
    )


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {raw!r} (see .env.example)")
    return level
