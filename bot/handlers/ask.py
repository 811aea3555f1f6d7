"""Guideline questions: free text and /fraga, /kommun, answer buttons, feedback, /obesvarade."""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import ORGS
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.render import keyboard, shorten
from bot.knowledge.search import AnswerCard, Reply
from bot.privacy.scrub import scrub_identifiers
from bot.storage import questions, users

MAX_QUESTION = 500  # characters; longer text is not a question but a pasted document
MAX_REMEMBERED = 50  # answers per user whose question is kept in memory for a 👎


def _card_text(turn: Turn, card: AnswerCard, label_org: bool) -> str:
    head = ""
    if label_org:
        head = turn.t("ask.for_municipality",
                      municipality=turn.services.kb.municipality_name(card.org)) + "\n"
    source = turn.t("ask.source", document=card.document, section=card.section)
    return f"{head}{card.title}\n\n{card.answer}\n\n{source}"


def render_reply(turn: Turn, reply: Reply) -> tuple[str, list[list[tuple[str, str]]]]:
    """The text and button rows a reply becomes."""
    if reply.abstained:
        lines = [turn.t("ask.dont_know")]
        if reply.nearest:
            lines.append(turn.t("ask.nearest"))
        lines.append(reply.ask_at_unit)
        rows = [[(shorten(title, 60), f"kb:{entry_id}")] for entry_id, title in reply.nearest[:3]]
        return "\n\n".join(lines), rows
    several = len(reply.cards) > 1
    label = several or reply.named_org is not None
    text = "\n\n――――\n\n".join(_card_text(turn, c, label) for c in reply.cards)
    rows: list[list[tuple[str, str]]] = []
    if not several:
        card = reply.cards[0]
        rows += [[(turn.t("ask.more", title=shorten(title, 50)), f"kb:{eid}")]
                 for eid, title in card.followups[:2]]
        if reply.alternatives:
            text += "\n\n" + turn.t("ask.did_you_mean")
            rows += [[(shorten(title, 60), f"kb:{eid}")] for eid, title in reply.alternatives[:3]]
        rows.append([("👍", f"fb:1:{card.entry_id}"), ("👎", f"fb:0:{card.entry_id}")])
    return text, rows


async def answer_question(turn: Turn, question: str) -> None:
    """Answers from the user's municipality's guideline, or says honestly that it cannot."""
    question = question.strip()
    if not question:
        turn.reply(turn.t("ask.empty"))
        return
    if len(question) > MAX_QUESTION:
        turn.reply(turn.t("ask.too_long", limit=MAX_QUESTION))
        return
    kb = turn.services.kb
    reply = await turn.services.search.ask(question, turn.org, turn.t.lang)
    text, rows = render_reply(turn, reply)
    if reply.abstained:
        # Committed before the reply goes out (the unit of work sends after the commit), so
        # the SQLite write lock is never held across a Bot API round trip.
        await questions.record_unanswered(turn.session, turn.org,
                                          scrub_identifiers(question, kb.vocabulary()),
                                          score=round(reply.score, 3))
        turn.reply(text, keyboard(rows))
        return
    asked = turn.context.user_data.setdefault("asked", {})

    def remember(message_id: int) -> None:
        asked[message_id] = question
        while len(asked) > MAX_REMEMBERED:
            asked.pop(next(iter(asked)))

    turn.reply(text, keyboard(rows), on_sent=remember)


@unit_of_work()
async def free_text(turn: Turn) -> None:
    """Any text that is not a command is a question."""
    await answer_question(turn, turn.update.effective_message.text or "")


@unit_of_work()
async def fraga(turn: Turn) -> None:
    """/fraga QUESTION answers it; /fraga alone asks for the question."""
    text = " ".join(turn.context.args or [])
    if not text:
        turn.reply(turn.t("ask.prompt"))
        return
    await answer_question(turn, text)


@unit_of_work()
async def show_entry(turn: Turn) -> None:
    """A follow-up, 'menade du' or nearest-topic button: shows that entry."""
    query = turn.update.callback_query
    entry_id = (query.data or "").split(":", 1)[-1]
    kb = turn.services.kb
    if not kb.has_entry(entry_id):
        turn.answer(turn.t("button.expired"), alert=True)
        return
    turn.answer()
    card = kb.entry_card(entry_id, turn.t.lang)
    reply = Reply(cards=[card], abstained=False, score=1.0,
                  named_org=card.org if card.org != turn.org else None, alternatives=[],
                  nearest=[], ask_at_unit="")
    text, rows = render_reply(turn, reply)
    turn.reply(text, keyboard(rows))


@unit_of_work()
async def feedback(turn: Turn) -> None:
    """👍/👎 on an answer; a 👎 keeps the question for the coordinators. Pressing twice is harmless."""
    query = turn.update.callback_query
    parts = (query.data or "").split(":", 2)
    kb = turn.services.kb
    if len(parts) != 3 or parts[1] not in ("0", "1") or not kb.has_entry(parts[2]):
        turn.answer(turn.t("button.expired"), alert=True)
        return
    message_id = query.message.message_id if query.message else 0
    voted = turn.context.user_data.setdefault("voted", set())
    if message_id in voted:
        turn.answer(turn.t("feedback.already"))
        return
    voted.add(message_id)
    helpful, entry_id = parts[1] == "1", parts[2]
    org = entry_id.split(".", 1)[0]
    await questions.record_feedback(turn.session, org, entry_id, helpful)
    question = turn.context.user_data.get("asked", {}).pop(message_id, None)
    if not helpful and question:
        await questions.record_unanswered(turn.session, org,
                                          scrub_identifiers(question, kb.vocabulary()),
                                          kind="downvoted", entry_id=entry_id)
    turn.answer(turn.t("feedback.thanks"))
    turn.edit_markup(None)


@unit_of_work()
async def choose_org(turn: Turn) -> None:
    """Offers the municipalities whose guidelines the bot knows."""
    kb = turn.services.kb
    rows = [[(kb.municipality_name(org), f"org:{org}")] for org in ORGS]
    turn.reply(turn.t("org.choose", municipality=kb.municipality_name(turn.org)),
                     keyboard(rows))


@unit_of_work(changes_user=True)
async def set_org(turn: Turn) -> None:
    """Stores which municipality's guideline the user's questions are about."""
    org = turn.button_choice(ORGS)
    if org is None:
        return
    await users.set_ask_org(turn.session, turn.user, org)
    turn.answer()
    turn.edit(turn.t("org.set",
                                         municipality=turn.services.kb.municipality_name(org)))


@unit_of_work(command="obesvarade")
async def unanswered(turn: Turn) -> None:
    """Coordinators: the latest questions the bot could not answer or that got a 👎."""
    rows = await questions.list_unanswered(turn.session, turn.user.org, limit=20)
    if not rows:
        turn.reply(turn.t("unanswered.none"))
        return
    lines = [turn.t("unanswered.heading", count=turn.t.number(len(rows)))]
    for r in rows:
        mark = "👎" if r.kind == "downvoted" else "?"
        lines.append(f"{mark} {turn.t.date(r.created_at, 'short')}: {r.question}")
    turn.reply("\n".join(lines))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("fraga", fraga),
        CommandHandler("kommun", choose_org),
        CommandHandler("obesvarade", unanswered),
        CallbackQueryHandler(set_org, pattern=r"^org:"),
        CallbackQueryHandler(show_entry, pattern=r"^kb:"),
        CallbackQueryHandler(feedback, pattern=r"^fb:"),
        # Last of this module: any other text is a question.
        MessageHandler(filters.TEXT & ~filters.COMMAND, free_text),
    ]
