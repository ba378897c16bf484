"""Rasa's calls to the action server after `action_calls.install()`: responses still validated with
Rasa's errors, and one connection reused across calls (checked against a real HTTP server)."""
import asyncio

import pytest
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from server_plugins import action_calls

action_calls.install()


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
                await session.close()
        finally:
            await runner.cleanup()
        return peers

    peers = asyncio.run(scenario())
    assert len(peers) == 3 and len(set(peers)) == 1
