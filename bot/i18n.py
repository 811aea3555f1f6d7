"""Texts users read: gettext catalogs in locales/ (Swedish first, English) and Babel formatting."""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

# Inside the package (a link to the repository's locales/), so an installed bot has them too.
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"


def pick_language(stored: str | None, telegram_code: str | None, default: str) -> str:
    """The user's choice (/sprak) first, then Telegram's language_code, then the default."""
    if stored in LANGUAGES:
        return stored
    if telegram_code:
        code = telegram_code.split("-")[0].lower()
        if code in LANGUAGES:
            return code
        # Staff with phones in another language still read Swedish guidelines best.
    return default


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    """Compile the .po catalog in memory, so no build step stands between a clone and a run."""
    po = LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


MOMENT = "EEEE d MMMM HH:mm"  # "lördag 12 december 10:00": the weekday matters in a notice


class Translator:
    """Looks up texts and formats dates and numbers for one language in one time zone."""

    def __init__(self, lang: str, tz: ZoneInfo | str = "Europe/Stockholm") -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.tz = ZoneInfo(tz) if isinstance(tz, str) else tz
        self._locale = Locale.parse("sv_SE" if self.lang == "sv" else "en_GB")

    def __call__(self, key: str, **values: object) -> str:
        text = _catalog(self.lang).gettext(key)
        if text == key and self.lang != DEFAULT_LANGUAGE:
            text = _catalog(DEFAULT_LANGUAGE).gettext(key)
        return text.format(**values) if values else text

    def date(self, value: date | datetime, fmt: str = "medium") -> str:
        if isinstance(value, datetime):
            value = value.astimezone(self.tz).date()
        return format_date(value, format=fmt, locale=self._locale)

    def datetime(self, value: datetime, fmt: str = "medium") -> str:
        return format_datetime(value, format=fmt, tzinfo=self.tz, locale=self._locale)

    def number(self, value: float | int) -> str:
        return format_decimal(value, locale=self._locale)

    def stored(self, params: dict[str, object]) -> dict[str, object]:
        """A stored message's placeholders, rendered for this reader at delivery: by name,
        `x_key` is a locales key (shown as `x`), `date`/`x_date` an ISO date and `x_at` an ISO
        moment, formatted for this language and zone; anything else as it is."""
        values: dict[str, object] = {}
        for name, value in params.items():
            try:
                if name.endswith("_key"):
                    values[name.removesuffix("_key")] = self(str(value))
                elif name == "date" or name.endswith("_date"):
                    values[name] = self.date(date.fromisoformat(str(value)))
                elif name.endswith("_at"):
                    values[name] = self.datetime(datetime.fromisoformat(str(value)), MOMENT)
                else:
                    values[name] = value
            except ValueError:  # not the ISO value its name promises: shown as stored
                values[name] = value
        return values


@cache
def translator(lang: str, tz: ZoneInfo | str = "Europe/Stockholm") -> Translator:
    """A shared Translator per language and zone (immutable; Babel's Locale.parse is slow
    enough to show in every update's profile when repeated)."""
    return Translator(lang, tz)

