"""Is a line open now? Local (Europe/London) wall-clock time, weekdays and England bank holidays.

Hours are compared on wall-clock time, so the clock-change days need no special case; the
bank-holiday calendar comes from the maintained `holidays` package, not a list we keep.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional
from zoneinfo import ZoneInfo

import holidays

from bot.knowledge.schema import WEEKDAYS, Hours

LONDON = ZoneInfo("Europe/London")


@lru_cache(maxsize=None)
def _england_holidays(year: int):
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def bank_holiday(day: dt.date) -> Optional[str]:
    """The bank holiday's name on that day in England, or None."""
    return _england_holidays(day.year).get(day)


def local_time(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("office hours need an aware datetime (with a time zone)")
    return now.astimezone(LONDON)


def is_open(hours: Optional[Hours], now: dt.datetime) -> Optional[bool]:
    """True/False when the hours are known; None when no source gives them."""
    if hours is None:
        return None
    local = local_time(now)
    spans = getattr(hours, WEEKDAYS[local.weekday()])
    if bank_holiday(local.date()):
        if hours.bank_holidays == "closed":
            return False
        if hours.bank_holidays == "open":
            spans = spans or hours.sun
    minute = local.strftime("%H:%M")
    return any(start <= minute < end for start, end in (span.split("-") for span in spans))


def open_around_the_clock(hours: Optional[Hours]) -> bool:
    """Known to be open 24 hours every day: such a front door has no "out of hours" to speak of."""
    return hours is not None and hours.bank_holidays != "closed" and all(getattr(hours, day) == ["00:00-24:00"] for day in WEEKDAYS)


def usual_office_hours(now: dt.datetime) -> bool:
    """Weekdays 09:00-17:00, not an England bank holiday: when a front door whose hours no source
    gives is assumed open. Outside this window its out-of-hours line is named first."""
    local = local_time(now)
    return local.weekday() < 5 and not bank_holiday(local.date()) and dt.time(9) <= local.time() < dt.time(17)


def describe(hours: Optional[Hours]) -> str:
    """Hours in words, e.g. "Mon–Thu 08:00–17:15, Fri 08:00–17:00; closed weekends and bank holidays"."""
    if hours is None:
        return "opening hours not recorded"
    groups, previous = [], None
    for day in WEEKDAYS:
        spans = ", ".join(span.replace("-", "–") for span in getattr(hours, day)) or "closed"
        if spans == previous:
            groups[-1][1] = day
        else:
            groups.append([day, day, spans])
        previous = spans
    if len(groups) == 1 and groups[0][2] == "00:00–24:00":
        return "24 hours, every day" + ("" if hours.bank_holidays != "closed" else " (closed on bank holidays)")
    words = []
    for first, last, spans in groups:
        if spans == "closed":
            continue
        days = first.title() if first == last else f"{first.title()}–{last.title()}"
        words.append(f"{days} {'24 hours' if spans == '00:00–24:00' else spans}")
    closed = [g for g in groups if g[2] == "closed"]
    tail = {"closed": "closed on bank holidays", "open": "open on bank holidays", "as_weekday": "bank holidays as a normal day"}
    text = ", ".join(words)
    if closed:
        text += "; closed " + ", ".join(g[0].title() if g[0] == g[1] else f"{g[0].title()}–{g[1].title()}" for g in closed)
    return f"{text}; {tail[hours.bank_holidays]}"
