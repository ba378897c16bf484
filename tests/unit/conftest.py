"""Shared fixtures for the unit tests of the plain-Python `bot` package (the real knowledge/,
`kb` and `resolver`, come from tests/conftest.py: loaded once per session)."""
from __future__ import annotations

import pytest


@pytest.fixture
def place_in(resolver):
    """The place words a text names, found as actions/shared.place_words finds them."""
    def find(text):
        result = resolver.resolve(text)
        result = None if result.status == "unknown" else result
        return (result.matched or result.query) if result else None
    return find
