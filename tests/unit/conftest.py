"""Shared fixtures for the unit tests of the plain-Python `bot` package.

The real `knowledge/` directory is validated and loaded once per session into an in-memory
SQLite database (SQLAlchemy keeps one connection per thread for "sqlite://", so the data
survives between connections) and read back through `KnowledgeBase`, as the bot does.
"""
from __future__ import annotations

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import connect, load
from bot.places import PlaceResolver


@pytest.fixture(scope="session")
def engine():
    engine = connect("sqlite://")
    load(engine)
    return engine


@pytest.fixture(scope="session")
def kb(engine) -> KnowledgeBase:
    return KnowledgeBase(engine)


@pytest.fixture(scope="session")
def resolver(kb) -> PlaceResolver:
    return PlaceResolver(kb.places, kb.postcodes)


@pytest.fixture
def place_in(resolver):
    """The place words a text names, found as actions/shared.place_words finds them."""
    def find(text):
        result = resolver.resolve(text)
        result = None if result.status == "unknown" else result
        return (result.matched or result.query) if result else None
    return find
