"""What every action module shares: the knowledge base, the place resolver and the clock.

Created on first use, so importing the actions (e.g. in tests) needs no database; tests
replace `knowledge_base` and `now` with fakes.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from bot.knowledge.base import KnowledgeBase
from bot.office_hours import LONDON
from bot.places import PlaceResolver


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    return KnowledgeBase()


@lru_cache(maxsize=1)
def place_resolver() -> PlaceResolver:
    return PlaceResolver(knowledge_base().places)


def now() -> dt.datetime:
    return dt.datetime.now(LONDON)
