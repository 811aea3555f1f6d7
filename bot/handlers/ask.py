"""Guideline questions: free text and /fraga, /kommun, entry and source buttons, /obesvarade."""

from __future__ import annotations

import re

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import ORGS
from bot.callback_data import build, choice, parse, prefix_pattern
from bot.eligibility.schema import bundled
from bot.handlers import answer_buttons as buttons
from bot.handlers import feedback
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.render import (
    Rows,
    all_orgs_reply,
    card_html,
    esc,
    keyboard,
    parts_replies,
    shorten,
)
from bot.i18n import Translator, translator
from bot.knowledge.schema import Document
from bot.knowledge.search import AnswerCard, KnowledgeBase, Reply
from bot.knowledge.text import detect_language, tokens
from bot.privacy.scrub import scrub_identifiers
from bot.storage import questions, users
from bot.storage.models import User

MAX_QUESTION = 500  # characters; longer text is not a question but a pasted document
HTML = "HTML"
# "2", "3.", " 1) ": a choice from a numbered list, typed where Telegram has buttons instead.
_LONE_NUMBER = re.compile(r"\s*[0-9]{1,3}\s*[.):]?\s*")


def answer_language(question: str, own: str) -> str:
    """The language to answer in: the question's own when it plainly has one, else the user's.

    The knowledge base's guess counts function words and calls a question English only when
    English ones outnumber Swedish ones; a tie, or a question of keywords only ("busskort
    pris"), is its default, Swedish. So for an English-setting user a question is plainly
    Swedish only when it would still read as Swedish with one more English word: a keyword
    question, or one as English as it is Swedish ("vad galler for busskort"), stays in English.
    """
    words = tokens(question)
    if detect_language(words) == "en":
        return "en"
    if own == "en" and detect_language([*words, "the"]) == "sv":
        return "sv"
    return own


def _document(kb: KnowledgeBase, org: str) -> Document:
    # KnowledgeBase has no public accessor for a pack's document yet (bot/knowledge is not
    # this module's to change); the source button needs its decision and reference.
    return kb._packs[org].document  # noqa: SLF001


def render_card(t: Translator, kb: KnowledgeBase, card: AnswerCard, label_org: bool,
                alternatives: list[tuple[str, str]], votes: bool) -> tuple[str, Rows]:
    """One answer in HTML, with its follow-ups, "menade du", source and vote buttons.

    An entry is offered once: as a "menade du" alternative (the bot is unsure, which the user
    should see) rather than also as a follow-up, and never the answer's own entry.
    """
    lang = t.lang
    text = card_html(t, kb, card, label_org)
    alternatives = [(e, title) for e, title in alternatives[:3] if e != card.entry_id]
    offered = {card.entry_id, *(e for e, _ in alternatives)}
    rows: Rows = [[(t("ask.more", title=shorten(title, 50)), buttons.show(e, lang))]
                  for e, title in card.followups[:2] if e not in offered]
    if alternatives:
        text += "\n\n" + esc(t("ask.did_you_mean"))
        rows += [[(shorten(title, 60), buttons.show(e, lang))] for e, title in alternatives]
    # An eligibility verdict is no pack entry: its text already names every rule's source.
    last = ([(t("ask.source_button"), buttons.source(card.entry_id, lang))]
            if kb.has_entry(card.entry_id) else [])
    if votes:
        last += [("👍", buttons.vote(True, card.entry_id, lang)),
                 ("👎", buttons.vote(False, card.entry_id, lang))]
    rows.append(last)
    return text, rows


def render_messages(t: Translator, kb: KnowledgeBase, reply: Reply, votes: bool = True
                    ) -> list[tuple[str, Rows]]:
    """The messages a reply becomes: a two-part question's answered parts one each (each with
    its own votes), any other reply one message (votes on a single confident card)."""
    if not reply.abstained and reply.parts:
        return parts_replies(t, kb, reply, votes)
    return [render_reply(t, kb, reply, votes)]


