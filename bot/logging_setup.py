"""Logging that keeps confidential things out: no message bodies, no token, pseudonymous users."""

from __future__ import annotations

import hashlib
import logging
import re

_TOKEN_RE = re.compile(r"bot\d+:[A-Za-z0-9_-]{20,}|/bot[^/\s]+/")


def pseudonym(telegram_id: int | None) -> str:
    """A stable short id for a user in logs, not reversible to the Telegram id at a glance."""
    if telegram_id is None:
        return "u-"
    digest = hashlib.blake2b(str(telegram_id).encode(), digest_size=5, person=b"ame-logs").hexdigest()
    return f"u{digest}"


class _ScrubTokens(logging.Filter):
    """Last line of defence: any URL path carrying a bot token is masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _TOKEN_RE.search(message):
            record.msg = _TOKEN_RE.sub("/bot<hidden>/", message)
            record.args = ()
        return True


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if not any(getattr(h, "_ame", False) for h in root.handlers):
        handler = logging.StreamHandler()
        handler._ame = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(_ScrubTokens())
        root.addHandler(handler)
    root.setLevel(level)
    quiet_noisy_loggers()


def quiet_noisy_loggers() -> None:
    """httpx logs every request URL at INFO, and the URL contains the bot token."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.WARNING)
        if not any(isinstance(f, _ScrubTokens) for f in logger.filters):
            logger.addFilter(_ScrubTokens())
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    # At DEBUG, python-telegram-bot logs every update and every call's parameters: message
    # texts and names. Whatever the root level, its loggers stop at INFO (or the root's level,
    # when that is quieter: the terminal chat shows warnings only).
    level = max(logging.INFO, logging.getLogger().getEffectiveLevel())
    logging.getLogger("telegram").setLevel(level)
