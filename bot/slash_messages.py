"""Which "/" messages are taken as intents, and with which entity values.

Rasa reads any message `/intent{"entity": "value"}` as that intent with those entities, skipping
understanding, the fallback threshold and the danger check, and the values end up in replies. A
client can type anything, so here only two kinds of "/" message count as intents: `/restart`, and
the payload of a button the assistant offered in its last turn, exactly as offered. Even then each
entity value is checked (`validators`: entity name -> a function returning the value to keep, or
None) and dropped when it fails. Every other message starting with "/" is taken as plain text,
without its leading slashes, so it goes through understanding like anything else typed.
"""
from __future__ import annotations

import json
import re
from typing import Callable, Dict, Iterable, Optional

RESTART = "/restart"
_LEADING = re.compile(r"^[\s/]+")
_PAYLOAD = re.compile(r"^/(?P<intent>[A-Za-z0-9_]+)(?P<entities>\{.*\})?$", re.DOTALL)

Validators = Dict[str, Callable[[str], Optional[str]]]


def as_plain_text(text: str) -> str:
    """The message without the leading slashes (and spaces) that would make Rasa read it as an intent.
    A button's intent name is read as the words it is made of ("/worried_about_child" as "worried
    about child"): "worried_about_child" is no one's words, and was kept as what the person said
    was happening."""
    plain = _LEADING.sub("", text)
    match = _PAYLOAD.match(text.strip())
    if match is None:
        return plain
    return match.group("intent").replace("_", " ") + (match.group("entities") or "")


def admitted(text: str, offered: Iterable[str], validators: Validators) -> str:
    """The message to hand to Rasa for what the user sent (`text`) after the buttons `offered`."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    if stripped == RESTART:
        return RESTART
    if stripped not in {payload.strip() for payload in offered if isinstance(payload, str)}:
        return as_plain_text(text)
    match = _PAYLOAD.match(stripped)
    if match is None:
        return as_plain_text(text)
    if not match.group("entities"):
        return stripped
    try:
        entities = json.loads(match.group("entities"))
    except ValueError:
        entities = None
    if not isinstance(entities, dict):
        return f"/{match.group('intent')}"
    kept = {}
    for name, value in entities.items():
        check = validators.get(name)
        checked = check(value) if check and isinstance(value, str) else None
        if checked is not None:
            kept[name] = checked
    if kept == entities:
        return stripped
    return f"/{match.group('intent')}" + (json.dumps(kept) if kept else "")
