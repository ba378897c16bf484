"""Work Rasa 3.6 repeats on every turn, done once instead. Each was found by profiling turns (CPU
time) of the running assistant; each change keeps Rasa's behaviour and its errors.

- Each action server response is checked with `jsonschema.validate`, which first checks the response *schema*
  against the JSON Schema meta-schema before checking the response: that re-check alone cost more
  CPU than the NLU, the policies and the tracker store together. Here the schema is checked once
  and the compiled validator reused; every response is still validated, and one that fails goes
  through Rasa's own check, so the error and its message are Rasa's.
- Each call to the action server opens a new aiohttp session and TCP connection
  (`EndpointConfig.session`). Here each endpoint keeps one session per event loop and reuses its
  connections, dropping an idle one after `IDLE_SECONDS`, before the action server (Sanic: 5 s)
  closes it under a request.
- Reading a conversation from the tracker store turns every stored event back into an object,
  and for each one `Event.resolve_by_type` lists every Event subclass anew (with an
  `inspect.isabstract` check each): the larger part of a turn's CPU late in a long conversation.
  Here the name → class table is built once, and again only for a name it does not hold.

`install()` applies all three; the REST channel calls it when the Rasa server starts, and
`close_sessions()` when it stops.
"""
from __future__ import annotations

import asyncio
import weakref
from functools import lru_cache
from typing import Any, Dict, Optional

import aiohttp
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

IDLE_SECONDS = 2.0

_rasa_validate = RemoteAction._validate_action_result
_rasa_resolve = Event.resolve_by_type
_event_classes: Dict[str, type] = {}
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


async def close_sessions() -> None:
    """Close the shared sessions of the running loop (their idle connections go with them)."""
    for session in _sessions.pop(asyncio.get_running_loop(), {}).values():
        await session.close()


def _resolve_by_type(type_name: str, default: Optional[type] = None) -> Optional[type]:
    """Rasa's answer (the first subclass in `all_subclasses` order with that name), from a table."""
    found = _event_classes.get(type_name)
    if found is None:
        _event_classes.clear()
        for subclass in all_subclasses(Event):
            _event_classes.setdefault(subclass.type_name, subclass)
        found = _event_classes.get(type_name)
    return found if found is not None else _rasa_resolve(type_name, default)


def install() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    EndpointConfig.session = _shared_session
    Event.resolve_by_type = staticmethod(_resolve_by_type)
