"""Only admitted staff get in; roles and municipalities bound every command and button."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot import invites
from bot.commands import may_use
from bot.storage.models import AuditEvent, User
from tests.helpers.chat import Staff, texts

NOT_ADMITTED = "inbjudningskod"
NOT_ALLOWED = "får du inte göra"


async def _code(services, org="ragunda", role="staff", uses=1, expires=timedelta(days=7)):
    async with services.db.begin() as session:
        return await invites.create_invite(session, org, role, uses, expires)


async def _user(services, telegram_id) -> User:
    async with services.db.begin() as session:
        return await session.scalar(select(User).where(User.telegram_id == telegram_id))


async def test_a_code_works_once_and_a_replayed_one_is_refused_like_no_code(api, services, bot):
    code = await _code(services)
    first, second = Staff(api, 1001), Staff(api, 1002)
    assert "Välkommen" in texts(await first.say(f"/start {code}", expect=2))
    replay = await second.say(f"/start {code}")
    guessed = await second.say("/start AAAAAAAAAAAAAAAA")
    nothing = await second.say("/start")
    assert texts(replay) == texts(guessed) == texts(nothing)
    assert NOT_ADMITTED in texts(replay)


async def test_an_expired_code_is_refused(api, services, bot):
    code = await _code(services, expires=timedelta(seconds=-1))
    assert NOT_ADMITTED in texts(await Staff(api, 1003).say(f"/start {code}"))
    assert not (await _user(services, 1003)).active


async def test_a_code_for_three_admits_three(api, services, bot):
    code = await _code(services, org="stockholm", uses=3)
    for uid in (1101, 1102, 1103):
        assert "Stockholm" in texts(await Staff(api, uid).say(f"/start {code}", expect=2))
    assert NOT_ADMITTED in texts(await Staff(api, 1104).say(f"/start {code}"))


async def test_admission_is_audited_without_content(api, services, bot):
    code = await _code(services, org="avesta")
    await Staff(api, 1201).say(f"/start {code}", expect=2)
    async with services.db.begin() as session:
        events = list(await session.scalars(select(AuditEvent)))
    assert [(e.action, e.org) for e in events] == [("admitted", "avesta")]
    assert "1201" not in (events[0].actor + (events[0].object_ref or ""))


COMMANDS = ["hjalp", "help", "avbryt", "cancel", "sprak", "language", "fraga", "kommun",
            "obesvarade", "bjudin", "anvandare"]


@pytest.mark.parametrize("role", ["staff", "manager", "coordinator"])
async def test_every_command_obeys_the_role(make_staff, role):
    staff = await make_staff(role=role)
    for command in COMMANDS:
        calls = await staff.say(f"/{command}")
        refused = NOT_ALLOWED in texts(calls)
        assert refused is not may_use(role, command), (role, command)


@pytest.mark.parametrize("role", ["staff", "manager", "coordinator"])
async def test_every_button_obeys_the_role(make_staff, services, role):
    staff = await make_staff(role=role)
    other = await make_staff(role="staff")
    other_row = await _user(services, other.user_id)
    entry = "ragunda.aktualisering.ifo"
    assert services.kb.has_entry(entry)
    for data, needed in [("inv:staff", "bjudin"), (f"rev:{other_row.id}", "anvandare"),
                         ("lang:sv", "sprak"), ("org:avesta", "kommun"),
                         (f"kb:{entry}", "fraga"), (f"fb:1:{entry}", "fraga")]:
        calls = await staff.press_data(data)
        refused = any(NOT_ALLOWED in (c.params.get("text") or "") for c in calls)
        assert refused is not may_use(role, needed), (role, data)
    assert (await _user(services, other.user_id)).active is (role != "coordinator")


async def test_a_forged_button_for_another_municipality_is_refused(make_staff, services):
    coordinator = await make_staff(role="coordinator", org="avesta")
    victim = await make_staff(role="staff", org="ragunda")
    victim_row = await _user(services, victim.user_id)
    calls = await coordinator.press_data(f"rev:{victim_row.id}")
    assert NOT_ALLOWED in texts(calls)
    assert (await _user(services, victim.user_id)).active
    calls = await coordinator.press_data("rev:999999")
    assert NOT_ALLOWED in texts(calls)
    calls = await coordinator.press_data("nonsense:1")
    assert "gäller inte längre" in texts(calls)


async def test_a_coordinator_invites_lists_and_revokes_in_chat(make_staff, api, services):
    coordinator = await make_staff(role="coordinator", org="danderyd")
    calls = await coordinator.say("/bjudin")
    calls = await coordinator.press("Chef", expect=2)
    shown = texts(calls)
    code = shown.split("/start ")[-1].split()[0]
    assert "t.me/" in shown
    newcomer = Staff(api, 1301)
    assert "Danderyd" in texts(await newcomer.say(f"/start {code}", expect=2))
    assert (await _user(services, 1301)).role == "manager"
    calls = await coordinator.say("/anvandare")
    await coordinator.press("Återkalla", expect=2)
    assert not (await _user(services, 1301)).active
    assert NOT_ADMITTED in texts(await newcomer.say("vad betyder osa"))


async def test_a_flooding_user_is_slowed_and_others_are_not(make_staff, api):
    flooder = await make_staff()
    calm = await make_staff()
    before = len(api.calls)
    for _ in range(26):
        await api.send_text(flooder.user_id, "/hjalp")
    assert "Det här kan du göra" in texts(await calm.say("/hjalp"))
    await api.wait_for(lambda c: "väldigt många" in c.text, timeout=15)
    warnings = [c for c in api.calls[before:] if "väldigt många" in c.text]
    assert len(warnings) == 1 and warnings[0].chat_id == flooder.user_id
