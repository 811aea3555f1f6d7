"""A staff member answers a form's prompt by typing: the prompt above keeps no buttons that
would only answer "already done" (and /avbryt takes the last prompt's buttons away too)."""

from __future__ import annotations

from bot.localapi.server import Call, FakeBotAPI
from tests.helpers.chat import button_labels, texts


def _buttons_now(api: FakeBotAPI, call: Call) -> object:
    """The buttons the chat shows on that message now."""
    stored = api.messages[(int(call.params["chat_id"]), int(call.params["_message_id"]))]
    return stored.get("reply_markup")


async def test_a_typed_answer_takes_the_previous_prompts_buttons_away(make_staff, api):  # noqa: ANN001
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    await staff.press("Arbetsförmedlingen", expect=3)
    await staff.press("Etableringsjobb", expect=2)
    await staff.press("Utegrupp", expect=2)
    reference_prompt = staff.last_with_buttons
    assert reference_prompt is not None and "Din egen referens" in reference_prompt.text
    assert "« Tillbaka" in " ".join(button_labels(reference_prompt))

    shown = await staff.say("AME-0042", expect=2)
    assert "Startdatum" in texts(shown)
    assert not _buttons_now(api, reference_prompt)
    date_prompt = staff.last_with_buttons
    assert date_prompt is not None and "Startdatum" in date_prompt.text
    assert _buttons_now(api, date_prompt)

    assert "finns inte" in texts(await staff.say("31/2", expect=2))  # refused: asked again
    assert not _buttons_now(api, date_prompt)
    again = staff.last_with_buttons
    assert again is not None and again is not date_prompt and _buttons_now(api, again)

    await staff.say("/avbryt", expect=2)
    assert not _buttons_now(api, again)
