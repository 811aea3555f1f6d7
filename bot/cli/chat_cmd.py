"""`python -m bot chat`: the same conversations in the terminal, through a local Bot API.

The real Application runs against the local stand-in server, so what you see here is what a
Telegram user would see; inline buttons appear as numbered choices. The terminal user is trusted:
a local coordinator of BOT_DEFAULT_ORG. It has a database of its own (BOT_CHAT_DATABASE_URL,
default ./data/chat.db): the terminal user is written there as a coordinator, which must never
happen in the production database, where reminders to real users would end up in a terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time

from sqlalchemy.engine import make_url

from bot.app import build_application
from bot.cli.lease import take_lease
from bot.cli.startup import StartupError, fail, prepare
from bot.config import ConfigError, load_settings
from bot.i18n import translator
from bot.localapi.server import Call, FakeBotAPI
from bot.runner import start, stop
from bot.services import Services
from bot.storage import users

LOCAL_USER_ID = 1
QUIET = 0.35  # seconds without new bot output that end a reply


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="talk to the assistant in the terminal (no Telegram needed)")
    p.add_argument("--database-url", default=None,
                   help="the chat's database (default: BOT_CHAT_DATABASE_URL, else "
                        "sqlite:///./data/chat.db; never DATABASE_URL unless given here)")
    p.set_defaults(func=run)


def chat_database_url(args: argparse.Namespace) -> str:
    """--database-url, else BOT_CHAT_DATABASE_URL, else ./data/chat.db; never DATABASE_URL.

    Raises:
        ConfigError: a setting has a wrong value.
    """
    explicit = getattr(args, "database_url", None)
    # Through the settings either way, so a given URL is checked like any other.
    overrides = {"BOT_CHAT_DATABASE_URL": explicit} if explicit else {}
    return load_settings(**overrides).chat_database_url


def run(args: argparse.Namespace) -> int:
    try:
        database_url = chat_database_url(args)
        lease = take_lease(database_url)  # one chat (or bot) per database, as for `run`
    except (ConfigError, StartupError) as exc:
        return fail(str(exc))
    try:
        return asyncio.run(_chat(database_url))
    except StartupError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 0
    finally:
        lease.release()


async def _ensure_local_user(services: Services) -> None:
    async with services.db.begin() as session:
        user = await users.get_or_create(session, LOCAL_USER_ID)
        user.active, user.role = True, "coordinator"
        user.org = services.settings.default_org
        user.locale = user.locale or services.settings.locale


async def _banner(services: Services) -> str:
    """The greeting, naming the municipality questions are answered for: the terminal user's
    stored /kommun choice wins over BOT_DEFAULT_ORG, and the banner says which one applies."""
    settings = services.settings
    async with services.db.begin() as session:
        user = await users.get_or_create(session, LOCAL_USER_ID)
        chosen, lang = user.ask_org, user.locale or settings.locale
    t = translator(lang)
    org = chosen or settings.default_org
    name = services.kb.municipality_name(org)
    lines = [t("chat.banner", municipality=name)]
    if chosen and chosen != settings.default_org:
        lines.append(t("banner.org_chosen", municipality=name,
                       default=services.kb.municipality_name(settings.default_org)))
    else:
        lines.append(t("banner.org_default", municipality=name))
    return "\n".join(lines)


async def _database_line(services: Services, database_url: str) -> str:
    """Which database the chat writes to (its own unless asked otherwise), password hidden."""
    async with services.db.begin() as session:
        user = await users.get_or_create(session, LOCAL_USER_ID)
        lang = user.locale or services.settings.locale
    shown = make_url(database_url).render_as_string(hide_password=True)
    return translator(lang)("chat.database", database=shown)


def _render(call: Call, buttons: list[tuple[str, str]]) -> str:
    lines = [call.text] if call.text else []
    for row in call.buttons:
        labels = []
        for button in row:
            if "callback_data" in button:
                buttons.append((button["callback_data"], call))  # type: ignore[arg-type]
                labels.append(f"[{len(buttons)}] {button['text']}")
            elif "url" in button:
                labels.append(f"{button['text']} <{button['url']}>")
        lines.append("   ".join(labels))
    return "\n".join(lines)


async def _chat(database_url: str) -> int:
    api = await FakeBotAPI().start()
    # The terminal is the conversation: only warnings and errors are logged there.
    settings, services = prepare(logging.WARNING, BOT_TOKEN="local:terminal-chat", BOT_API_URL=api.base_url,
                                 BOT_API_FILE_URL=api.file_url, DATABASE_URL=database_url)
    await _ensure_local_user(services)
    app = build_application(settings, services)
    await start(app, poll_timeout=1)
    interactive = sys.stdin.isatty()
    print(await _banner(services))
    print(await _database_line(services, database_url))
    buttons: list[tuple[str, Call]] = []
    seen = len(api.calls)
    loop = asyncio.get_running_loop()
    try:
        while True:
            if interactive:
                print("> ", end="", flush=True)
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                break
            line = line.strip()
            if not line:
                continue
            if line.isdigit() and 1 <= int(line) <= len(buttons):
                data, message = buttons[int(line) - 1]
                await api.press(LOCAL_USER_ID, data, message, language_code=settings.locale)
            else:
                await api.send_text(LOCAL_USER_ID, line, language_code=settings.locale)
            seen = await _print_replies(api, seen, buttons)
    finally:
        await stop(app)
        await api.stop()
    return 0


async def _print_replies(api: FakeBotAPI, seen: int, buttons: list) -> int:  # noqa: ANN001
    """Print what the bot said since `seen`, until it has been quiet for a moment."""
    deadline = time.monotonic() + 15
    last_change, count = time.monotonic(), len(api.calls)
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        if len(api.calls) != count:
            count, last_change = len(api.calls), time.monotonic()
        shown = [c for c in api.calls[seen:] if c.method in ("sendMessage", "editMessageText",
                                                             "sendDocument", "answerCallbackQuery")]
        if shown and time.monotonic() - last_change > QUIET:
            break
    new_buttons: list = []
    for call in api.calls[seen:]:
        if call.method in ("sendMessage", "editMessageText"):
            print(_render(call, new_buttons))
        elif call.method == "sendDocument":
            print(f"[{call.params.get('document', {}).get('filename', 'fil')}]")
        elif call.method == "answerCallbackQuery" and call.params.get("text"):
            print(call.params["text"])
    if new_buttons:
        buttons[:] = new_buttons
    return len(api.calls)
