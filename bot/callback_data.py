"""Button data, built and parsed in one strict place: ASCII only, bounded, known shapes.

Telegram sends a button's data back as the user's client gives it, so it is input like any
other: a forged or stale button must never reach a handler as anything but "expired".
Data is `prefix:field:field…`, at most 64 bytes (Telegram's limit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

MAX_BYTES = 64
_INT = re.compile(r"[0-9]{1,12}")  # ASCII digits only: str.isdigit() accepts "٣"
_TOKEN = re.compile(r"[a-z0-9_.\-]{1,60}")

Field = Callable[[str], object | None]


def integer(raw: str) -> int | None:
    """A positive database id or count: ASCII digits, at most 12 of them."""
    return int(raw) if _INT.fullmatch(raw) else None


def token(raw: str) -> str | None:
    """An identifier such as an entry id: lower-case ASCII letters, digits and _ . -"""
    return raw if _TOKEN.fullmatch(raw) else None


def choice(values: Iterable[str]) -> Field:
    """One of a fixed set of values."""
    allowed = frozenset(values)
    return lambda raw: raw if raw in allowed else None


def build(prefix: str, *values: object) -> str:
    """The data for a button; raises ValueError if it would not survive `parse`."""
    data = ":".join([prefix, *(str(v) for v in values)])
    if len(data.encode()) > MAX_BYTES or not data.isascii():
        raise ValueError(f"button data too long or not ASCII: {data!r}")
    return data


# Each field's converter decides its value's type; the caller unpacks them in the order it gave.
def parse(data: str | None, prefix: str, *fields: Field) -> tuple[Any, ...] | None:
    """The fields of `prefix:…` data, or None when anything about it is off.

    Example: parse(data, "rev", integer) -> (42,) for "rev:42"; None for "rev:٣", "rev:",
    "rev:42:1", a 40-digit number or 65 bytes of anything.
    """
    if not data or len(data) > MAX_BYTES or not data.isascii():
        return None
    parts = data.split(":")
    if parts[0] != prefix or len(parts) != len(fields) + 1:
        return None
    values = tuple(f(raw) for f, raw in zip(fields, parts[1:], strict=True))
    return None if any(v is None for v in values) else values


def prefix_pattern(prefix: str) -> str:
    """The regex a CallbackQueryHandler routes on: exactly this prefix."""
    return rf"^{re.escape(prefix)}(:|$)"
