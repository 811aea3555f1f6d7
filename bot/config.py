"""The one typed settings object, read from the environment (documented in README.md)."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot import ORGS

TELEGRAM_API_URL = "https://api.telegram.org/bot"
TELEGRAM_FILE_URL = "https://api.telegram.org/file/bot"
# The one folder the app creates itself: the default database's, relative to where it runs.
DEFAULT_DATA_DIR = Path("data")
_USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


class ConfigError(Exception):
    """A setting has a wrong value; the message is one line a person can act on."""


class Settings(BaseSettings):
    """Everything configurable; each field maps to one environment variable."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = Field(default=None, alias="BOT_TOKEN")
    bot_api_url: str = Field(default=TELEGRAM_API_URL, alias="BOT_API_URL")
    bot_api_file_url: str = Field(default=TELEGRAM_FILE_URL, alias="BOT_API_FILE_URL")
    database_url: str = Field(default="sqlite:///./data/ame.db", alias="DATABASE_URL")
    # The terminal chat's own database: never the production one unless asked for.
    chat_database_url: str = Field(default="sqlite:///./data/chat.db", alias="BOT_CHAT_DATABASE_URL")
    timezone: str = Field(default="Europe/Stockholm", alias="BOT_TIMEZONE")
    locale: str = Field(default="sv", alias="BOT_LOCALE")
    default_org: str = Field(default="ragunda", alias="BOT_DEFAULT_ORG")
    packs_dir: Path | None = Field(default=None, alias="BOT_PACKS_DIR")
    # 1: a child process answers questions beside the bot's event loop; 0: in-process.
    search_workers: int = Field(default=1, alias="BOT_SEARCH_WORKERS")
    # None: the name Telegram's getMe gives at start; set, it overrides that.
    bot_username: str | None = Field(default=None, alias="BOT_USERNAME")
    closed_case_retention_days: int = Field(default=90, ge=1, alias="BOT_RETENTION_DAYS")
    draft_retention_days: int = Field(default=30, ge=1, alias="BOT_DRAFT_RETENTION_DAYS")
    question_retention_days: int = Field(default=180, ge=1, alias="BOT_QUESTION_RETENTION_DAYS")
    audit_retention_days: int = Field(default=365, ge=1, alias="BOT_AUDIT_RETENTION_DAYS")
    # The reminders tick (bot/reminders/): how often it looks for due reminders, and whether
    # the delivery rules (working days, quiet hours, digest) apply; off only for benchmarks.
    reminder_tick_seconds: float = Field(default=20.0, gt=0, alias="BOT_REMINDER_TICK_SECONDS")
    reminder_rules: bool = Field(default=True, alias="BOT_REMINDER_RULES")

    @field_validator("bot_api_url", "bot_api_file_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not v.startswith(("http://", "https://")) or len(v.split("://", 1)[1]) < 3:
            raise ValueError(f"not an http(s) URL: {v!r}")
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r} (e.g. Europe/Stockholm)") from None
        return v

    @field_validator("locale")
    @classmethod
    def _locale(cls, v: str) -> str:
        if v not in ("sv", "en"):
            raise ValueError(f"unsupported locale {v!r} (sv or en)")
        return v

    @field_validator("search_workers", mode="before")
    @classmethod
    def _workers(cls, v: object) -> int:
        if str(v).strip() not in ("0", "1"):
            raise ValueError(f"must be 0 or 1, not {v!r} (1: a child process answers questions)")
        return int(str(v).strip())

    @field_validator("bot_username")
    @classmethod
    def _username(cls, v: str | None) -> str | None:
        v = (v or "").strip().removeprefix("@")
        if not v:
            return None
        if not _USERNAME_RE.match(v):
            raise ValueError(f"not a Telegram bot username: {v!r} (e.g. ame_assistenten_bot)")
        return v

    @field_validator("default_org", mode="before")
    @classmethod
    def _org(cls, v: object) -> str:
        # Municipality ids are case-insensitive: BOT_DEFAULT_ORG=Ragunda is ragunda.
        v = str(v).strip().lower()
        if v not in ORGS:
            raise ValueError(f"unknown municipality {v!r} (one of {', '.join(ORGS)})")
        return v

    @field_validator("database_url", "chat_database_url")
    @classmethod
    def _db(cls, v: str) -> str:
        if not v.startswith(("sqlite", "postgresql", "postgres://")):
            raise ValueError(f"unsupported database URL scheme (sqlite or postgresql): {v.split(':')[0]}")
        _sqlite_folder_exists(v)
        return v

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _sqlite_folder_exists(url: str) -> None:
    """An SQLite file in a folder that does not exist is a typo, not a wish for a new folder;
    only the default ./data/ is created by the app (ensure_sqlite_dir)."""
    try:
        u = make_url(url)
    except ArgumentError:
        raise ValueError("not a database URL (e.g. sqlite:///./data/ame.db)") from None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return
    folder = Path(u.database).parent
    if folder.resolve() == DEFAULT_DATA_DIR.resolve() or folder.is_dir():
        return
    raise ValueError(f"the folder {str(folder)!r} of the SQLite file does not exist "
                     "(create it, or give another path)")


_ENV_NAMES = {
    name: (field.alias or name.upper()) for name, field in Settings.model_fields.items()
}


def load_settings(**overrides: object) -> Settings:
    """Read the settings from the environment.

    Raises:
        ConfigError: one line naming the variable and what is wrong with it.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "?"
        env = _ENV_NAMES.get(field, field)
        msg = err["msg"].removeprefix("Value error, ")
        raise ConfigError(f"configuration error: {env}: {msg}") from None
