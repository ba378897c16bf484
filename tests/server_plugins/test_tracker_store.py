"""The tracker store Rasa loads stores events redacted and keeps the live conversation intact."""
import asyncio
import json

import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from server_plugins.tracker_store import RedactingSQLTrackerStore, storage_failed


def test_events_are_stored_redacted_and_read_back(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = RedactingSQLTrackerStore(domain=Domain.empty(), host=url)
    tracker = DialogueStateTracker.from_events("s1", [
        ActionExecuted("action_listen"),
        UserUttered("who do I call in NG5? I'm on 07700 900123", {"name": "ask_contact", "confidence": 1.0},
                    parse_data={"text": "who do I call in NG5? I'm on 07700 900123", "intent": {"name": "ask_contact"}}),
        SlotSet("q_plan", "email me at jo@example.org"),
    ])
    asyncio.run(store.save(tracker))
    with sa.create_engine(url).connect() as connection:
        stored = [json.loads(data) for (data,) in connection.execute(sa.text("SELECT data FROM events ORDER BY id"))]
    assert "900123" not in json.dumps(stored) and "jo@example.org" not in json.dumps(stored)
    assert stored[1]["text"] == "who do I call in NG5? I'm on [phone number]"
    assert "900123" in tracker.latest_message.text  # the live conversation is unchanged
    again = asyncio.run(store.retrieve("s1"))
    assert again.latest_message.intent["name"] == "ask_contact" and len(again.events) == 3


def test_a_database_failure_is_recorded_for_the_channel(tmp_path):
    store = RedactingSQLTrackerStore(domain=Domain.empty(), host=f"sqlite:///{tmp_path / 'tracker.db'}")
    store.engine = sa.create_engine(f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    store.sessionmaker = sa.orm.sessionmaker(bind=store.engine)

    async def turn() -> bool:  # as the REST channel sees it: the same task, after the store failed
        storage_failed.set(False)
        try:
            await store.retrieve("s1")
        except Exception:  # noqa: BLE001 (Rasa's FailSafeTrackerStore catches it in the server)
            pass
        return storage_failed.get()

    assert asyncio.run(turn())
