"""`python -m bot ask --org ORG [--lang sv|en] [--json] [QUESTION]`: ask the guidelines from a shell."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot import ORGS
from bot.cli.output import org_id
from bot.handlers.render import short_municipality
from bot.i18n import Translator, translator
from bot.knowledge.loader import PackError
from bot.knowledge.search import AnswerCard, KnowledgeBase, Reply


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="answer guideline questions (one per line from stdin)")
    p.add_argument("--org", required=True, type=org_id, help=f"municipality: {', '.join(ORGS)}")
    p.add_argument("--lang", choices=("sv", "en"), default="sv")
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.add_argument("--packs", type=Path, default=None,
                   help="knowledge pack directory (default: $BOT_PACKS_DIR or the bundled packs)")
    p.add_argument("question", nargs="*", help="the question; without it, read stdin")
    p.set_defaults(func=run)


def _source_line(c: AnswerCard, t: Translator) -> str:
    return (t("ask.source", document=c.document, section=c.section) if c.section
            else t("cli.source_no_section", document=c.document))


def _source(reply: Reply, t: Translator, kb: KnowledgeBase) -> str | None:
    if reply.abstained:
        return None
    several = len({c.org for c in reply.cards}) > 1
    parts = []
    for c in reply.cards:
        line = _source_line(c, t)
        parts.append(f"{kb.municipality_name(c.org)}: {line}" if several else line)
    return "; ".join(parts)


def _nearest(t: Translator, nearest: list[tuple[str, str]]) -> str:
    return t("ask.nearest") + " " + "; ".join(title for _, title in nearest)


def _parts(reply: Reply, t: Translator) -> str:
    """A two-part question as the chat shows it: each answered part with its source, then the
    parts without an answer and their nearest topics."""
    blocks = [f"{p.card.title}\n{p.card.answer}\n{_source_line(p.card, t)}"
              for p in reply.parts if p.card is not None]
    gaps = [p for p in reply.parts if p.card is None]
    if gaps:
        lines = [t("ask.part_no_answer", part=p.text.strip(" ?")) for p in gaps]
        nearest = list(dict.fromkeys(n for p in gaps for n in p.nearest))
        blocks.append("\n".join([*lines, *([_nearest(t, nearest)] if nearest else []),
                                  reply.ask_at_unit]))
    return "\n\n".join(blocks)


def _org_lines(reply: Reply, t: Translator) -> str:
    """A question about all municipalities: a line each, the unstated ones together at the end."""
    lines = [t("ask.all_orgs_heading")]
    lines += [f"• {short_municipality(o.municipality, o.org)}: {o.fact} — {o.source}"
              for o in reply.per_org_lines if o.fact]
    missing = [short_municipality(o.municipality, o.org) for o in reply.per_org_lines
               if not o.fact]
    if missing:
        lines.append(t("ask.all_orgs_not_stated", municipalities=", ".join(missing)))
    return "\n".join(lines)


def _answer(reply: Reply, t: Translator, kb: KnowledgeBase) -> str:
    if reply.abstained:
        lines = [t("ask.dont_know")]
        if reply.nearest:
            lines.append(_nearest(t, reply.nearest))
        lines.append(reply.ask_at_unit)
        return "\n".join(lines)
    if reply.parts:
        return _parts(reply, t)
    if reply.per_org_lines:
        return _org_lines(reply, t)
    label = len(reply.cards) > 1 or reply.named_org is not None
    blocks = []
    for c in reply.cards:
        head = (t("ask.for_municipality", municipality=kb.municipality_name(c.org)) + "\n"
                if label else "")
        blocks.append(f"{head}{c.title}\n{c.answer}")
    return "\n\n".join(blocks)


def render_json(question: str, org: str, reply: Reply, t: Translator,
                kb: KnowledgeBase) -> str:
    """The one-line JSON record of an answer; its fields are a contract for scripts."""
    return json.dumps({
        "question": question,
        "org": org,
        "entry_id": None if reply.abstained else reply.cards[0].entry_id,
        "answer": _answer(reply, t, kb),
        "source": _source(reply, t, kb),
        "score": round(reply.score, 4),
        "alternatives": [{"entry_id": e, "title": title} for e, title in reply.alternatives],
        "abstained": reply.abstained,
        # Empty unless the question was two in one, or about every municipality.
        "parts": [{"text": p.text, "entry_id": p.card.entry_id if p.card else None,
                   "nearest": [e for e, _ in p.nearest]} for p in reply.parts],
        "per_org_lines": [{"org": o.org, "fact": o.fact, "source": o.source,
                           "entry_id": o.entry_id} for o in reply.per_org_lines],
    }, ensure_ascii=False)


def render_text(reply: Reply, t: Translator, kb: KnowledgeBase) -> str:
    """The answer as a person reads it in a terminal."""
    text = _answer(reply, t, kb)
    # Two-part and all-municipality answers carry a source on every part or line already.
    source = None if reply.parts or reply.per_org_lines else _source(reply, t, kb)
    if source:
        text += "\n\n" + source.replace("; ", "\n")
    if reply.alternatives:
        text += "\n\n" + t("ask.did_you_mean") + "\n" + "\n".join(
            f"  - {title}" for _, title in reply.alternatives)
    return text


def run(args: argparse.Namespace) -> int:
    # Answers follow --lang; errors, like the rest of the command line, are in English.
    t = translator(args.lang)
    if args.org not in ORGS:
        print(f"unknown municipality {args.org!r} (one of {', '.join(ORGS)})", file=sys.stderr)
        return 2
    try:
        kb = KnowledgeBase.load(args.packs or args.settings.packs_dir)
    except PackError as exc:
        print(f"knowledge pack error:\n{exc}", file=sys.stderr)
        return 2
    if args.org not in kb.orgs():
        print(f"no knowledge pack for {args.org!r} (there are: {', '.join(kb.orgs())})",
              file=sys.stderr)
        return 2
    if args.question:
        questions = [" ".join(args.question)]
    else:
        questions = (line.strip() for line in sys.stdin)
    first = True
    for question in questions:
        if not question:
            continue
        reply = kb.ask(question, args.org, args.lang)
        if args.json:
            print(render_json(question, args.org, reply, t, kb), flush=True)
        else:
            print(("" if first else "\n---\n") + render_text(reply, t, kb), flush=True)
        first = False
    return 0
