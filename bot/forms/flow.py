"""A form being filled in, step by step, over the draft stored in the database. No Telegram.

Each function takes the caller's session (never commits), moves the draft on with a
conditional update on its seq (a stale or double press changes nothing), and returns a View:
what the handler should show. The handler renders it; the terminal chat and tests could too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.bilingual import Text
from bot.forms import engine
from bot.forms.finishers import FinishContext, FinishResult, finisher_for
from bot.forms.loader import bundled, forms_for
from bot.forms.schema import Cite, Form, Step
from bot.storage import drafts
from bot.storage.models import FormDraft

# View kinds
STEP, SUMMARY, ENDED, SAVED, REJECTED, STALE, ASK_RESUME, CANCELLED, NO_FORM = (
    "step", "summary", "ended", "saved", "rejected", "stale", "ask_resume", "cancelled",
    "no_form")


@dataclass(frozen=True)
class View:
    """What to show next. `draft_id`/`seq` go into the buttons; `chosen` is the answer just
    given as the user reads it (the pressed prompt is edited to show it)."""

    kind: str
    form: Form | None = None
    draft_id: int = 0
    seq: int = 0
    step: Step | None = None
    answers: engine.Answers = field(default_factory=dict)
    note: Text | None = None
    note_cite: Cite | None = None
    chosen: str | None = None
    rejected: engine.Rejected | None = None
    ended: engine.Ended | None = None
    result: FinishResult | None = None
    restarted: bool = False
    first: bool = False  # the step is the form's first asked one (no "back")
    then: View | None = None  # a redirect: the form started instead, shown after the end
    wanted: str | None = None  # ASK_RESUME: the form asked for, started if the open one goes


def _form_of(draft: FormDraft) -> Form | None:
    """The draft's form, or None when it is gone or has a newer version (restart)."""
    form = bundled().get(draft.form_id)
    return form if form is not None and form.version == draft.form_version else None


def _at(draft: FormDraft, form: Form, *, note: Text | None = None, note_cite: Cite | None = None,
        chosen: str | None = None, restarted: bool = False) -> View:
    """The draft where it stands: its current step, or the summary."""
    answers = drafts.answers_of(draft)
    step = engine.next_step(form, answers)
    return View(STEP if step else SUMMARY, form, draft.id, draft.seq, step, answers, note=note,
                note_cite=note_cite, chosen=chosen, restarted=restarted, first=not engine.asked(form, answers))


async def _start(session: AsyncSession, telegram_id: int, form: Form,
                 restarted: bool = False, preset: engine.Answers | None = None) -> View:
    first = engine.next_step(form, preset or {})
    draft = await drafts.start(session, telegram_id=telegram_id, org=form.org, form_id=form.id,
                               form_version=form.version, step_id=first.id if first else None,
                               answers=preset)
    return _at(draft, form, restarted=restarted)


async def begin_with(session: AsyncSession, telegram_id: int, form_id: str,
                     preset: engine.Answers) -> View:
    """A form about something chosen before it began (e.g. the order a coordinator completes):
    `preset` is stored in the draft beside the answers, so a restart loses nothing. With a
    draft already open the user is asked to finish or discard that one first."""
    form = bundled().get(form_id)
    return View(NO_FORM) if form is None else await _open(session, telegram_id, form, preset)


async def begin(session: AsyncSession, telegram_id: int, org: str, command: str) -> View:
    """/aktualisera: the municipality's form, or a question when a draft is already open."""
    form = forms_for(org, command)
    return View(NO_FORM) if form is None else await _open(session, telegram_id, form)


async def _open(session: AsyncSession, telegram_id: int, form: Form,
                preset: engine.Answers | None = None) -> View:
    """Start `form`, unless a draft is open: then ask whether to go on with it or start over.
    An open draft whose form changed since (a deploy) goes, and `form` starts at once."""
    existing = await drafts.open_draft(session, telegram_id)
    if existing is None:
        return await _start(session, telegram_id, form, preset=preset)
    open_form = _form_of(existing)
    if open_form is None:
        await drafts.advance(session, existing, seq=existing.seq, status=drafts.CANCELLED)
        return await _start(session, telegram_id, form, restarted=preset is None, preset=preset)
    # "Börja om" starts the form asked for; a preset does not fit in a button, so a form begun
    # with one is begun again from where it was begun (the order's "Utförd").
    return View(ASK_RESUME, open_form, existing.id, existing.seq,
                wanted=None if preset is not None else form.id)


async def current(session: AsyncSession, telegram_id: int) -> tuple[FormDraft, Form] | View | None:
    """The user's open draft and its form; a restart View when its form changed; None."""
    draft = await drafts.open_draft(session, telegram_id)
    if draft is None:
        return None
    form = _form_of(draft)
    if form is None:
        return await _restart(session, draft)
    return draft, form


async def _restart(session: AsyncSession, draft: FormDraft) -> View:
    """A draft whose form changed (a deploy): cancelled, and the form starts over."""
    await drafts.advance(session, draft, seq=draft.seq, status=drafts.CANCELLED)
    fresh = bundled().get(draft.form_id)
    if fresh is None:
        return View(CANCELLED)
    return await _start(session, draft.telegram_id, fresh, restarted=True,
                        preset=_preset_of(draft, fresh))


