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
from typing import Callable, List, Optional, Sequence, Tuple

from bot import render
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import connect
from bot.number_feedback import FeedbackStore
from bot.office_hours import LONDON
from bot.places import MAX_BUTTONS, NATIONS, PlaceResolver, Resolution
from bot.routing import Situation, route_for

# The slot holding the place name the last choices were about ("Newport").
ASKED_SLOT = "ambiguous_place"

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


def place_choices(name: Optional[str], targets: Sequence[str]) -> List[Tuple[str, str]]:
    """(what a button says, the place it answers with) for each council or nation: the council's
    name, or the town's full name where `name` is short for one there ("Newcastle-under-Lyme
    (Staffordshire County Council)")."""
    kb, resolver = knowledge_base(), place_resolver()
    found = []
    for target in targets:
        council, town = kb.target_name(target), resolver.known_as(name, target)
        found.append((f"{town} ({council})", town) if town else (council, council))
    return found


def offer_choices(dispatcher, result: Resolution, payload: Callable[[str], str]) -> None:
    """Ask which council (or nation) an ambiguous place or postcode means, with a button each
    (the first few, most likely first, where there are many); `payload` turns a name into what the
    button sends. A place of that name in Wales, Scotland or Northern Ireland is not one of the
    places in England: its nation's route follows the English choices."""
    kb = knowledge_base()
    english = [target for target in result.choices if target not in NATIONS]
    shown = english if english and result.reason not in ("postcode", "two") else list(result.choices)
    buttons = [{"title": title, "payload": payload(answer)} for title, answer in place_choices(result.matched, shown[:MAX_BUTTONS])]
    if result.reason in ("postcode", "two"):  # a split postcode; two places named, neither said to be the child's home
        response = "utter_postcode_choices" if result.reason == "postcode" else "utter_two_choices"
        dispatcher.utter_message(response=response, place=result.matched, buttons=buttons)
        return
    if len(shown) > MAX_BUTTONS:
        dispatcher.utter_message(response="utter_place_choices_area" if result.reason == "area" else "utter_place_choices_many",
                                 place=result.matched, count=len(shown), buttons=buttons)
    else:
        dispatcher.utter_message(response="utter_place_choices", place=result.query, buttons=buttons)
    for nation in (target for target in result.choices if target in NATIONS and target not in shown):
        route = route_for(kb, nation, Situation.SIGNIFICANT_HARM, now())
        dispatcher.utter_message(response="utter_place_choice_nation", place=result.matched, nation=kb.target_name(nation),
                                 route=render.route_text(kb, route))


def say_understood(dispatcher, result: Resolution) -> None:
    """The one line before any number: which council was understood, and that it can be changed;
    the other places of that name, and a city's addresses over its boundary, as choices."""
    kb = knowledge_base()
    council = kb.target_name(result.area_id)
    if result.others:
        others = place_choices(result.matched, result.others[:MAX_BUTTONS])
        dispatcher.utter_message(response="utter_place_understood_not_village", place=result.query, name=result.matched, council=council,
                                 others=", ".join(title for title, _ in others),
                                 buttons=[{"title": title, "payload": answer} for title, answer in others])
    elif result.fuzzy:
        dispatcher.utter_message(response="utter_place_understood_fuzzy", place=result.query, matched=result.matched, council=council)
    else:
        dispatcher.utter_message(response="utter_place_understood", place=result.query, council=council)
    if result.postal:
        neighbours = [kb.target_name(target) for target in result.postal[:MAX_BUTTONS]]
        dispatcher.utter_message(response="utter_place_postal_neighbours", name=result.matched, councils=", ".join(neighbours),
                                 buttons=[{"title": name, "payload": name} for name in neighbours])


def asked_about(tracker) -> Optional[str]:
    """The place name the assistant's last turn offered choices for ("Newport"), if it did: the
    answer now may name its county ("shropshire"). Only the turn right after the choices counts, so
    a county asked about later is never read as that town's."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif event.get("event") == "slot" and event.get("name") == ASKED_SLOT and seen_user:
            return event.get("value")
    return None


def narrowed(asked: Optional[str], result: Resolution) -> Resolution:
    """`result`, or the place asked about narrowed by it ("Newport" + "shropshire": Telford and Wrekin)."""
    return (place_resolver().within(asked, result) if asked else None) or result


def place_answer(dispatcher, text: str, asked: Optional[str] = None) -> Optional[Resolution]:
    """A place typed as a form answer, resolved (narrowing `asked`, the place the last choices
    were about); the choices are offered when it is ambiguous (the form then asks again). The
    caller says what a found, nation or unknown place means for its form."""
    result = narrowed(asked, place_resolver().resolve(text))
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
