"""The REST channel (same URL, `/webhooks/rest/webhook`): the door every message comes through.

- **Sender ids.** An id must be 22 to 128 characters of A-Za-z0-9_- (`bot.sender_ids`); anything
  else gets status 400 and a short JSON error. Past this door only the id's keyed hash is used
  (conversation store, lock store, action server, logs); replies carry the client's own id back.
- **"/" messages.** Only `/restart` and the payloads of the buttons the assistant offered in its
  last turn are taken as intents, with their entity values checked (places through the place
  resolver, levels from their fixed set, question names from the questions, the wrong-number
  buttons' `fact_id` against the phone numbers in knowledge/); anything else
  starting with "/" is read as plain text (`bot.slash_messages`).
- **Never without an answer.** Rasa's own REST channel, when a turn fails (Redis or the database
  down), logs the user's text and returns `[]`; when a custom action fails (action server down)
  the turn yields no message at all. Here any such turn gets `utter_cannot_answer_now`: 999
  first, then the national route, built from knowledge/ when the server starts, so it needs no
  action or database. The log names what failed, never what the user wrote.
- **Over-long messages.** A message longer than `MAX_MESSAGE_CHARS` (default 2000) is never passed
  on or stored. It is read only for what must not wait (`bot.long_messages`): danger now, or a
  child asking for help, with the place it names. Then the turn is taken as that intent with
  those entities (999 first, the local line), followed by `utter_message_too_long_read`;
  otherwise it gets `utter_message_too_long`.
- **Turns in order of arrival.** At most `TURNS_AT_ONCE` turns (default 4) are inside Rasa at a
  time; the others wait their turn, first come first served. A turn that calls the action server
  waits for its answer, and its second half then queued behind every other turn in progress: at
  50 users the turns with an action took twice as long as the others (p95 1.2x the stock bot's
  while throughput was 1.3x). With the limit it queues behind at most a few. Every turn is still
  served; the server's throughput is unchanged (it is bound by one core either way).

The Rasa server loads this channel when it starts (credentials.yml), so this is also where it
switches off work Rasa repeats on every turn (`server_plugins.per_turn`) and, when it stops, closes
the connections that keeps open.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
from typing import Any, Awaitable, Callable, List, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.nlg.interpolator import interpolate_text
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import keys, phone_facts, render
from bot.long_messages import urgent_turn
from bot.concern import LEVEL_TO_SITUATION, question_named
from bot.knowledge.base import KnowledgeBase, from_files
from bot.places import PlaceResolver, resolver_from_files
from bot.plain_text import without_markup
from bot.plan import plan_question_named
from bot.private_logs import describe_exception
from bot.routing import Situation, route_for
from bot.sender_ids import ERROR as SENDER_ERROR
from bot.sender_ids import SenderIds, is_valid
from bot.slash_messages import Validators, admitted
from server_plugins import per_turn
from server_plugins.tracker_store import storage_failed

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = int(os.environ.get("MAX_MESSAGE_CHARS", "2000"))
TURNS_AT_ONCE = int(os.environ.get("TURNS_AT_ONCE", "4"))


def national_route(kb: KnowledgeBase) -> str:
    return render.route_text(kb, route_for(kb, None, Situation.SIGNIFICANT_HARM, dt.datetime.now(dt.timezone.utc)), with_999=False)


def payload_validators(resolver: PlaceResolver, kb: KnowledgeBase) -> Validators:
    """What an entity value in a button payload may be; anything else is dropped. Every entity a
    button of ours carries needs an entry here, or its buttons arrive without it."""
    return {
        "fact_id": lambda value: phone_facts.checked_ids(kb, value),
        "place": lambda value: value if resolver.resolve(value).status != "unknown" else None,
        "level": lambda value: value if value in LEVEL_TO_SITUATION else None,
        "question": lambda value: value if question_named(value) or plan_question_named(value) else None,
    }


def fallback_text(domain: Domain, name: Text, route: Text) -> Text:
    """A response the channel sends without a turn, its blanks filled as Rasa fills a response's:
    from the slots' starting values (the 999 sentence, `call_999`) and `{route}`, the national route."""
    values = {**{slot.name: slot.initial_value for slot in domain.slots}, "route": route}
    return interpolate_text(domain.responses[name][0]["text"], values)


async def offered_payloads(tracker_store: Any, sender_id: Text) -> List[str]:
    """The payloads of the buttons in the assistant's last turn of this conversation."""
    tracker = await tracker_store.retrieve(sender_id)
    payloads: List[str] = []
    for event in reversed(tracker.events if tracker else []):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            payloads += [button.get("payload") for button in (event.data or {}).get("buttons") or [] if isinstance(button, dict)]
    return payloads


class CalmRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        per_turn.install()
        kb, resolver = from_files(), resolver_from_files()
        route = national_route(kb)
        validators = payload_validators(resolver, kb)
        senders = SenderIds(keys.sender_id_key())
        turns = asyncio.Semaphore(TURNS_AT_ONCE)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        def said(request: Request, name: Text) -> List[dict]:
            return [{"recipient_id": "", "text": fallback_text(request.app.ctx.agent.domain, name, route)}]

        def reply(request: Request, name: Text) -> HTTPResponse:
            return response.json(said(request, name))

        @webhook.listener("before_server_stop")
        async def close_action_server_connections(_app: Any, _loop: Any) -> None:
            await per_turn.close_sessions()

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json if isinstance(request.json, dict) else {}
            except Exception:  # noqa: BLE001 (Sanic raises on a body that is not JSON)
                body = {}
            text, sender = body.get("message"), body.get("sender")
            if not isinstance(sender, str) or not sender or not isinstance(text, str):
                return response.json({"error": "send JSON with a 'sender' and a 'message' string"}, status=400)
            if not is_valid(sender):
                return response.json({"error": SENDER_ERROR}, status=400)
            if len(text) > MAX_MESSAGE_CHARS:
                urgent = urgent_turn(without_markup(text), resolver)
                if urgent is None:
                    return reply(request, "utter_message_too_long")
                async with turns:
                    answered = await turn(request, urgent, senders.hashed(sender), sender, ours=True)
                return response.json(answered + said(request, "utter_message_too_long_read"))
            async with turns:
                return response.json(await turn(request, without_markup(text), senders.hashed(sender), sender))

        async def turn(request: Request, text: Text, conversation: Text, sender: Text, ours: bool = False) -> List[dict]:
            """The turn's messages (or the calm fallback). `ours`: a payload the channel built
            itself, taken as it is; any other "/" message is checked against the buttons offered."""
            if text.lstrip().startswith("/") and not ours:
                text = admitted(text, await offered_payloads(request.app.ctx.agent.tracker_store, conversation), validators)
            collector = CollectingOutputChannel()
            storage_failed.set(False)
            try:
                await on_new_message(UserMessage(text, collector, conversation, input_channel=self.name(),
                                                 metadata=self.get_metadata(request)))
            except Exception as error:  # noqa: BLE001 (any failure gets the same calm answer)
                logger.error("A turn failed, the user got the calm fallback. %s", describe_exception(error))
                return said(request, "utter_cannot_answer_now")
            if storage_failed.get():
                logger.error("The conversation store failed during a turn, the user got the calm fallback.")
                return said(request, "utter_cannot_answer_now")
            if not collector.messages:
                logger.warning("A turn produced no reply (is the action server up?); the user got the calm fallback.")
                return said(request, "utter_cannot_answer_now")
            return [{**message, "recipient_id": sender} for message in collector.messages]

        return webhook

