"""What a message too long to take in (a pasted case note) is still read for: danger now, and a
child writing about their own home, with the place it names.

The channel does not pass such a message on (nothing stores or reads the whole of it), but
"the baby is not breathing and mum is unconscious" at the top of 2,700 characters must still get
999 first and the local line. So its words are read here for what the assistant would act on at
once, the same readings the NLU component makes (nlu_components/danger_override.py), and the turn
is taken as that intent with those entities: the conversation keeps the intent, the emergency
service and the place, never the text.
"""
from __future__ import annotations

import json
from typing import Optional

from bot.danger import service_value, sounds_like_immediate_danger
from bot.details import writes_as_a_child
from bot.places import PlaceResolver

ANY_SERVICE = "any"  # the 999 advice names "the police or an ambulance" (domain/danger.yml)
_WINDOW, _STEP = 2000, 1800  # the resolver reads 2,000 characters at a time; windows overlap


def place_named(resolver: PlaceResolver, text: str) -> Optional[str]:
    """The first place the text names that leads to one council or nation, as the knowledge base
    spells it; None if none does (an ambiguous name is left for the assistant to ask about)."""
    for start in range(0, max(len(text), 1), _STEP):
        for mention in resolver.mentioned_in(text[start:start + _WINDOW]):
            if mention.status in ("found", "nation"):
                return mention.matched or mention.query
    return None


def urgent_turn(text: str, resolver: PlaceResolver) -> Optional[str]:
    """The turn to take for an over-long message, as an intent payload
    (`/immediate_danger{"emergency_service": "ambulance", "place": "Leeds"}`), or None when it
    states neither danger now nor a child asking for help (it is then refused as too long)."""
    child, danger = writes_as_a_child(text), sounds_like_immediate_danger(text)
    if not (child or danger):
        return None
    entities = {"emergency_service": service_value(text) or ANY_SERVICE}
    place = place_named(resolver, text)
    if place:
        entities["place"] = place
    intent = "child_seeking_help" if child else "immediate_danger"  # a child in danger is answered as a child
    return f"/{intent}{json.dumps(entities)}"
