"""What every action module shares: the knowledge base, the place resolver, the store of number
feedback and the clock.

Created on first use, so importing the actions (e.g. in tests) needs no database; tests
replace `knowledge_base` and `now` with fakes.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import connect
from bot.number_feedback import FeedbackStore
from bot.office_hours import LONDON
from bot.places import PlaceResolver


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase()


@lru_cache(maxsize=1)
def place_resolver() -> PlaceResolver:
    return PlaceResolver(knowledge_base().places)


@lru_cache(maxsize=1)
def feedback_store() -> FeedbackStore:
    """Reports about numbers go to the knowledge database (KNOWLEDGE_DB_URL), in their own table."""
    return FeedbackStore(connect())


def now() -> dt.datetime:
    return dt.datetime.now(LONDON)


def place_answer(dispatcher, text: str):
    """A place typed as a form answer: (status, area) from the resolver, with the shared replies.

    Offers the choices when the name is ambiguous (the form then asks again) and says so when
    the place is served by another council; the caller says what a found or unknown area means
    for its own form. An unknown place gives no area: a neighbour's contacts are never guessed.
    """
    resolver = place_resolver()
    result = resolver.resolve(text)
    if result.status == "unknown":
        result = next(iter(resolver.mentioned_in(text)), result)
    kb = knowledge_base()
    if result.status == "ambiguous":
        buttons = [{"title": kb.area(a).name, "payload": kb.area(a).name} for a in result.choices]
        buttons.append({"title": "Another council", "payload": "another council"})
        dispatcher.utter_message(response="utter_place_choices_form", place=text, note=result.note or "", buttons=buttons)
        return result.status, None
    if result.status in ("found", "elsewhere") and result.area_id:
        area = kb.area(result.area_id)
        if result.status == "elsewhere":
            dispatcher.utter_message(response="utter_place_redirect_form", place=result.matched, council=area.name)
        return result.status, area
    return "unknown", None


def area_named(message: dict) -> Optional[str]:
    """The area of a place this message names ("the Leicester number was wrong"), if we hold it.

    Unlike the local answers, it never falls back on the conversation's area: the caller decides.
    """
    resolver = place_resolver()
    values = [str(e.get("value")) for e in message.get("entities", []) if e.get("entity") == "place"]
    text = message.get("text") or ""
    results = [resolver.resolve(value) for value in values] + (resolver.mentioned_in(text) if not text.startswith("/") else [])
    return next((r.area_id for r in results if r.status in ("found", "elsewhere") and r.area_id), None)
