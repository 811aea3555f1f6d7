"""Every answer card is well-formed Telegram HTML, fits a phone, and its buttons fit Telegram."""

from __future__ import annotations

import re

import pytest
from telegram.error import BadRequest

from bot.handlers import answer_buttons as buttons
from bot.handlers.ask import render_card, source_html
from bot.handlers.render import keyboard, source_text
from bot.i18n import translator
from bot.knowledge.glossary import Glossary
from bot.knowledge.loader import load_packs
from bot.knowledge.reply import AnswerCard
from bot.localapi.server import html_entity_error
from bot.transport import AiohttpRequest, AssistantBot

PACKS = load_packs()
ENTRY_IDS = [e.id for p in PACKS.values() for e in p.entries] + list(Glossary(PACKS).by_id)
CHAT = 4242


@pytest.fixture
async def telegram(api):
    """The bot's own HTTP client, pointed at the local Bot API."""
    async with AssistantBot("123:TEST", base_url=api.base_url, request=AiohttpRequest()) as bot:
        yield bot


async def test_every_card_and_source_in_both_languages_passes_the_parse_mode_check(
        kb, api, telegram):
    refused = []
    for lang in ("sv", "en"):
        t = translator(lang)
        for entry_id in ENTRY_IDS:
            card = kb.entry_card(entry_id, lang)
            # The municipality label and a "menade du" line, so every part of a card is sent.
            text, rows = render_card(t, kb, card, True, card.followups, answer_id=123456789)
            for message, markup in ((text, keyboard(rows)), (source_html(t, kb, card), None)):
                try:
                    await telegram.send_text(CHAT, message, markup, parse_mode="HTML")
                except BadRequest as exc:
                    refused.append((entry_id, lang, str(exc)))
    assert not refused
    sent = api.sent(CHAT, "sendMessage")
    assert len(sent) == 4 * len(ENTRY_IDS) > 1500
    # What the user reads is the pack's text itself, not its escaped form.
    card = kb.entry_card(ENTRY_IDS[0], "sv")
    assert card.answer in sent[0].text


async def test_pack_text_with_markup_characters_is_escaped_and_shown_as_written(kb, api,
                                                                                telegram):
    card = AnswerCard("ragunda", "ragunda.x", "Lön < 5 000 & <b>fet</b>?",
                      "Svar med <i>taggar</i>, & och > tecken.", "Dokument & <titel>",
                      "2.1 <Avsnitt>", document_short="Kort & <namn>")
    text, _rows = render_card(translator("sv"), kb, card, False, [], None)
    assert html_entity_error(text) is None
    await telegram.send_text(CHAT, text, parse_mode="HTML")
    shown = api.sent(CHAT, "sendMessage")[-1].text
    assert "Lön < 5 000 & <b>fet</b>?" in shown and "Svar med <i>taggar</i>, & och > tecken." in shown


@pytest.mark.parametrize("text", ["a & b", "a < b", "x > y", "<b>open", "<b><i>x</b></i>",
                                  "<p>para</p>", "&nbsp;", '<b class="x">y</b>', "</i>"])
async def test_the_local_bot_api_refuses_html_telegram_cannot_parse(api, telegram, text):
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await telegram.send_text(CHAT, text, parse_mode="HTML")
    await telegram.send_text(CHAT, text)  # the same text without a parse mode is fine
    assert api.sent(CHAT, "sendMessage:rejected")
    api.violations.clear()  # provoked on purpose


@pytest.mark.parametrize("text", ["<b>a</b> &amp; <i>b</i>", "&lt;3 &#39; &#x27; &quot;",
                                  '<a href="https://t.me/x">l</a>', "<u><s>x</s></u>",
                                  "<tg-spoiler>s</tg-spoiler><blockquote>q</blockquote>"])
def test_well_formed_telegram_html_passes(text):
    assert html_entity_error(text) is None


def test_every_source_line_fits_a_phone_and_says_no_word_twice(kb):
    for lang in ("sv", "en"):
        t = translator(lang)
        for entry_id in ENTRY_IDS:
            card = kb.entry_card(entry_id, lang)
            room = 80 - len(t("ask.source_line", source=""))
            line = t("ask.source_line", source=source_text(card.document_short, card.section,
                                                           room, card.document))
            assert len(line) <= 80, line
            words = [w.casefold() for w in re.findall(r"[^\W\d_]{3,}", line)]
            assert len(words) == len(set(words)), line


def test_a_long_section_is_cut_at_a_word_and_a_repeated_name_said_once():
    assert source_text("Avestamodellen", "Styrning av Avestamodellen arbetsmarknad", 60) == \
        "Styrning av Avestamodellen arbetsmarknad"
    assert source_text("Riktlinje AME Ragunda", "2. Syfte och mål med arbetsmarknadsenheten "
                       "i Ragunda kommun", 50) == "Riktlinje AME, 2. Syfte och mål med…"
    assert source_text("Kort", "Dokumentets titel", 80, title="Dokumentets  titel") == "Kort"
    assert source_text("Kort", "Mål:", 80) == "Kort, Mål"


def test_every_entry_button_fits_telegrams_64_bytes_and_reads_back():
    longest = max(ENTRY_IDS, key=len)
    assert len(longest) >= 60  # the glossary's long ids are why entry ids are shortened
    for entry_id in ENTRY_IDS:
        for lang in ("sv", "en"):
            for prefix, build in (("kb", buttons.show), ("src", buttons.source)):
                data = build(entry_id, lang)  # raises if over 64 bytes
                assert buttons.read_entry(data, prefix) == (entry_id, lang)
    assert buttons.read_vote(buttons.vote(False, 10**12 - 1, "en")) == (False, 10**12 - 1, "en")
    assert buttons.read_reason(buttons.reason("outdated", 7, "sv")) == ("outdated", 7, "sv")
    assert buttons.read_entry("kb:ragunda-a-b:sv", "kb") is None
