"""One staff member's story per municipality through the local Bot API: intake forms that
save a case (Ragunda, Danderyd, Avesta), end with the rule that decides, or only guide
(Bjurholm); a restart mid-form; a question, /hjalp and /avbryt in the middle of one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import build_application
from bot.runner import start, stop
from bot.services import Services
from bot.storage.models import Case, FormDraft, Reminder
from tests.helpers.chat import texts

TODAY = datetime.now(UTC).date()


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def test_ragunda_af_referral_survives_a_restart_and_is_saved(make_staff, api, services,
                                                                    bot):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    shown = texts(await staff.press("Arbetsförmedlingen", expect=3))
    assert "Konsulenten tar kontakt, kartlägger och bedömer" in shown
    assert "Källa: Riktlinje" in shown and "2.1.2 Aktualisering" in shown
    assert "Vilken sysselsättningsform?" in shown
    etab = texts(await staff.press("Etableringsjobb", expect=2))
    assert "högst två år" in etab
    # The bot restarts (nothing in memory); the user goes on at the same step.
    await stop(bot)
    fresh = Services.create(services.settings, services.kb)
    app = build_application(fresh.settings, fresh)
    api.processed.follow(app)
    await start(app, poll_timeout=1)
    try:
        shown = texts(await staff.press("Utegrupp", expect=2))
        assert "undantagsfall" in shown and "Din egen referens" in shown
        ref = texts(await staff.say("AME-0042"))
        assert "Startdatum" in ref
        assert "finns inte" in texts(await staff.say("31/2"))
        await staff.say((TODAY + timedelta(days=1)).isoformat())
        assert "ska ligga mellan" in texts(await staff.say(TODAY.isoformat()))
        summary = texts(await staff.say((TODAY + timedelta(days=28)).isoformat()))
        assert "Sammanfattning" in summary and "Etableringsjobb" in summary
        saved = texts(await staff.press("Spara", expect=3))
        assert "Sparat som ärende" in saved
    finally:
        await stop(app)
    [case] = await rows(services, Case)
    assert (case.route, case.case_owner, case.support_form, case.arena) == (
        "af", "konsulent", "etableringsjobb", "utegrupp")
    assert case.decision_end_date is None
    assert [r.kind for r in await rows(services, Reminder)] == ["follow_up"]


async def test_ragunda_without_a_partner_ends_with_the_rule(make_staff, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    shown = texts(await staff.press("Personen själv", expect=3))
    assert "förutsätter att någon av samverkanspartnerna" in shown
    assert "2.1.1 Att aktualiseras hos arbetsmarknadsenheten" in shown
    assert await rows(services, Case) == []


async def test_danderyd_stability_boundary_back_and_change(make_staff, services):
    staff = await make_staff(org="danderyd")
    await staff.say("/aktualisera")
    await staff.press("Ja", expect=2)  # bosatt
    await staff.press("Ja", expect=2)  # aktuell
    await staff.press("Missbruk", expect=2)
    await staff.press("Nej, en", expect=2)
    shown = texts(await staff.press("Ja", expect=2))  # arbetsförmåga utredd
    assert "månader med dokumenterad stabilitet" in shown
    assert "Skriv ett tal" in texts(await staff.say("tre"))
    ended = texts(await staff.say("2"))
    assert "inget ärende sparas" in ended and "tre månader" in ended
    # Start again: at three months the form goes on.
    await staff.say("/aktualisera")
    await staff.press("Ja", expect=2)
    await staff.press("Ja", expect=2)
    await staff.press("Missbruk", expect=2)
    await staff.press("Ja, flera", expect=2)
    await staff.press("Ja", expect=2)
    assert "Hur gammal" in texts(await staff.say("3"))
    # Back one step: the stability question again.
    assert "stabilitet" in texts(await staff.say("tillbaka"))
    await staff.say("4")
    assert "Vilken insats" in texts(await staff.say("26"))
    osa = texts(await staff.press("OSA", expect=2))
    assert "80 %" in osa and "20 %" in osa
    await staff.say("DND-7")
    await staff.say((TODAY + timedelta(days=7)).isoformat())
    summary = texts(await staff.say((TODAY + timedelta(days=21)).isoformat()))
    assert "Missbruk och beroende" in summary
    # Change the target group from the summary: the stability step applies no more.
    await staff.press("Ändra 3", expect=2)
    shown = texts(await staff.press("Försörjningsstöd", expect=2))
    assert "missbruks- eller socialpsykiatrisk" in shown
    summary = texts(await staff.press("Nej", expect=2))
    assert "Sammanfattning" in summary and "Försörjningsstöd" in summary
    assert "stabilitet" not in summary
    await staff.press("Spara", expect=3)
    [case] = await rows(services, Case)
    assert (case.org, case.route, case.support_form) == ("danderyd", "forsorjningsstod", "osa")


async def test_avesta_case_closed_with_its_own_outcome_cancels_reminders(make_staff, services):
    staff = await make_staff(org="avesta")
    await staff.say("/aktualisera")
    await staff.press("Socialtjänsten", expect=2)
    await staff.press("Social rehabilitering", expect=2)
    await staff.press("Ja", expect=2)
    await staff.press("Praktik", expect=2)
    assert "registreras i SUS" in texts(await staff.press("Inte än", expect=3))
    await staff.say("AV-100")
    await staff.say(TODAY.isoformat())
    await staff.say((TODAY + timedelta(days=14)).isoformat())
    await staff.press("Spara", expect=3)
    listing = texts(await staff.say("/arenden"))
    assert "AV-100" in listing and "beredningsgruppen" in listing
    await staff.press("AV-100", expect=2)
    await staff.press("Följ upp", expect=2)
    assert "Nästa uppföljning" in texts(await staff.press("om 4 veckor", expect=2))
    [case] = await rows(services, Case)
    assert case.follow_up_date == TODAY + timedelta(weeks=4)
    await staff.say("/arenden")
    await staff.press("AV-100", expect=2)
    ask = await staff.press("Avsluta", expect=2)
    from tests.helpers.chat import button_labels
    assert button_labels(ask[-1]) == ["Arbete", "Studier", "Annan orsak"]
    assert "avslutat (Studier)" in texts(await staff.press("Studier", expect=2))
    [case] = await rows(services, Case)
    assert (case.status, case.outcome) == ("closed", "studier")
    assert {r.status for r in await rows(services, Reminder)} == {"cancelled"}
    assert "inga öppna ärenden" in texts(await staff.say("/arenden"))


async def test_bjurholm_guides_and_stores_no_case(make_staff, services):
    staff = await make_staff(org="bjurholm")
    shown = texts(await staff.say("/aktualisera"))
    assert "inget ärende sparas" in shown.lower()
    shown = texts(await staff.press("Busskort", expect=3))
    assert "600 kronor" in shown and "Källa:" in shown and "Busskort" in shown
    assert await rows(services, Case) == []
    assert await rows(services, Reminder) == []


async def test_a_question_help_and_cancel_in_the_middle_of_a_form(make_staff, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    await staff.press("IFO", expect=2)
    shown = texts(await staff.say("vem följer upp ärendet?", expect=2))
    assert "formulär öppet" in shown and "/avbryt" in shown
    assert "Vilken sysselsättningsform?" in shown
    assert "/aktualisera" in texts(await staff.say("/hjalp"))
    # A second /aktualisera: continue or start over.
    assert "inte är klart" in texts(await staff.say("/aktualisera"))
    assert "Vilken sysselsättningsform?" in texts(await staff.press("Fortsätt", expect=3))
    await staff.press("Praktik", expect=2)
    await staff.press("MÖTAS", expect=2)
    # The guard refuses a personnummer before the form sees it; the form waits.
    assert "inte sparat meddelandet" in texts(await staff.say("ref 850709-9805"))
    [draft] = await rows(services, FormDraft)
    assert "850709" not in draft.answers and draft.step_id == "reference"
    assert "Formuläret är avbrutet" in texts(await staff.say("/avbryt"))
    assert [d.status for d in await rows(services, FormDraft)] == ["cancelled"]
    # With no form open, text is a question again.
    assert "formulär öppet" not in texts(await staff.say("vem följer upp ärendet?"))


async def test_a_draft_from_an_older_form_version_starts_over_with_a_message(make_staff,
                                                                             services):
    from sqlalchemy import update

    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    await staff.press("IFO", expect=2)
    old_prompt = staff.last_with_buttons
    # A deploy changed the form: the draft was started on a version that is no longer there.
    async with services.db.begin() as session:
        await session.execute(update(FormDraft).values(form_version=0))
    shown = texts(await staff.press("Praktik", message=old_prompt))
    assert "Formuläret har ändrats" in shown and "Vem aktualiserar ärendet?" in shown
    assert [d.status for d in await rows(services, FormDraft)] == ["cancelled", "open"]
    assert "Vilken sysselsättningsform?" in texts(await staff.press("IFO", expect=2))


async def test_an_english_reader_gets_the_form_in_english(make_staff, services):
    staff = await make_staff(org="stockholm", lang="en")
    await staff.say("/aktualisera")
    shown = texts(await staff.press("Application for the measure", expect=2))
    assert "Which target group?" in shown
    shown = texts(await staff.press("UVAS", expect=2))
    assert "How old is the person" in shown and "Type back to go back" in shown
    assert "between 15 and 100" in texts(await staff.say("200"))


async def test_a_redirect_ends_one_form_and_starts_the_other(make_staff, services, monkeypatch,
                                                            tmp_path):
    from bot.forms import flow, loader

    source = loader.DEFS_DIR / "ragunda.aktualisering.yaml"
    text = source.read_text("utf-8").replace(
        "          outcome: not_eligible\n", "          outcome: redirect\n"
        "          start_form: ragunda.praktik\n", 1)
    (tmp_path / source.name).write_text(text, "utf-8")
    (tmp_path / "ragunda.praktik.yaml").write_text(
        "id: ragunda.praktik\norg: ragunda\npurpose: info\nversion: 1\ncommand: praktik\n"
        "title: {sv: Praktik i egen regi, en: Own placement}\nsteps:\n"
        "  - id: why\n    kind: choice\n    prompt: {sv: \"Varför egen regi?\", en: \"Why?\"}\n"
        "    options:\n      - value: sarskilt\n        label: {sv: Särskilt fall, en: Special}\n"
        "        end: {outcome: info, message: {sv: Kontakta enheten., en: Contact the unit.}}\n",
        "utf-8")
    forms = loader.load_forms(tmp_path)
    monkeypatch.setattr(loader, "bundled", lambda: forms)
    monkeypatch.setattr(flow, "bundled", lambda: forms)
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    shown = texts(await staff.press("Personen själv", expect=4))
    assert "samverkanspartnerna" in shown and "Varför egen regi?" in shown
    assert [d.form_id for d in await rows(services, FormDraft)] == [
        "ragunda.aktualisering", "ragunda.praktik"]
    assert "Kontakta enheten." in texts(await staff.press("Särskilt fall", expect=2))
    assert await rows(services, Case) == []
