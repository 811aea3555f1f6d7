"""Guided forms in the chat: /aktualisera, its buttons, typed answers and /avbryt mid-form.

Thin: parse the update, call bot.forms.flow (which owns the draft), render its View. Every
reply is queued on the Turn and goes out after the commit, so "sparat" follows the save.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot import callback_data
from bot.forms import flow
from bot.forms.flow import View
from bot.forms.schema import Form
from bot.handlers import ask, form_view
from bot.handlers.basics import command
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.context import BotContext
from bot.storage import drafts
from bot.storage.models import FormDraft

BACK_WORDS = frozenset({"tillbaka", "back"})  # typed instead of the « Tillbaka button
OPEN_KEY = "form_open"  # user_data: whether the user has an open draft (None: ask the database)
PROMPT_KEY = "form_prompt"  # user_data: the id of the last form message sent with buttons


def _reply(turn: Turn, text: str, markup: InlineKeyboardMarkup | None) -> None:
    """A form message; one with buttons is remembered, so that a typed answer can take its
    now stale buttons away (in memory only: after a restart they stay, and answer "stale")."""
    turn.reply(text, markup, on_sent=_remember(turn) if markup is not None else None)


def _remember(turn: Turn) -> Callable[[int], None] | None:
    user_data = turn.context.user_data
    if user_data is None:
        return None

    def remember(message_id: int) -> None:
        user_data[PROMPT_KEY] = message_id

    return remember


def _drop_previous_prompt(turn: Turn, previous: object) -> None:
    """After a typed answer or /avbryt: the previous prompt's buttons would only say "stale"."""
    if isinstance(previous, int):
        turn.drop_buttons(previous)


def render(turn: Turn, view: View) -> None:
    """Queue what a View shows; remember whether a draft stays open."""
    t = turn.t
    if turn.context.user_data is not None:
        turn.context.user_data[OPEN_KEY] = view.kind in (
            flow.STEP, flow.SUMMARY, flow.REJECTED, flow.ASK_RESUME)
    if view.kind in (flow.STEP, flow.REJECTED):
        _reply(turn, *form_view.step_message(view, t))
    elif view.kind == flow.SUMMARY:
        assert view.form is not None
        text, markup = form_view.summary_message(view, t, flow.preview(view.form, view.answers))
        if view.note is not None:
            text = "ℹ️ " + view.note.get(t.lang) + "\n\n" + text
        _reply(turn, text, markup)
    elif view.kind == flow.ENDED:
        turn.reply(form_view.ended_message(view, t))
        if view.then is not None:  # a redirect: the other form starts here
            render(turn, view.then)
    elif view.kind == flow.SAVED:
        assert view.result is not None
        turn.reply(t(view.result.text_key, **form_view.format_params(t, view.result.params)))
    elif view.kind == flow.ASK_RESUME:
        _reply(turn, *form_view.resume_message(view, t))
    elif view.kind == flow.CANCELLED:
        turn.reply(t("form.cancelled"))
    elif view.kind == flow.NO_FORM:
        turn.reply(t("form.none"))


def stale(turn: Turn) -> None:
    """An old or double-pressed button: "already done", and its buttons go if still shown."""
    turn.answer(turn.t("form.stale"))
    message = turn.update.effective_message
    if message is not None and getattr(message, "reply_markup", None):
        turn.edit_markup(None)


@unit_of_work(command="aktualisera")
async def start_form(turn: Turn) -> None:
    """/aktualisera: the user's municipality's intake form (or continue/discard an open one)."""
    render(turn, await flow.begin(turn.session, turn.user.telegram_id, turn.home_org,
                                  "aktualisera"))


