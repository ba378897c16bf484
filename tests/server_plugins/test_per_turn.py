"""Rasa after `per_turn.install()`: action responses still validated with Rasa's errors, one
connection reused across calls (checked against a real HTTP server), stored events read back as
the same events."""
import asyncio

import pytest
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.test import WronglyClassifiedUserUtterance
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from server_plugins import per_turn

per_turn.install()


def test_a_valid_action_response_passes():
    response = {"events": [{"event": "slot", "name": "area", "value": "leicester"}], "responses": [{"text": "hi"}]}
    assert RemoteAction("action_x", None)._validate_action_result(response)


def test_an_invalid_action_response_gets_rasas_error():
    with pytest.raises(ValidationError) as error:
        RemoteAction("action_x", None)._validate_action_result({"events": [{"event": "slot", "name": 7}]})
    assert "Failed to validate Action server response" in error.value.message


def test_calls_to_one_endpoint_share_a_connection():
    async def scenario():
        peers = []

        async def webhook(request: web.Request) -> web.Response:
            peers.append(request.transport.get_extra_info("peername"))
            return web.json_response({"events": [], "responses": []})

        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        try:
            endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
            for _ in range(3):
                assert await endpoint.request(json={"next_action": "action_x"}, method="post") == {"events": [], "responses": []}
            async with endpoint.session() as session:
                await per_turn.close_sessions()
                assert session.closed
        finally:
            await runner.cleanup()
        return peers

    peers = asyncio.run(scenario())
    assert len(peers) == 3 and len(set(peers)) == 1


def test_stored_events_come_back_as_the_same_events():
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
              UserUttered("who do I call in Leicester", {"name": "ask_contact", "confidence": 0.9}),
              ActiveLoop("concern_form"), SlotSet("area", "leicester"), BotUttered("Call 0116 454 1004")]
    stored = [event.as_dict() for event in events]
    again = DialogueStateTracker.from_dict("s1", stored, Domain.empty().slots)
    assert list(again.events) == events
    assert [type(event) for event in again.events] == [type(event) for event in events]


def test_event_names_resolve_as_rasa_resolves_them():
    assert Event.resolve_by_type("user") is UserUttered  # not a subclass sharing the name
    assert Event.resolve_by_type("wrong_utterance") is WronglyClassifiedUserUtterance
    assert Event.resolve_by_type("topic") is None
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
