"""The shape of a knowledge pack: one YAML file per municipality, validated with pydantic."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_RE = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")
MAX_ANSWER = 500
MAX_QUOTE = 200


def _distinct(v: list[str]) -> list[str]:
    """Phrasings must differ from each other (case and outer white space aside)."""
    if len({p.strip().lower() for p in v}) != len(v):
        raise ValueError("phrasings repeat each other")
    return v


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where an answer comes from: a section of the pack's document and a verbatim quote."""

    section: str = Field(min_length=1)
    quote: str = Field(min_length=8, max_length=MAX_QUOTE)


class Translation(_Strict):
    """The English title and answer, a translation of the Swedish (which is authoritative).

    `phrasings` are how English-speaking staff would type the question; they are searched for
    English questions just as the Swedish phrasings are for Swedish ones.
    """

    title: str = Field(min_length=2, max_length=120)
    answer: str = Field(min_length=10, max_length=MAX_ANSWER + 100)
    phrasings: list[str] = Field(default_factory=list, max_length=10)
    translation_of: str = "sv"

    _distinct_phrasings = field_validator("phrasings")(_distinct)


class Entry(_Strict):
    """One question-and-answer entry."""

    id: str
    title: str = Field(min_length=2, max_length=120)
    phrasings: list[str] = Field(min_length=3, max_length=14)
    answer: str = Field(min_length=10, max_length=MAX_ANSWER)
    source: Source
    keywords: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    followups: list[str] = Field(default_factory=list, max_length=3)
    topic: str | None = None
    decided: date | None = None
    en: Translation

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not ID_RE.match(v):
            raise ValueError("id must look like 'org.topic.detail' (lowercase, dots)")
        return v

    _distinct_phrasings = field_validator("phrasings")(_distinct)


class GlossaryTerm(_Strict):
    """An abbreviation or term of the field, as this municipality uses it."""

    term: str = Field(min_length=1)
    expansion: str = Field(min_length=1)
    meaning: str = Field(min_length=5, max_length=MAX_ANSWER)
    meaning_en: str = Field(min_length=5, max_length=MAX_ANSWER + 100)
    synonyms: list[str] = Field(default_factory=list)
    # True where the expansion is common knowledge, not stated by the document itself.
    outside_knowledge: bool = False
    section: str | None = None


class Document(_Strict):
    """The guideline document a pack is built from."""

    title: str
    # What a reply's source line names (a phone screen has room for about 80 characters).
    short_title: str = Field(min_length=3, max_length=40)
    seed_file: str
    municipality: str
    decided: date | None = None
    decided_by: str | None = None
    reference: str | None = None
    sections: list[str] = Field(min_length=1)


class Pack(_Strict):
    """A municipality's knowledge pack."""

    org: str
    document: Document
    unit_name: str
    ask_at_unit: str = Field(min_length=5, max_length=300)
    ask_at_unit_en: str = Field(min_length=5, max_length=300)
    entries: list[Entry] = Field(min_length=1)
    glossary: list[GlossaryTerm] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Pack:
        seen: set[str] = set()
        for e in self.entries:
            if not e.id.startswith(self.org + "."):
                raise ValueError(f"entry {e.id}: id must start with '{self.org}.'")
            if e.id in seen:
                raise ValueError(f"entry {e.id}: duplicate id")
            seen.add(e.id)
            if e.source.section not in self.document.sections:
                raise ValueError(
                    f"entry {e.id}: source.section {e.source.section!r} is not one of "
                    "document.sections"
                )
        terms = [g.term.lower() for g in self.glossary]
        if len(set(terms)) != len(terms):
            raise ValueError("glossary: a term is listed twice")
        return self
