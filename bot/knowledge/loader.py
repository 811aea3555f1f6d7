"""Loads the knowledge packs from YAML and turns every defect into an error naming file, entry, field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot import ORGS
from bot.knowledge.schema import Pack

PACKS_DIR = Path(__file__).parent / "packs"

# libyaml's safe loader when built in (about 10x faster start-up), else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackError(Exception):
    """A knowledge pack is broken; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class PackProblem:
    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: entry {self.entry}: field {self.field}: {self.message}"


def _entry_label(raw: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """Map a pydantic error location to (entry id, field path) using the raw YAML."""
    if len(loc) >= 2 and loc[0] in ("entries", "glossary") and isinstance(loc[1], int):
        items = raw.get(loc[0]) if isinstance(raw, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        key = "id" if loc[0] == "entries" else "term"
        label = item.get(key) if isinstance(item, dict) else None
        name = str(label) if label else f"{loc[0]}[{loc[1]}]"
        return name, ".".join(str(p) for p in loc[2:]) or "(whole entry)"
    return "(pack)", ".".join(str(p) for p in loc) or "(whole pack)"


def load_pack_file(path: Path) -> Pack:
    """Read and validate one pack file.

    Raises:
        PackError: naming the file, the entry id and the field that is wrong.
    """
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise PackError(f"{path.name}: entry (pack): field (file): cannot read YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise PackError(f"{path.name}: entry (pack): field (file): expected a mapping at top level")
    try:
        pack = Pack.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            entry, field = _entry_label(raw, tuple(err["loc"]))
            problems.append(str(PackProblem(path.name, entry, field, err["msg"])))
        raise PackError("\n".join(problems)) from None
    if pack.org != path.stem:
        raise PackError(f"{path.name}: entry (pack): field org: {pack.org!r} must match file name")
    return pack


def load_packs(directory: Path = PACKS_DIR) -> dict[str, Pack]:
    """Load every pack in a directory and check that cross-references resolve.

    Returns:
        The packs keyed by municipality id.
    """
    packs: dict[str, Pack] = {}
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise PackError(f"{directory}: no knowledge packs (*.yaml) found")
    for path in files:
        if path.stem not in ORGS:
            raise PackError(f"{path.name}: entry (pack): field org: unknown municipality id")
        packs[path.stem] = load_pack_file(path)
    ids = {e.id for p in packs.values() for e in p.entries}
    problems = []
    for org, pack in packs.items():
        for e in pack.entries:
            for field in ("related", "followups"):
                for ref in getattr(e, field):
                    if ref not in ids:
                        problems.append(f"{org}.yaml: entry {e.id}: field {field}: unknown id {ref!r}")
    if problems:
        raise PackError("\n".join(problems))
    return packs
