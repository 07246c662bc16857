"""Logging for the running bot: the token and the webhook secret never reach any log handler.

PTB logs its request URL (which contains the token) at DEBUG when the Bot is built, and httpx logs
every request URL at INFO. `redact_secrets` makes every log record created afterwards, by any
logger, carry "[token]" instead of a secret, whichever handler (file, console, pytest) prints it.
"""

from __future__ import annotations

import logging
import threading

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


_redactor = SecretRedactor()
_install_lock = threading.Lock()
_installed = False


def redact_secrets(*secrets: str | None) -> None:
    """From now on, no log record anywhere in the process contains any of `secrets`."""
    global _installed
    with _install_lock:
        _redactor.secrets.update(s for s in secrets if s)
        if _installed:
            return
        make_record = logging.getLogRecordFactory()

        def redacting_factory(*args, **kwargs) -> logging.LogRecord:
            record = make_record(*args, **kwargs)
            _redactor.filter(record)
            return record

        logging.setLogRecordFactory(redacting_factory)
        _installed = True


class _NoInvalidTokenTraceback(logging.Filter):
    """PTB logs a traceback for a rejected token; `run_bot` says it in one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def configure_logging(settings: Settings) -> None:
    """Console logging at LOG_LEVEL, with secrets redacted and chatty libraries quietened."""
    redact_secrets(settings.token, settings.webhook_secret)
    logging.basicConfig(level=settings.log_level, format=FORMAT)
    # httpx logs each request URL, token included, at INFO: keep it to warnings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    ptb = logging.getLogger("telegram.ext")
    if not any(isinstance(f, _NoInvalidTokenTraceback) for f in ptb.filters):
        ptb.addFilter(_NoInvalidTokenTraceback())
