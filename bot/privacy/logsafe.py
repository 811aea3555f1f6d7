"""An exception as the log may hold it: types and code locations, never a message text.

Exception messages carry what users typed: SQLAlchemy puts the statement and its bound
parameters into its text, PostgreSQL's DETAIL repeats a conflicting key's value, and Telegram's
BadRequest quotes the entities it could not parse. So only the types of the exception and its
causes, and the frames (file, line, function) of each, are kept: enough to find the bug.
"""

from __future__ import annotations

import traceback
from pathlib import Path

MAX_FRAMES = 12  # the innermost frames; the outer ones are the event loop and PTB's dispatch


def describe(exc: BaseException | None) -> str:
    """A multi-line, message-free description of an exception and its chained causes.

    Args:
        exc: The exception (None gives "no exception").

    Returns:
        "TypeName" lines, each followed by its innermost frames as "file:line in function".
    """
    if exc is None:
        return "no exception"
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        name = kind.__qualname__ if kind.__module__ == "builtins" else (
            f"{kind.__module__}.{kind.__qualname__}")
        parts.append(name if not parts else f"caused by {name}")
        frames = traceback.extract_tb(current.__traceback__)[-MAX_FRAMES:]
        parts.extend(f"  {_short(f.filename)}:{f.lineno} in {f.name}" for f in frames)
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


def _short(filename: str) -> str:
    """The path from the package folder on: site-packages and home folders say nothing."""
    path = Path(filename)
    for anchor in ("site-packages", "bot"):
        if anchor in path.parts:
            index = len(path.parts) - 1 - path.parts[::-1].index(anchor)
            return "/".join(path.parts[index + (anchor == "site-packages"):])
    return path.name
