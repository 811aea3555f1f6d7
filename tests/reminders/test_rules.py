"""The calendar a reminder keeps: Swedish working days, quiet hours, the digest, snoozes and
meeting series across daylight-saving changes, and the times staff type."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.reminders.actions import snooze_until
from bot.reminders.calendar import place
from bot.reminders.series import describe, occurrences, parse_series, reminder_time
from bot.reminders.when import Parsed, Problem, parse

TZ = ZoneInfo("Europe/Stockholm")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


def placed(text: str, digest: time = time(8, 0)) -> tuple[str, bool, bool]:
    p = place(local(text), TZ, digest)
    return p.due_at.astimezone(TZ).strftime("%Y-%m-%d %H:%M"), p.moved, p.digest


def test_a_reminder_on_midsommarafton_moves_to_the_monday_after_midsummer():
    # Friday 19 June 2026 is midsommarafton, Saturday 20 midsommardagen.
    assert placed("2026-06-19T10:00") == ("2026-06-22 10:00", True, False)


def test_a_reminder_on_a_saturday_moves_to_monday_at_the_same_time():
    assert placed("2026-12-12T10:30") == ("2026-12-14 10:30", True, False)


def test_christmas_moves_past_every_holiday_to_the_next_working_day():
    assert placed("2026-12-24T10:00") == ("2026-12-28 10:00", True, False)


def test_a_working_day_in_working_hours_stays_put():
    assert placed("2026-12-08T10:00") == ("2026-12-08 10:00", False, False)


def test_quiet_hours_send_an_evening_reminder_to_the_next_mornings_digest():
    assert placed("2026-12-08T19:00") == ("2026-12-09 08:00", True, True)
    assert placed("2026-12-08T06:30") == ("2026-12-08 08:00", True, True)
    # Friday evening: the digest of the next working day, Monday, at the user's own time.
    assert placed("2026-12-11T21:00", time(7, 30)) == ("2026-12-14 07:30", True, True)


def test_placing_is_idempotent_so_a_moved_reminder_is_not_moved_again():
    for text in ("2026-06-19T10:00", "2026-12-08T19:00", "2026-12-12T23:00"):
        first = place(local(text), TZ)
        assert not place(first.due_at, TZ).moved


# The last Sundays of March (29th) and October (25th) 2026 fall inside these windows.
@pytest.mark.parametrize(("start", "until"), [("2026-03-20T10:00", "2026-04-10T00:00"),
                                              ("2026-10-16T10:00", "2026-11-06T00:00")])
def test_a_weekly_meeting_stays_at_nine_local_across_the_dst_change(start, until):
    spec = parse_series("varje måndag 09:00 MÖTAS", local(start), TZ)
    assert spec is not None and spec.rrule == "FREQ=WEEKLY;BYDAY=MO" and spec.title == "MÖTAS"
    found = occurrences(spec.rrule, spec.dtstart, local(start), local(until), TZ)
    assert len(found) == 3 and {d.strftime("%a %H:%M") for d in found} == {"Mon 09:00"}
    assert len({d.utcoffset() for d in found}) == 2  # one wall-clock time under both offsets
    assert reminder_time(found[0]).strftime("%H:%M") == "08:00"


def test_monthly_and_yearly_series_and_their_description():
    now = local("2026-12-08T10:00")
    first_monday = parse_series("första måndag 13:00 LSG", now, TZ)
    assert first_monday is not None
    assert first_monday.dtstart == datetime(2027, 1, 4, 13, 0)
    assert describe(first_monday.rrule) == ("meet.rule_nth", {"nth_key": "meet.nth_+1",
                                                              "weekday_key": "meet.day_MO"})
    yearly = parse_series("every year 26 november 10:00 Owners", now, TZ)
    assert yearly is not None and yearly.dtstart == datetime(2027, 11, 26, 10, 0)
    assert parse_series("varje dag 09:00 x", now, TZ) is None
    assert parse_series("varje måndag 09:00", now, TZ) is None  # no title


def test_snoozing_an_hour_late_in_the_evening_crosses_midnight():
    now = local("2026-12-08T23:30")
    until = snooze_until("h1", now, now, TZ).astimezone(TZ)
    assert until.strftime("%Y-%m-%d %H:%M") == "2026-12-09 00:30"
    # ... and the rules then hold it for the morning digest rather than waking anyone.
    assert placed(until.isoformat()[:16]) == ("2026-12-09 08:00", True, True)
    tomorrow = snooze_until("tm", now, local("2026-12-08T14:00"), TZ).astimezone(TZ)
    assert tomorrow.strftime("%Y-%m-%d %H:%M") == "2026-12-09 14:00"


def test_next_week_keeps_the_local_time_across_the_autumn_change():
    due = local("2026-10-20T09:00")
    until = snooze_until("nw", local("2026-10-20T09:05"), due, TZ).astimezone(TZ)
    assert until.strftime("%Y-%m-%d %H:%M") == "2026-10-27 09:00"


NOW = local("2026-12-08T10:00")  # a Tuesday


@pytest.mark.parametrize(("typed", "when", "text"), [
    ("imorgon 9 ring AF", "2026-12-09 09:00", "ring AF"),
    ("i morgon kl 9 ring AF", "2026-12-09 09:00", "ring AF"),
    ("fredag 14:00 möte", "2026-12-11 14:00", "möte"),
    ("om 2 timmar ring tillbaka", "2026-12-08 12:00", "ring tillbaka"),
    ("nästa måndag skicka rapport", "2026-12-14 09:00", "skicka rapport"),
    ("2026-12-21 08:30 uppföljning", "2026-12-21 08:30", "uppföljning"),
    ("tomorrow 9 call AF", "2026-12-09 09:00", "call AF"),
    ("in 30 minutes check", "2026-12-08 10:30", "check"),
    ("tisdag 9 veckomöte", "2026-12-15 09:00", "veckomöte"),  # today's 9 has passed
    ("nästa tisdag x", "2026-12-15 09:00", "x"),
    ("24 december 10 jul", "2026-12-24 10:00", "jul"),
    ("14:00 ring", "2026-12-08 14:00", "ring"),
])
def test_the_times_staff_type(typed, when, text):
    got = parse(typed, NOW, TZ)
    assert isinstance(got, Parsed)
    assert (got.when.strftime("%Y-%m-%d %H:%M"), got.text) == (when, text)


@pytest.mark.parametrize(("typed", "reason"), [
    ("2026-12-01 08:30 för sent", "past"),
    ("blä blä", "unknown"),
    ("9 ring", "unknown"),  # a bare number is not a time without a day or "kl"
    ("2026-13-01 x", "unknown"),
    ("imorgon 9", "no_text"),
    ("2035-01-01 09:00 x", "too_far"),
])
def test_what_cannot_be_read_says_why(typed, reason):
    assert parse(typed, NOW, TZ) == Problem(reason)


def test_on_the_spring_dst_night_a_reminder_at_a_missing_hour_waits_for_mondays_digest():
    # 02:30 does not exist on Sunday 29 March 2026; Sunday moves to Monday, the night to 08:00.
    assert placed("2026-03-29T02:30") == ("2026-03-30 08:00", True, True)


@pytest.mark.parametrize(("saturday", "sunday", "offset"), [
    ("2026-03-28T10:00", "2026-03-29 10:00", 2),  # summer time begins that night
    ("2026-10-24T10:00", "2026-10-25 10:00", 1),  # and ends
])
def test_snoozing_to_tomorrow_over_a_dst_night_keeps_the_local_time(saturday, sunday, offset):
    until = snooze_until("tm", local(saturday), local(saturday), TZ).astimezone(TZ)
    assert until.strftime("%Y-%m-%d %H:%M") == sunday
    assert until.utcoffset() == timedelta(hours=offset)
