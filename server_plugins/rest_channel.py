"""The REST channel (same URL, `/webhooks/rest/webhook`) that never leaves the user without an answer.

Rasa's own REST channel, when a turn fails (Redis or the database down), logs the user's text
and returns `[]`; when a custom action fails (action server down) the turn yields no message
at all. Here any such turn gets `utter_cannot_answer_now` instead: 999 first, then the national
route, which is built from knowledge/ when the server starts and so needs no action or database.
Messages longer than `MAX_MESSAGE_CHARS` (default 2000) get `utter_message_too_long` without
being processed. The log names what failed, never what the user wrote.

The Rasa server loads this channel when it starts (credentials.yml), so this is also where it
switches off work Rasa repeats on every turn (`server_plugins.per_turn`) and, when it stops, closes
the connections that keeps open.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import render
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.store import in_memory_engine
from bot.routing import Situation, route_for
from server_plugins import per_turn
from server_plugins.tracker_store import storage_failed

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = int(os.environ.get("MAX_MESSAGE_CHARS", "2000"))


def national_route() -> str:
    kb = KnowledgeBase(in_memory_engine())
    return render.route_text(kb, route_for(kb, None, Situation.SIGNIFICANT_HARM, dt.datetime.now(dt.timezone.utc)))


def _describe(error: BaseException) -> str:
    """The error and what caused it, one line each, without SQL statements or what the user sent."""
    parts = []
    while error is not None and len(parts) < 4:
        cause = getattr(error, "orig", None) or error  # SQLAlchemy: the driver's error, not the statement
        parts.append(f"{type(error).__name__}: {' '.join(str(cause).split())[:300]}")
        error = error.__cause__ or error.__context__
    return " <- caused by ".join(parts)


class CalmRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        per_turn.install()
        route = national_route()
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        def reply(request: Request, name: Text) -> HTTPResponse:
            text = request.app.ctx.agent.domain.responses[name][0]["text"]
            return response.json([{"recipient_id": "", "text": text.replace("{route}", route)}])

        @webhook.listener("before_server_stop")
        async def close_action_server_connections(_app: Any, _loop: Any) -> None:
            await per_turn.close_sessions()

        @webhook.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json if isinstance(request.json, dict) else {}
            text, sender = body.get("message"), body.get("sender")
            if not isinstance(sender, str) or not sender or not isinstance(text, str):
                return response.json({"error": "send JSON with a 'sender' and a 'message' string"}, status=400)
            if len(text) > MAX_MESSAGE_CHARS:
                return reply(request, "utter_message_too_long")
            collector = CollectingOutputChannel()
            storage_failed.set(False)
            try:
                await on_new_message(UserMessage(text, collector, sender, input_channel=self.name(),
                                                 metadata=self.get_metadata(request)))
            except Exception as error:  # noqa: BLE001 (any failure gets the same calm answer)
                logger.error("A turn failed, the user got the calm fallback. %s", _describe(error))
                return reply(request, "utter_cannot_answer_now")
            if storage_failed.get():
                logger.error("The conversation store failed during a turn, the user got the calm fallback.")
                return reply(request, "utter_cannot_answer_now")
            if not collector.messages:
                logger.warning("A turn produced no reply (is the action server up?); the user got the calm fallback.")
                return reply(request, "utter_cannot_answer_now")
            return response.json(collector.messages)

        return webhook