def render_reply(t: Translator, kb: KnowledgeBase, reply: Reply, votes: bool = False
                 ) -> tuple[str, Rows]:
    """The HTML text and button rows a reply becomes (votes only on a single card)."""
    lang = t.lang
    if not reply.abstained and reply.per_org_lines:
        return all_orgs_reply(t, kb, reply)
    if reply.abstained:
        lines = [t("ask.dont_know")]
        if reply.nearest:
            lines.append(t("ask.nearest"))
        lines.append(reply.ask_at_unit)
        rows = [[(shorten(title, 60), buttons.show(e, lang))] for e, title in reply.nearest[:3]]
        return "\n\n".join(esc(line) for line in lines), rows
    if len(reply.cards) == 1:
        return render_card(t, kb, reply.cards[0], reply.named_org is not None,
                           reply.alternatives, votes)
    text = "\n\n――――\n\n".join(card_html(t, kb, c, True) for c in reply.cards)
    sources = [(t("ask.source_button_for", municipality=kb.municipality_name(c.org)),
                buttons.source(c.entry_id, lang)) for c in reply.cards if kb.has_entry(c.entry_id)]
    return text, [sources[i:i + 2] for i in range(0, len(sources), 2)]


async def answer_question(turn: Turn, question: str) -> None:
    """Answers from the user's municipality's guideline, or says honestly that it cannot."""
    question = question.strip()
    if not question:
        turn.reply(turn.t("ask.empty"))
        return
    if _LONE_NUMBER.fullmatch(question):
        # Not a question, and not one to keep for the coordinators either.
        turn.reply(turn.t("ask.no_list"))
        return
    if len(question) > MAX_QUESTION:
        turn.reply(turn.t("ask.too_long", limit=MAX_QUESTION))
        return
    kb = turn.services.kb
    t = translator(answer_language(question, turn.t.lang), turn.services.settings.tz)
    reply = await turn.services.search.ask(question, turn.org, t.lang)
    # A confident answer writes nothing (its vote buttons carry the entry; the press writes
    # the vote), so 50 staff asking at once do not queue on SQLite's one write lock. Only what
    # the coordinators must see is written, before the reply goes out (the unit of work sends
    # after the commit), so the write lock is never held across a Bot API round trip.
    if reply.abstained:
        await questions.record_unanswered(turn.session, turn.org,
                                          scrub_identifiers(question, kb.vocabulary()),
                                          score=round(reply.score, 3))
    for p in reply.parts:  # a part without an answer is a gap for the coordinators
        if p.card is None and not reply.abstained:
            await questions.record_unanswered(turn.session, turn.org,
                                              scrub_identifiers(p.text, kb.vocabulary()))
    for text, rows in render_messages(t, kb, reply):
        turn.reply(text, keyboard(rows), parse_mode=HTML)


@unit_of_work()
async def free_text(turn: Turn) -> None:
    """Any text that is not a command is a question."""
    message = turn.update.effective_message
    await answer_question(turn, (message.text if message else None) or "")


@unit_of_work()
async def fraga(turn: Turn) -> None:
    """/fraga QUESTION answers it; /fraga alone asks for the question."""
    text = " ".join(turn.context.args or [])
    if not text:
        turn.reply(turn.t("ask.prompt"))
        return
    await answer_question(turn, text)


def _pressed_entry(turn: Turn, prefix: str) -> tuple[str, Translator] | None:
    query = turn.update.callback_query
    got = buttons.read_entry(query.data if query else None, prefix)
    if got is None or not turn.services.kb.has_entry(got[0]):
        turn.answer(turn.t("button.expired"), alert=True)
        return None
    return got[0], translator(got[1], turn.services.settings.tz)


@unit_of_work()
async def show_entry(turn: Turn) -> None:
    """A follow-up, 'menade du' or nearest-topic button: shows that entry, in the language of
    the answer the button was under."""
    pressed = _pressed_entry(turn, "kb")
    if pressed is None:
        return
    entry_id, t = pressed
    turn.answer()
    kb = turn.services.kb
    card = kb.entry_card(entry_id, t.lang)
    text, rows = render_card(t, kb, card, card.org != turn.org, [], votes=True)
    turn.reply(text, keyboard(rows), parse_mode=HTML)


