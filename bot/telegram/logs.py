"""Logging for the running bot: the token and the webhook secret never reach any log handler.

PTB logs its request URL (which contains the token) at DEBUG when the Bot is built, and httpx logs
every request URL at INFO. `redact_secrets` puts one `SecretRedactor` filter on every handler of the
root logger (console, file, pytest's capture), so whatever logger a record comes from, the handler
that prints it writes "[token]" instead of a secret. No global record factory is replaced.
"""

from __future__ import annotations

import logging

from telegram.error import InvalidToken

from bot.settings import Settings

MASK = "[token]"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class SecretRedactor(logging.Filter):
    """A filter that rewrites a record so that none of `secrets` appears in its message or traceback."""

    def __init__(self, secrets: set[str] | None = None) -> None:
        super().__init__()
        self.secrets: set[str] = set(secrets or ())

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it for logging's own error path
            return True
        if self._has_secret(message):
            record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            text = logging.Formatter().formatException(record.exc_info)
            if self._has_secret(text):
                record.exc_text = self.redact(text)
        if record.stack_info and self._has_secret(record.stack_info):
            record.stack_info = self.redact(record.stack_info)
        return True

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return text

    def _has_secret(self, text: str) -> bool:
        return any(secret in text for secret in self.secrets)


_redactor = SecretRedactor()  # one for the process: the secrets are the process's own


def redact_secrets(*secrets: str | None, handlers: list[logging.Handler] | None = None) -> None:
    """From now on, none of `secrets` is printed by `handlers` (default: every handler of the root logger)."""
    _redactor.secrets.update(s for s in secrets if s)
    for handler in logging.getLogger().handlers if handlers is None else handlers:
        if _redactor not in handler.filters:
            handler.addFilter(_redactor)


class _NoInvalidTokenTraceback(logging.Filter):
    """PTB logs a traceback for a rejected token; `run_bot` says it in one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def configure_logging(settings: Settings) -> None:
    """Console logging at LOG_LEVEL, with secrets redacted and chatty libraries quietened."""
    logging.basicConfig(level=settings.log_level, format=FORMAT)
    redact_secrets(settings.token, settings.webhook_secret)
    # httpx logs each request URL, token included, at INFO: keep it to warnings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    ptb = logging.getLogger("telegram.ext")
    if not any(isinstance(f, _NoInvalidTokenTraceback) for f in ptb.filters):
        ptb.addFilter(_NoInvalidTokenTraceback())
