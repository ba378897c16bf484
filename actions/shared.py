"""What every action module shares: the knowledge base, the place resolver, the store of number
feedback, the clock, and the replies every place question needs (which council was understood,
or the choices to pick from).

Created on first use, so importing the actions (e.g. in tests) needs no database; tests
replace `knowledge_base`, `place_resolver` and `now` with fakes. `make knowledge` while the
action server runs is picked up within RELOAD_CHECK_SECONDS: no restart, no stale numbers.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from functools import lru_cache
from typing import Callable, Optional

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import connect
from bot.number_feedback import FeedbackStore
from bot.office_hours import LONDON
from bot.places import MAX_BUTTONS, PlaceResolver, Resolution

# For tests of the running assistant only: ASSISTANT_CLOCK=2026-11-24T20:00 fixes the action
# server's clock (London time), so in-hours and out-of-hours answers can be checked end to end.
CLOCK_VARIABLE = "ASSISTANT_CLOCK"


RELOAD_CHECK_SECONDS = 5.0  # how often a running server looks at the database's load stamp
_last_check = [float("-inf")]


@lru_cache(maxsize=1)
def _loaded() -> KnowledgeBase:
    return KnowledgeBase()


def knowledge_base() -> KnowledgeBase:
    """The knowledge base, read again when the database was reloaded since (its load stamp
    changed), looked at no more than every RELOAD_CHECK_SECONDS."""
    kb = _loaded()
    if time.monotonic() - _last_check[0] >= RELOAD_CHECK_SECONDS:
        _last_check[0] = time.monotonic()
        if kb.changed():
            kb.reload()
    return kb


def place_resolver() -> PlaceResolver:
    kb = knowledge_base()
    return _resolver(kb.stamp)


@lru_cache(maxsize=1)
def _resolver(stamp: str) -> PlaceResolver:
    """One resolver per load of the knowledge base (the stamp is the cache key)."""
    kb = _loaded()
    return PlaceResolver(kb.places, kb.postcodes)


@lru_cache(maxsize=1)
def feedback_store() -> FeedbackStore:
    """Reports about numbers go to the knowledge database (KNOWLEDGE_DB_URL), in their own table."""
    return FeedbackStore(connect())


def now() -> dt.datetime:
    """London time now, or the time ASSISTANT_CLOCK holds (an ISO datetime) when it is set."""
    fixed = os.environ.get(CLOCK_VARIABLE)
    if fixed:
        when = dt.datetime.fromisoformat(fixed)
        return when if when.tzinfo else when.replace(tzinfo=LONDON)
    return dt.datetime.now(LONDON)


def find_place(text: Optional[str]) -> Optional[Resolution]:
    """The place `text` names (a whole answer, or the first place a sentence mentions), or None.
    The one door the listening code uses to the resolver."""
    if not text or not text.strip():
        return None
    result = place_resolver().resolve(text)
    return result if result.status != "unknown" else None


def place_words(text: Optional[str]) -> Optional[str]:
    """The name of the place `text` mentions, as the knowledge base spells it; None if none."""
    result = find_place(text)
    return (result.matched or result.query) if result else None


def offer_choices(dispatcher, result: Resolution, payload: Callable[[str], str]) -> None:
    """Ask which council (or nation) an ambiguous place or postcode means, with a button each
    (the first few where there are many); `payload` turns a name into what the button sends."""
    kb = knowledge_base()
    buttons = [{"title": name, "payload": payload(name)} for name in (kb.target_name(t) for t in result.choices[:MAX_BUTTONS])]
    if result.reason == "postcode":
        dispatcher.utter_message(response="utter_postcode_choices", place=result.matched, buttons=buttons)
    elif result.reason == "many":
        dispatcher.utter_message(response="utter_place_choices_many", place=result.matched, count=len(result.choices), buttons=buttons)
    else:
        dispatcher.utter_message(response="utter_place_choices", place=result.query, buttons=buttons)


def say_understood(dispatcher, result: Resolution) -> None:
    """The one line before any number: which council was understood, and that it can be changed."""
    kb = knowledge_base()
    council = kb.target_name(result.area_id)
    if result.others:
        others = [kb.target_name(other) for other in result.others[:MAX_BUTTONS]]
        dispatcher.utter_message(response="utter_place_understood_not_village", place=result.query, council=council,
                                 others=", ".join(others), buttons=[{"title": name, "payload": name} for name in others])
    elif result.fuzzy:
        dispatcher.utter_message(response="utter_place_understood_fuzzy", place=result.query, matched=result.matched, council=council)
    else:
        dispatcher.utter_message(response="utter_place_understood", place=result.query, council=council)


def place_answer(dispatcher, text: str) -> Optional[Resolution]:
    """A place typed as a form answer, resolved; the choices are offered when it is ambiguous (the
    form then asks again). The caller says what a found, nation or unknown place means for its form."""
    result = place_resolver().resolve(text)
    if result.status == "ambiguous":
        offer_choices(dispatcher, result, lambda name: name)
    return result


def area_named(message: dict) -> Optional[str]:
    """The area of a place this message names ("the Leicester number was wrong"), if any.

    Unlike the local answers, it never falls back on the conversation's area: the caller decides.
    """
    text = message.get("text") or ""
    if text.startswith("/"):
        return None
    return next((r.area_id for r in place_resolver().mentioned_in(text) if r.status == "found"), None)
