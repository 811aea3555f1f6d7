"""What every data file's models share: strict pydantic models and a text in both languages.

The forms (bot/forms/defs) and the eligibility rules (bot/eligibility/rules) are data written
by people; both refuse unknown fields and carry their texts in Swedish and English.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """A frozen model that refuses fields it does not know (a typo in a data file is an error)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in Swedish (authoritative) and English."""

    sv: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv
