"""Actions run against the real knowledge/ (loaded once per session into a temporary SQLite file,
tests/conftest.py) and the real domain (as Rasa sends it to the action server) with a fixed clock."""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import shared
from tests.conftest import REPO
from bot.knowledge.store import connect
from bot.number_feedback import FeedbackStore
from bot.office_hours import LONDON

TUESDAY_10AM = dt.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
TUESDAY_8PM = dt.datetime(2026, 11, 24, 20, 0, tzinfo=LONDON)


@pytest.fixture
def feedback(tmp_path) -> FeedbackStore:
    """Reports about numbers go to a SQLite file of the test's own, never var/knowledge.db."""
    return FeedbackStore(connect(f"sqlite:///{tmp_path / 'feedback.db'}"))


@pytest.fixture(autouse=True)
def wired(kb, resolver, feedback, monkeypatch):
    """Point the actions at the test knowledge base, feedback store and a clock the test can set."""
    clock = {"now": TUESDAY_10AM}
    monkeypatch.setattr(shared, "knowledge_base", lambda: kb)
    monkeypatch.setattr(shared, "place_resolver", lambda: resolver)
    monkeypatch.setattr(shared, "feedback_store", lambda: feedback)
    monkeypatch.setattr(shared, "now", lambda: clock["now"])
    return clock


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """The domain as Rasa sends it with every action call (responses, forms, slots)."""
    from rasa.shared.core.domain import Domain
    return Domain.load(str(REPO / "domain")).as_dict()


SENDER = "action-test-sender-0000000001"


def tracker(text: str = "", intent: str = "", entities: Optional[List[Dict[str, Any]]] = None,
            slots: Optional[Dict[str, Any]] = None, active_loop: Optional[str] = None,
            events: Optional[List[Dict[str, Any]]] = None) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    loop = {"name": active_loop} if active_loop else {}
    return Tracker(SENDER, slots or {}, message, events or [], False, None, loop, "action_listen")


def user(text: str, intent: str) -> Dict[str, Any]:
    """A user event as it appears in a tracker's events."""
    return {"event": "user", "text": text, "parse_data": {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}}


def said(dispatcher: CollectingDispatcher) -> str:
    """Everything the action sent, responses with their filled-in values, as one text."""
    parts = []
    for message in dispatcher.messages:
        parts.append(str(message.get("response") or ""))
        parts.append(str(message.get("text") or ""))
        parts += [str(value) for key, value in message.items() if key not in ("response", "text", "buttons")]
        parts += [button["title"] for button in message.get("buttons") or []]
    return "\n".join(parts)
