"""A staff member's first minutes with the bot: admission, help, language, odd input."""

from __future__ import annotations

import pytest

from bot.handlers.render import split_message
from tests.helpers.chat import Staff, button_labels, texts


async def test_a_stranger_gets_one_polite_line_and_nothing_else(api, bot):
    stranger = Staff(api, 4242)
    for text in ("/start", "hur ofta sammanställs beställningarna?", "/hjalp"):
        calls = await stranger.say(text)
        assert len(calls) == 1
        assert "inbjudningskod" in calls[0].text
        assert not calls[0].buttons


async def test_an_invite_code_admits_and_the_welcome_lists_what_i_can_do(make_staff):
    staff = await make_staff(role="staff", org="ragunda")
    calls = await staff.say("/hjalp")
    text = texts(calls)
    assert "/fraga" in text and "/sprak" in text
    assert "/bjudin" not in text  # coordinators only


async def test_a_coordinator_sees_the_coordinator_commands(make_staff):
    coordinator = await make_staff(role="coordinator", org="avesta")
    text = texts(await coordinator.say("/help"))
    assert "/bjudin" in text and "/obesvarade" in text


async def test_language_follows_telegram_and_can_be_changed(make_staff):
    staff = await make_staff(lang="en")
    assert "This is what you can do" in texts(await staff.say("/help"))
    calls = await staff.say("/sprak")
    assert button_labels(calls[0]) == ["Svenska", "English"]
    calls = await staff.press("Svenska", expect=2)
    assert "svenska" in texts(calls)
    assert "Det här kan du göra" in texts(await staff.say("/hjalp"))


async def test_unknown_commands_and_media_get_an_explanation(make_staff):
    staff = await make_staff()
    assert "/hjalp" in texts(await staff.say("/gorallt"))
    for kind in ("photo", "voice", "sticker", "document"):
        calls = await staff.send_media(kind)
        assert "bara text" in texts(calls)


async def test_commands_are_registered_in_swedish_and_english(api, bot):
    calls = api.sent(method="setMyCommands")
    by_lang = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert {"sv", "en"} <= set(by_lang)
    sv = {c["command"]: c["description"] for c in by_lang["sv"]}
    en = {c["command"]: c["description"] for c in by_lang["en"]}
    assert sv["hjalp"] == "Hjälp" and en["help"] == "Help"  # English readers see /help
    assert "hjalp" not in en and "bjudin" not in sv  # staff's menu: no coordinator commands


async def test_a_failed_send_tells_the_user_something_went_wrong(make_staff, api):
    staff = await make_staff()
    api.fail_next("sendMessage", 500)
    calls = await staff.say("/hjalp")
    assert "Något gick fel" in texts(calls)


async def test_telegram_flood_limits_are_waited_out(make_staff, api):
    staff = await make_staff()
    api.fail_next("sendMessage", 429, retry_after=1)
    calls = await staff.say("/hjalp", timeout=15)
    assert "Det här kan du göra" in texts(calls)
    assert api.sent(method="sendMessage:failed")


async def test_group_chats_get_no_answer(api, make_staff):
    staff = await make_staff()
    before = len(api.calls)
    await api.send_text(staff.user_id, "/hjalp", chat_type="group")
    await staff.say("/hjalp")  # a private message after it is answered
    group_replies = [c for c in api.calls[before:] if c.chat_id == -staff.user_id]
    assert not group_replies


async def test_a_blocked_bot_is_not_an_endless_error(make_staff, api):
    staff = await make_staff()
    api.fail_next("sendMessage", 403)
    await api.send_text(staff.user_id, "/hjalp")
    calls = await staff.say("/hjalp")  # the next message is answered normally
    assert "Det här kan du göra" in texts(calls)


@pytest.mark.parametrize("length", [10, 4096, 4097, 9000, 20000])
def test_long_replies_are_split_cleanly(length):
    words = ("ord " * (length // 4 + 1))[:length].strip()
    text = "\n\n".join([words[: length // 2], words[length // 2:]])
    parts = split_message(text)
    assert all(0 < len(p) <= 4096 for p in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in parts)


def test_button_labels_are_cut_at_a_word_with_an_ellipsis():
    from bot.handlers.render import shorten

    label = shorten("Betalar AMI egenavgiften för den som är i etableringen?", 40)
    assert label.endswith("…") and len(label) <= 40
    assert label[:-1] == "Betalar AMI egenavgiften för den som är"[: len(label) - 1]
    assert shorten("Kort", 40) == "Kort"
