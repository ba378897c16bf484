"""Words that mean a child may be in danger right now, whatever the intent classifier thinks.

A safety net under the NLU model: a missed "the baby is in a hot car" costs far more than a
"call 999" said once too often, so a few unmistakable phrases always get the 999 answer.
Negated statements ("no, he's not in danger") are left to the model.
"""
from __future__ import annotations

import re

_URGENT = [
    r"\bnot breathing\b", r"\bunconscious\b", r"\bunresponsive\b", r"\boverdos(e|ed|ing)\b",
    r"\b(on fire|there'?s a fire|house fire|fire in the)\b", r"\bhot car\b", r"\b(knife|weapon|gun)\b",
    r"\bbeing (hit|beaten|attacked|hurt|abused) (right )?now\b", r"\b(is|are) (hitting|beating|attacking) (him|her|them|the)\b",
    r"\bin (immediate )?danger (right )?now\b", r"\b(right now|now)\b.{0,30}\b(alone|in danger|being hurt)\b",
    r"\bhas (gone|run) missing\b.{0,30}\b(now|tonight)\b",
]
_NEGATED = re.compile(r"\b(no|not|isn'?t|aren'?t|never|wasn'?t|without)\b.{0,25}\b(danger|hurt|fire|knife|weapon)", re.IGNORECASE)
_PATTERN = re.compile("|".join(_URGENT), re.IGNORECASE)


def sounds_like_immediate_danger(text: str) -> bool:
    if not text or _NEGATED.search(text):
        return False
    return bool(_PATTERN.search(text))
