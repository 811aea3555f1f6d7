"""Coordinators see whom they admit: Telegram names in /anvandare and `admin users`, their own
menu, buttons parsed strictly; one registry behind every command."""

from __future__ import annotations

from sqlalchemy import event, select
from telegram.ext import CommandHandler

from bot import commands, invites
from bot.localapi.server import FakeBotAPI
from bot.storage.models import User
from tests.helpers.chat import Staff, texts
from tests.test_processes import _env, _run

EXPIRED = "gäller inte längre"


async def _say_as(api: FakeBotAPI, staff: Staff, text: str, first: str, last: str | None,
                  username: str | None) -> None:
    """A message from a user whose Telegram profile carries a name and an @username."""
    before = len(api.calls)
    msg = api._message(staff.user_id, staff.language_code, "private")  # noqa: SLF001
    msg["from"].update(first_name=first, **({"last_name": last} if last else {}),
                       **({"username": username} if username else {}))
    msg["text"] = text
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0,
                            "length": len(text.split()[0])}]
    await api._push({"message": msg})  # noqa: SLF001
    await api.wait_for(lambda c: c.chat_id == staff.user_id
                       and api.calls.index(c) >= before)


async def _code(services, org: str, role: str) -> str:
    async with services.db.begin() as session:
        return await invites.create_invite(session, org, role)


async def test_the_user_list_names_each_colleague_and_follows_a_rename(api, services, bot,
                                                                      make_staff):
    coordinator = await make_staff(role="coordinator", org="avesta")
    anna = Staff(api, 7301)
    await _say_as(api, anna, f"/start {await _code(services, 'avesta', 'manager')}",
                  "Anna", "Berg", "annaberg")
    shown = texts(await coordinator.say("/anvandare"))
    assert "Anna Berg @annaberg – Chef – aktiv" in shown
    assert "Återkalla Anna Berg @annaberg" in str(coordinator.last_with_buttons.buttons)

    writes = []
    listener = (lambda conn, cursor, statement, *rest:  # noqa: E731
                writes.append(statement) if statement.startswith("UPDATE users") else None)
    event.listen(services.engine.sync_engine, "before_cursor_execute", listener)
    try:
        for _ in range(3):  # the same name again: no write
            await _say_as(api, anna, "vad betyder osa", "Anna", "Berg", "annaberg")
        assert writes == []
        await _say_as(api, anna, "vad betyder osa", "Anna", "Lind", None)
        assert len(writes) == 1
    finally:
        event.remove(services.engine.sync_engine, "before_cursor_execute", listener)
    shown = texts(await coordinator.say("/anvandare"))
    assert "Anna Lind – Chef" in shown and "annaberg" not in shown


async def test_admin_users_prints_the_same_names(api, services, bot, make_staff):
    anna = Staff(api, 7302)
    await _say_as(api, anna, f"/start {await _code(services, 'bjurholm', 'staff')}",
                  "Anna", None, "anna_b")
    result = _run("admin", "users", "--org", "bjurholm",
                  env=_env(DATABASE_URL=services.settings.database_url))
    assert result.returncode == 0, result.stderr
    header, *lines = result.stdout.splitlines()
    assert header.split("\t") == ["telegram_id", "pseudonym", "name", "username", "role",
                                  "state"]
    [line] = [row for row in lines if row.startswith("7302")]
    assert line.split("\t")[2:] == ["Anna", "@anna_b", "staff", "active"]
    empty = _run("admin", "users", "--org", "stockholm",
                 env=_env(DATABASE_URL=services.settings.database_url))
    assert empty.stdout.strip() == "no users"


async def test_revoke_buttons_with_odd_data_have_expired(make_staff, services):
    coordinator = await make_staff(role="coordinator", org="danderyd")
    colleague = await make_staff(role="staff", org="danderyd")
    async with services.db.begin() as session:
        row = await session.scalar(select(User).where(User.telegram_id == colleague.user_id))
    arabic_indic = "".join(chr(0x0660 + int(d)) for d in str(row.id))  # rev:٣ for rev:3
    for data in (f"rev:{arabic_indic}", "rev:" + "9" * 40, "rev:", f"rev:{row.id}:1",
                 f"rev:{row.id}" + " " * 70):
        calls = await coordinator.press_data(data)
        assert EXPIRED in texts(calls), data
    async with services.db.begin() as session:
        assert (await session.get(User, row.id)).active


async def test_coordinators_and_managers_get_their_own_menu_in_their_chat(make_staff, api,
                                                                        services):
    staff = await make_staff(role="staff")
    coordinator = await make_staff(role="coordinator")
    manager = await make_staff(role="manager")

    def chat_menus(user_id: int) -> dict:
        return {c.params.get("language_code"): [x["command"] for x in c.params["commands"]]
                for c in api.sent(method="setMyCommands")
                if (c.params.get("scope") or {}).get("chat_id") == user_id}

    assert chat_menus(staff.user_id) == {}  # the default menu is theirs
    menus = chat_menus(coordinator.user_id)
    assert {"sv", "en", None} <= set(menus)
    assert "bjudin" in menus["sv"] and "anvandare" in menus["en"] and "help" in menus["en"]
    assert "hjalp" in menus["sv"] and "hjalp" not in menus["en"]
    # A manager's menu is staff's today (no manager-only command exists yet): no own scope.
    assert (chat_menus(manager.user_id) != {}) == ("manager" in commands.roles_with_own_menu())

    other = await make_staff(role="coordinator")
    async with services.db.begin() as session:
        row = await session.scalar(select(User).where(User.telegram_id == coordinator.user_id))
    await other.press_data(f"rev:{row.id}", expect=2)  # a coordinator revoked: menu goes too
    await api.wait_for(lambda c: c.method == "deleteMyCommands"
                       and (c.params.get("scope") or {}).get("chat_id") == coordinator.user_id)


async def test_the_english_help_lists_the_english_names(make_staff):
    coordinator = await make_staff(role="coordinator", lang="en")
    shown = texts(await coordinator.say("/help"))
    for name in ("/help", "/cancel", "/language", "/bjudin"):
        assert name in shown
    for name in ("/hjalp", "/avbryt", "/sprak"):
        assert name not in shown
    swedish = await make_staff(role="staff")
    shown = texts(await swedish.say("/hjalp"))
    assert "/hjalp" in shown and "/help" not in shown


async def test_every_available_command_is_answered_and_every_handler_is_in_the_registry(bot):
    handled = {name for group in bot.handlers.values() for h in group
               if isinstance(h, CommandHandler) for name in h.commands}
    registered = {n for c in commands.COMMANDS if c.available for n in c.names}
    assert handled == registered


def test_the_registry_sets_the_roles_orders_need():
    assert commands.may_use("staff", "bestall") and commands.may_use("manager", "bestall")
    assert not commands.may_use("manager", "avtal") and commands.may_use("coordinator", "avtal")
    assert not commands.may_use("manager", "sammanstall")
    assert commands.role_of("help") == "staff" and commands.get("language").name == "sprak"
    assert {"bestall", "mina_bestallningar", "avtal", "sammanstall"} <= commands.AVAILABLE
