"""Rasa's calls to the action server, without two costs Rasa 3.6 pays again on every call.

Profiling a turn (CPU time, see BENCHMARKS.md) found them in `rasa.core.actions.action.RemoteAction`:

- Each response is checked with `jsonschema.validate`, which first checks the response *schema*
  against the JSON Schema meta-schema before checking the response: that re-check alone cost more
  CPU than the NLU, the policies and the tracker store together. Here the schema is checked once
  and the compiled validator reused; every response is still validated, and one that fails goes
  through Rasa's own check, so the error and its message are Rasa's.
- Each call opens a new aiohttp session and TCP connection (`EndpointConfig.session`). Here each
  endpoint keeps one session per event loop and reuses its connections, dropping an idle one
  after `IDLE_SECONDS`, before the action server (Sanic: 5 s) closes it under a request.

`install()` applies both; the REST channel calls it when the Rasa server starts.
"""
from __future__ import annotations

import asyncio
import weakref
from functools import lru_cache
from typing import Any, Dict

import aiohttp
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

IDLE_SECONDS = 2.0

_rasa_validate = RemoteAction._validate_action_result
_sessions: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Dict[int, aiohttp.ClientSession]]" = weakref.WeakKeyDictionary()


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    if _response_validator().is_valid(result):
        return True
    return _rasa_validate(self, result)


class _Borrowed:
    """What `async with endpoint.session()` gets: the shared session, left open afterwards."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_exc: Any) -> bool:
        return False


def _shared_session(self: EndpointConfig) -> _Borrowed:
    """The endpoint's session for the running loop, made as Rasa makes one (headers, basic auth,
    timeout) plus a connection pool that keeps connections open between calls."""
    sessions = _sessions.setdefault(asyncio.get_running_loop(), {})
    session = sessions.get(id(self))
    if session is None or session.closed:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        session = aiohttp.ClientSession(headers=self.headers, auth=auth,
                                        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                                        connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_SECONDS))
        sessions[id(self)] = session
    return _Borrowed(session)


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    EndpointConfig.session = _shared_session
