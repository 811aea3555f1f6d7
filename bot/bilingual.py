"""What every data file's models share: strict pydantic models and a text in both languages.

The forms (bot/forms/defs) and the eligibility rules (bot/eligibility/rules) are data written
by people; both refuse unknown fields, carry their texts in Swedish and English, and say where
a file is wrong in one line naming the file and the entry.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class Strict(BaseModel):
    """A frozen model that refuses fields it does not know (a typo in a data file is an error)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in Swedish (authoritative) and English."""

    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


def where_invalid(where: str, data: object, exc: ValidationError, items: str, noun: str) -> str:
    """One line for a data file's first validation error: `where`, the entry of the list
    `items` it sits in (by its id, else its number), the field and pydantic's reason.

    E.g. "stockholm.aktualisering.yaml, form stockholm.aktualisering, step age: max: ..."
    """
    first = exc.errors()[0]
    loc = list(first["loc"])
    if len(loc) >= 2 and loc[0] == items and isinstance(loc[1], int):
        entries = data.get(items) if isinstance(data, dict) else None
        entry = entries[loc[1]] if isinstance(entries, list) and len(entries) > loc[1] else None
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        where += f", {noun} {entry_id or '#' + str(loc[1] + 1)}"
        loc = loc[2:]
    field = ".".join(str(p) for p in loc)
    msg = str(first["msg"]).removeprefix("Value error, ")
    return f"{where}: {field + ': ' if field else ''}{msg}"
