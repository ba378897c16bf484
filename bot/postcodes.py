"""The one definition of a UK postcode's shape, shared by place resolution (bot/places.py), the
redaction of identifiers (bot/redaction.py) and the knowledge files' validation (bot/knowledge/).

Outward code: area letters, district digit, optional digit or letter ("LE1", "SW1A", "M60").
Inward code: sector digit and two unit letters; Royal Mail never uses C, I, K, M, O or V there.
"""
from __future__ import annotations

import re
from typing import Optional

AREA = r"[A-Z]{1,2}"
DISTRICT_TAIL = r"\d[A-Z\d]?"
OUTWARD = AREA + DISTRICT_TAIL
UNIT = r"[ABD-HJLNP-UW-Z]{2}"
INWARD = r"\d" + UNIT

DISTRICT = re.compile(rf"^{OUTWARD}$")
SECTOR = re.compile(rf"^({OUTWARD}) (\d)$")
FULL = re.compile(rf"^({OUTWARD})(\d)({UNIT})$")  # written without the space: normalise() first


def normalise(code: str) -> str:
    """Upper case, no spaces: "ng5 5ab" -> "NG55AB"."""
    return "".join(code.split()).upper()


def written(code: str) -> Optional[str]:
    """A full postcode the way it is written ("NG5 5AB"), or None when it is not one."""
    full = FULL.match(normalise(code))
    return f"{full.group(1)} {full.group(2)}{full.group(3)}" if full else None
