"""The REST channel's door for over-long messages, with Rasa replaced by a stand-in that records what
it was handed: danger in a pasted case note still gets its turn (as an intent, never the text);
anything else over the limit is refused without reaching Rasa."""
from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest
from rasa.shared.core.domain import Domain

from bot.wording import load as wording
from server_plugins import rest_channel
from tests.conftest import REPO
from tests.unit.test_long_messages import CASE_NOTE

SENDER = "rest-channel-test-sender-0001"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(REPO / "domain"))


@pytest.fixture
def webhook(domain, tmp_path, monkeypatch):
    """The channel's POST handler, and what it passed on to Rasa (each message's text)."""
    monkeypatch.setenv("SECRETS_DIR", str(tmp_path / "secrets"))
    handed = []

    async def rasa(message):
        handed.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, "the turn's answer")

    blueprint = rest_channel.CalmRestInput().blueprint(rasa)
    handler = next(route.handler for route in blueprint._future_routes if route.uri == "/webhook")
    app = SimpleNamespace(ctx=SimpleNamespace(agent=SimpleNamespace(domain=domain, tracker_store=None)))

    def post(text: str):
        request = SimpleNamespace(json={"sender": SENDER, "message": text}, app=app, args={}, headers={})
        reply = asyncio.run(handler(request))
        return [message["text"] for message in json.loads(reply.body)]

    return post, handed


def test_danger_at_the_top_of_a_long_message_gets_its_turn_as_an_intent_then_a_word_on_the_length(webhook):
    post, handed = webhook
    texts = post("the baby is not breathing and mum is unconscious, we're in Leeds." + CASE_NOTE)
    assert len(handed) == 1 and handed[0].startswith("/immediate_danger{")
    assert json.loads(handed[0][len("/immediate_danger"):]) == {"emergency_service": "ambulance", "place": "Leeds"}
    assert texts[0] == "the turn's answer"
    assert texts[-1] == wording().text("utter_message_too_long_read")


def test_a_long_message_without_danger_is_refused_and_never_reaches_rasa(webhook):
    post, handed = webhook
    texts = post(CASE_NOTE)
    assert handed == []
    assert texts == [wording().text("utter_message_too_long")]


def test_a_typed_intent_payload_is_still_only_plain_text(webhook, monkeypatch):
    """The channel's own payload is trusted; the same words typed by a client are not."""
    post, handed = webhook

    async def nothing_offered(_store, _sender):
        return []

    monkeypatch.setattr(rest_channel, "offered_payloads", nothing_offered)
    typed = '/immediate_danger{"emergency_service": "fire"}'
    post(typed)
    assert handed == ['immediate danger{"emergency_service": "fire"}']  # words, read by NLU like any typed text