def source_html(t: Translator, kb: KnowledgeBase, card: AnswerCard) -> str:
    """What the 'Källa' button shows: the document's full title, decision and the section."""
    doc = _document(kb, card.org)
    lines = [f"<b>{esc(doc.title)}</b>", esc(kb.municipality_name(card.org))]
    if doc.decided and doc.decided_by:
        lines.append(esc(t("source.decided_by", date=t.date(doc.decided, "long"),
                           body=doc.decided_by)))
    elif doc.decided:
        lines.append(esc(t("source.decided", date=t.date(doc.decided, "long"))))
    else:
        lines.append(esc(t("source.undated")))
    if doc.reference:
        lines.append(esc(t("source.reference", reference=doc.reference)))
    if card.section:
        lines.append(esc(t("source.section", section=card.section)))
    return "\n".join(lines)


@unit_of_work()
async def show_source(turn: Turn) -> None:
    """The 'Källa' button: the document's full title, its decision and the section."""
    pressed = _pressed_entry(turn, "src")
    if pressed is None:
        return
    entry_id, t = pressed
    kb = turn.services.kb
    turn.answer()
    turn.reply(source_html(t, kb, kb.entry_card(entry_id, t.lang)), parse_mode=HTML)


@unit_of_work()
async def choose_org(turn: Turn) -> None:
    """Offers the municipalities whose guidelines the bot knows."""
    kb = turn.services.kb
    rows = [[(kb.municipality_name(org), build("org", org))] for org in ORGS]
    turn.reply(turn.t("org.choose", municipality=kb.municipality_name(turn.org)),
               keyboard(rows))


@unit_of_work(changes_user=True)
async def set_org(turn: Turn) -> None:
    """Stores which municipality's guideline the user's questions are about."""
    query = turn.update.callback_query
    got = parse(query.data if query else None, "org", choice(ORGS))
    if got is None:
        turn.answer(turn.t("button.expired"), alert=True)
        return
    org = got[0]
    assert isinstance(turn.user, User)  # changes_user=True: the row itself, not a StaffView
    await users.set_ask_org(turn.session, turn.user, org)
    turn.answer()
    turn.edit(turn.t("org.set", municipality=turn.services.kb.municipality_name(org)))


def _topic(kb: KnowledgeBase, entry_id: str, lang: str) -> str:
    """What a 👎'd answer was about, for the coordinators: its entry's title."""
    if kb.has_entry(entry_id):
        return kb.entry_card(entry_id, lang).title
    org, _, kind = entry_id.partition(".")
    rules = bundled()[1].get(org) if kind == "eligibility" else None
    return rules.title.get(lang) if rules is not None else entry_id


@unit_of_work(command="obesvarade")
async def unanswered(turn: Turn) -> None:
    """Coordinators: the latest questions the bot could not answer or whose answer got a 👎,
    with what the user said was wrong."""
    rows = await questions.list_unanswered(turn.session, turn.user.org, limit=20)
    if not rows:
        turn.reply(turn.t("unanswered.none"))
        return
    kb = turn.services.kb
    lines = [turn.t("unanswered.heading", count=turn.t.number(len(rows)))]
    for r in rows:
        when = turn.t.date(r.created_at, "short")
        if r.kind != "downvoted":
            lines.append(f"? {when}: {r.question}")
            continue
        # The topic is the entry's title: no question text is kept for an answered question
        # (a row from before migration 0003 may still have one, shown before the title).
        topic = _topic(kb, r.entry_id, turn.t.lang) if r.entry_id else ""
        line = f"👎 {when}: " + (f"{r.question} → {topic}" if r.question else topic)
        if r.reason:
            line += f" ({feedback.reason_label(turn.t, r.reason)})"
        lines.append(line)
    turn.reply("\n".join(lines))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("fraga", fraga),
        CommandHandler("kommun", choose_org),
        CommandHandler("obesvarade", unanswered),
        CallbackQueryHandler(set_org, pattern=prefix_pattern("org")),
        CallbackQueryHandler(show_entry, pattern=prefix_pattern("kb")),
        CallbackQueryHandler(show_source, pattern=prefix_pattern("src")),
        *feedback.handlers(),
        # Last of this module: any other text is a question.
        MessageHandler(filters.TEXT & ~filters.COMMAND, free_text),
    ]