async def pressed(session: AsyncSession, telegram_id: int, draft_id: int,
                  seq: int) -> tuple[FormDraft, Form] | View:
    """The draft a button belongs to, if the button is the current one; else a STALE View
    (or, for a draft whose form changed since, the restarted form)."""
    draft = await drafts.get(session, draft_id)
    if (draft is None or draft.telegram_id != telegram_id or draft.status != drafts.OPEN
            or draft.seq != seq):
        return View(STALE)
    form = _form_of(draft)
    if form is None:
        return await _restart(session, draft)
    return draft, form


def show(draft: FormDraft, form: Form) -> View:
    return _at(draft, form)


async def resume(session: AsyncSession, draft: FormDraft, form: Form) -> View:
    """"Continue" on an open draft: its current step again. The draft moves on (seq), so the
    continue/discard buttons are spent: a second press is "already done"."""
    if not await drafts.advance(session, draft, seq=draft.seq, step_id=draft.step_id):
        return View(STALE)
    return _at(draft, form)


async def take_answer(session: AsyncSession, draft: FormDraft, form: Form, raw: str, *,
                 today: date, lang: str) -> View:
    """Take a reply (typed, or a pressed option's value) to the draft's current step."""
    answers = drafts.answers_of(draft)
    step = engine.next_step(form, answers)
    if step is None:
        return _at(draft, form)
    result = engine.submit(form, answers, step.id, raw, today=today, lang=lang)
    if isinstance(result, engine.Rejected):
        return View(REJECTED, form, draft.id, draft.seq, step, answers, rejected=result,
                    first=not engine.asked(form, answers))
    if isinstance(result, engine.Ended):
        if not await drafts.advance(session, draft, seq=draft.seq, status=drafts.ENDED):
            return View(STALE)
        chosen = engine.shown(step, raw if step.kind != "choice" else
                              engine.parse(step, raw, today=today), lang)
        target = bundled().get(result.start_form or "")
        then = await _start(session, draft.telegram_id, target) if target else None
        return View(ENDED, form, draft.id, draft.seq, step, answers, ended=result,
                    chosen=chosen, then=then)
    nxt = result.next
    if not await drafts.advance(session, draft, seq=draft.seq, answers=result.answers,
                                step_id=nxt.id if nxt else None):
        return View(STALE)
    opt = step.option(str(result.answers[step.id])) if step.kind == "choice" else None
    return _at(draft, form, note=result.note, note_cite=opt.cite if opt and opt.note else None,
               chosen=engine.shown(step, result.answers[step.id], lang))


async def back(session: AsyncSession, draft: FormDraft, form: Form) -> View:
    answers = drafts.answers_of(draft)
    current_step = engine.next_step(form, answers)
    kept, step = engine.back(form, answers, current_step.id if current_step else None)
    if not await drafts.advance(session, draft, seq=draft.seq, answers=kept, step_id=step.id):
        return View(STALE)
    return _at(draft, form)


async def change(session: AsyncSession, draft: FormDraft, form: Form, index: int) -> View:
    """From the summary: re-ask the index-th (1-based) asked step."""
    answers = drafts.answers_of(draft)
    done = engine.asked(form, answers)
    if engine.next_step(form, answers) is not None or not 1 <= index <= len(done):
        return View(STALE)
    kept, step = engine.change(form, answers, done[index - 1].id)
    if not await drafts.advance(session, draft, seq=draft.seq, answers=kept, step_id=step.id):
        return View(STALE)
    return _at(draft, form)


async def cancel(session: AsyncSession, draft: FormDraft) -> View:
    if not await drafts.advance(session, draft, seq=draft.seq, status=drafts.CANCELLED):
        return View(STALE)
    return View(CANCELLED)


async def discard_and_restart(session: AsyncSession, draft: FormDraft, form: Form,
                              telegram_id: int, wanted: str | None = None) -> View:
    """"Start over": the open draft goes, and the form asked for starts (the open draft's own
    form when that was the one asked for again, or none is named)."""
    if not await drafts.advance(session, draft, seq=draft.seq, status=drafts.CANCELLED):
        return View(STALE)
    target = bundled().get(wanted or "")
    if target is not None and target.id != form.id and target.org == draft.org:
        return await _start(session, telegram_id, target)
    return await _start(session, telegram_id, bundled()[form.id], preset=_preset_of(draft, form))


def _preset_of(draft: FormDraft, form: Form) -> engine.Answers:
    """What the draft was begun with rather than asked (kept when it starts over)."""
    step_ids = {s.id for s in form.steps}
    return {k: v for k, v in drafts.answers_of(draft).items() if k not in step_ids}


async def confirm(session: AsyncSession, draft: FormDraft, form: Form, *, lang: str,
                  now: datetime) -> View:
    """Save through the form's finisher, in the caller's transaction (the reply follows the
    commit). The draft is marked saved first: a second press finds it stale."""
    answers = drafts.answers_of(draft)
    if engine.next_step(form, answers) is not None:
        return View(STALE)
    if not await drafts.advance(session, draft, seq=draft.seq, status=drafts.SAVED):
        return View(STALE)
    result = await finisher_for(form.purpose).save(session, FinishContext(
        form=form, answers=answers, telegram_id=draft.telegram_id, org=draft.org, lang=lang,
        now=now))
    return View(SAVED, form, draft.id, draft.seq, answers=answers, result=result)


def preload() -> None:
    """Load the bundled forms and the finishers now (at start-up), not at a user's first step."""
    for form in bundled().values():
        finisher_for(form.purpose)


def preview(form: Form, answers: engine.Answers) -> list[tuple[str, dict[str, object]]]:
    return finisher_for(form.purpose).preview(form, answers)
