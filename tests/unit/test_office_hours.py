"""Is a line open now? (bot/office_hours.py) Times are aware datetimes in Europe/London or UTC."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.knowledge.schema import Hours
from bot.office_hours import bank_holiday, describe, is_open
from tests.unit.kb_helpers import london, raw_areas, utc

AREAS = raw_areas()
KINGSTON_SPA = next(c for c in AREAS["kingston"]["contacts"] if c["role"] == "front_door")["hours"]
# Week of Monday 23 November 2026 (no bank holidays).
WEEK = {day: dt.date(2026, 11, 23) + dt.timedelta(days=i) for i, day in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}


@pytest.fixture(scope="module")
def spa(kb):
    return next(c for c in kb.area("kingston").contacts if c.role == "front_door").hours


@pytest.fixture(scope="module")
def leicester_door(kb):
    return next(c for c in kb.area("leicester").contacts if c.role == "front_door").hours


def at(day: dt.date, hhmm: str, minutes: int = 0) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return london(day.year, day.month, day.day, hour, minute) + dt.timedelta(minutes=minutes)


def test_kingston_spa_hours_are_as_the_issue_describes():
    assert KINGSTON_SPA["mon"] == ["08:00-17:15"] and KINGSTON_SPA["fri"] == ["08:00-17:00"]


@pytest.mark.parametrize("day", ["mon", "tue", "wed", "thu", "fri"])
@pytest.mark.parametrize("edge, minutes, open_", [(0, -1, False), (0, 0, True), (1, -1, True), (1, 0, False)],
                         ids=["minute before opening", "opening time", "minute before closing", "closing time"])
def test_spa_opens_and_closes_on_the_minute(spa, day, edge, minutes, open_):
    time = KINGSTON_SPA[day][0].split("-")[edge]
    assert is_open(spa, at(WEEK[day], time, minutes)) is open_


def test_spa_explicit_boundaries_on_a_tuesday(spa):
    tuesday = (2026, 11, 24)
    assert is_open(spa, london(*tuesday, 7, 59)) is False
    assert is_open(spa, london(*tuesday, 8, 0)) is True
    assert is_open(spa, london(*tuesday, 17, 14)) is True
    assert is_open(spa, london(*tuesday, 17, 15)) is False


def test_spa_closes_earlier_on_friday(spa):
    assert is_open(spa, london(2026, 11, 27, 16, 59)) is True
    assert is_open(spa, london(2026, 11, 27, 17, 0)) is False
    assert is_open(spa, london(2026, 11, 27, 17, 10)) is False  # open at 17:10 on a Thursday


@pytest.mark.parametrize("day", ["sat", "sun"])
def test_spa_closed_all_weekend(spa, day):
    assert is_open(spa, at(WEEK[day], "12:00")) is False


@pytest.mark.parametrize("holiday", [
    dt.date(2026, 12, 25),   # Christmas Day (Friday)
    dt.date(2026, 12, 28),   # Boxing Day, observed on Monday
    dt.date(2026, 8, 31),    # summer bank holiday
    dt.date(2026, 4, 6),     # Easter Monday
    dt.date(2026, 5, 4),     # early May bank holiday
])
def test_spa_closed_at_midday_on_bank_holidays(spa, holiday):
    assert holiday.weekday() < 5
    assert is_open(spa, at(holiday, "12:00")) is False


def test_spa_open_on_an_ordinary_weekday_next_to_a_bank_holiday(spa):
    assert is_open(spa, london(2026, 4, 7, 12, 0)) is True  # Tuesday after Easter Monday


def test_bank_holiday_names_england_holidays_only():
    assert bank_holiday(dt.date(2026, 4, 6))            # Easter Monday
    assert bank_holiday(dt.date(2026, 11, 30)) is None  # St Andrew's Day: Scotland only
    assert bank_holiday(dt.date(2026, 11, 24)) is None


# Clock changes --------------------------------------------------------------------------------

def test_monday_after_spring_forward_opens_at_eight_bst(spa):
    assert is_open(spa, utc(2026, 3, 30, 7, 0)) is True     # 08:00 BST
    assert is_open(spa, utc(2026, 3, 30, 6, 59)) is False   # 07:59 BST


def test_monday_after_fall_back_opens_at_eight_gmt(spa):
    assert is_open(spa, utc(2026, 10, 26, 8, 0)) is True    # 08:00 GMT
    assert is_open(spa, utc(2026, 10, 26, 7, 30)) is False  # 07:30 GMT


def test_summer_closing_time_is_british_summer_time_not_utc(spa):
    # 16:20 UTC on a July Tuesday is 17:20 BST: after the SPA closes.
    assert is_open(spa, utc(2026, 7, 7, 16, 20)) is False
    assert is_open(spa, utc(2026, 7, 7, 16, 10)) is True


@pytest.mark.parametrize("when", [
    utc(2026, 3, 29, 0, 30),   # 00:30 GMT, before the clocks go forward
    utc(2026, 3, 29, 1, 30),   # 02:30 BST, just after
    utc(2026, 10, 25, 0, 30),  # 01:30 BST, first 01:30
    utc(2026, 10, 25, 1, 30),  # 01:30 GMT, second 01:30
    utc(2026, 10, 25, 23, 59),
])
def test_twenty_four_hour_line_is_open_through_both_clock_changes(leicester_door, when):
    assert is_open(leicester_door, when) is True


@pytest.mark.parametrize("when", [london(2026, 3, 29, 10, 0), london(2026, 10, 25, 10, 0)])
def test_office_hours_line_closed_on_clock_change_sundays(spa, when):
    assert is_open(spa, when) is False


def test_leicester_24_7_front_door_open_at_3am_on_christmas_day(leicester_door):
    assert is_open(leicester_door, london(2026, 12, 25, 3, 0)) is True


def test_unknown_hours_give_none_not_closed(kb):
    door = next(c for c in kb.area("hartlepool").contacts if c.role == "front_door")
    assert door.hours is None
    assert is_open(door.hours, london(2026, 11, 24, 10, 0)) is None


def test_naive_datetime_is_refused(spa):
    with pytest.raises(ValueError):
        is_open(spa, dt.datetime(2026, 11, 24, 10, 0))


# Bank-holiday rules and spans ----------------------------------------------------------------

def test_line_open_on_bank_holidays_uses_sunday_hours_when_the_weekday_has_none():
    hours = Hours(sun=["10:00-14:00"], bank_holidays="open")
    assert is_open(hours, london(2026, 8, 31, 11, 0)) is True
    assert is_open(hours, london(2026, 8, 31, 15, 0)) is False


def test_as_weekday_bank_holiday_keeps_the_weekday_hours():
    hours = Hours(mon=["09:00-17:00"], bank_holidays="as_weekday")
    assert is_open(hours, london(2026, 8, 31, 10, 0)) is True


def test_split_day_is_closed_over_lunch():
    hours = Hours(tue=["09:00-12:00", "13:00-17:00"])
    assert is_open(hours, london(2026, 11, 24, 12, 30)) is False
    assert is_open(hours, london(2026, 11, 24, 13, 0)) is True


def test_describe_kingston_spa_hours(spa):
    text = describe(spa)
    assert "Mon–Thu 08:00–17:15" in text
    assert "Fri 08:00–17:00" in text
    assert "closed" in text and "bank holidays" in text


def test_describe_24_7_and_unknown(leicester_door):
    assert describe(leicester_door).startswith("24 hours")
    assert describe(None) == "opening hours not recorded"