@unit_of_work(command="aktualisera")
async def on_button(turn: Turn) -> None:
    """A form button: answer, back, change, confirm, cancel, continue or discard."""
    values = turn.button(form_view.PREFIX, callback_data.choice(form_view.ACTIONS),
                         callback_data.integer, callback_data.integer, callback_data.token)
    if values is None:
        return
    action, draft_id, seq, arg = values
    pressed_message = turn.update.effective_message
    if (turn.context.user_data and pressed_message is not None
            and turn.context.user_data.get(PROMPT_KEY) == pressed_message.message_id):
        del turn.context.user_data[PROMPT_KEY]  # its buttons go with the press, below
    got = await flow.pressed(turn.session, turn.user.telegram_id, draft_id, seq)
    if isinstance(got, View):
        if got.kind == flow.STALE:
            stale(turn)
            return
        turn.answer()
        render(turn, got)
        return
    draft, form = got
    session, lang = turn.session, turn.t.lang
    now = datetime.now(UTC)
    if action == "c":
        step = flow.show(draft, form).step
        if step is None or (step.kind == "choice" and not str(arg).isdigit()):
            view = View(flow.STALE)
        else:
            raw = step.options[int(arg)].value if step.kind == "choice" and int(
                arg) < len(step.options) else str(arg)
            view = await flow.take_answer(session, draft, form, raw,
                                     today=now.astimezone(turn.t.tz).date(), lang=lang)
    elif action == "b":
        view = await flow.back(session, draft, form)
    elif action == "x":
        view = await flow.cancel(session, draft)
    elif action == "k":
        view = await flow.confirm(session, draft, form, lang=lang, now=now)
    elif action == "e":
        view = await flow.change(session, draft, form, int(arg) if str(arg).isdigit() else 0)
    elif action == "r":
        view = await flow.resume(session, draft, form)
    else:
        view = await flow.discard_and_restart(session, draft, form, turn.user.telegram_id,
                                              wanted=str(arg))
    if view.kind == flow.STALE:
        stale(turn)
        return
    turn.answer()
    message = turn.update.effective_message
    pressed_text = (message.text if message else None) or ""
    if action == "c" and view.chosen:
        turn.edit(form_view.chosen_text(view, turn.t, pressed_text))
    else:
        turn.edit_markup(None)
    render(turn, view)


@unit_of_work(command="aktualisera")
async def on_text(turn: Turn) -> None:
    """Text while a draft is open answers its step; a question waits until the form is done."""
    message = turn.update.effective_message
    text = (message.text if message else None) or ""
    got = await flow.current(turn.session, turn.user.telegram_id)
    if got is None:
        if turn.context.user_data is not None:
            turn.context.user_data[OPEN_KEY] = False
        await ask.answer_question(turn, text)
        return
    previous = turn.context.user_data.pop(PROMPT_KEY, None) if turn.context.user_data else None
    await _answer_typed(turn, got, text)
    _drop_previous_prompt(turn, previous)


async def _answer_typed(turn: Turn, got: tuple[FormDraft, Form] | View, text: str) -> None:
    if isinstance(got, View):
        render(turn, got)
        return
    draft, form = got
    if text.strip().casefold() in BACK_WORDS:
        render(turn, await flow.back(turn.session, draft, form))
        return
    if text.rstrip().endswith("?"):
        turn.reply(turn.t("form.open_question", title=form.title.get(turn.t.lang)))
        render(turn, flow.show(draft, form))
        return
    today = datetime.now(UTC).astimezone(turn.t.tz).date()
    render(turn, await flow.take_answer(turn.session, draft, form, text, today=today,
                                   lang=turn.t.lang))


@unit_of_work(command="avbryt")
async def cancel(turn: Turn) -> None:
    """/avbryt: cancels an open form (nothing saved), or whatever else the user was doing."""
    got = await flow.current(turn.session, turn.user.telegram_id)
    if isinstance(got, tuple):
        render(turn, await flow.cancel(turn.session, got[0]))
        if turn.context.user_data:
            _drop_previous_prompt(turn, turn.context.user_data.pop(PROMPT_KEY, None))
        return
    if turn.context.user_data is not None:
        turn.context.user_data.pop("pending", None)
        turn.context.user_data[OPEN_KEY] = False
    turn.reply(turn.t("cancel.done"))


async def text_router(update: Update, context: BotContext) -> Any:
    """Free text goes to the open form, else to the question answering (ask.free_text)."""
    if await _has_open_draft(update, context):
        return await on_text(update, context)
    return await ask.free_text(update, context)


async def _has_open_draft(update: Update, context: BotContext) -> bool:
    cached = context.user_data.get(OPEN_KEY) if context.user_data is not None else None
    if cached is not None:
        return bool(cached)
    user = update.effective_user
    if user is None:
        return False
    async with context.services.db() as session:
        found = await drafts.open_draft(session, user.id) is not None
    if context.user_data is not None:
        context.user_data[OPEN_KEY] = found
    return found


def handlers() -> list[BaseHandler]:
    """Registered before basics (its /avbryt) and ask (its catch-all free text).

    The forms and their finishers are loaded here, when the application is built: a broken
    form stops the start, and no user's first step pays for reading them."""
    flow.preload()
    return [
        command("aktualisera", start_form),
        command("avbryt", cancel),
        CallbackQueryHandler(on_button, pattern=callback_data.prefix_pattern(form_view.PREFIX)),
        MessageHandler(filters.TEXT & ~filters.COMMAND, text_router),
    ]
