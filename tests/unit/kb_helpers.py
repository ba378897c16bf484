"""Helpers shared by the unit tests: the knowledge files as written, and London times.

Expected values (towns, hours, phone numbers) are read from the YAML files themselves, so the
tests check what the bot does with the data rather than a copy of it. (A module, not conftest,
so that `from kb_helpers import ...` cannot pick up another directory's conftest.)
"""
from __future__ import annotations

import copy
import datetime as dt
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.knowledge.schema import normalise_phone
from bot.knowledge.store import KNOWLEDGE_DIR, parse_yaml

LONDON = ZoneInfo("Europe/London")
UTC = dt.timezone.utc
AREA_FILES = sorted((KNOWLEDGE_DIR / "areas").glob("*.yml"))


def raw_yaml(path: Path) -> dict:
    """A fresh copy each time (a test may change it); each file is parsed once per session, as
    parametrised tests ask for the same files hundreds of times."""
    return copy.deepcopy(_parsed(path))


@lru_cache(maxsize=None)
def _parsed(path: Path) -> dict:
    return parse_yaml(path.read_text(encoding="utf-8"))


def raw_areas() -> dict:
    """area id -> the area's YAML as written (for parametrising at collection time)."""
    return {path.stem: raw_yaml(path) for path in AREA_FILES}


def raw_national() -> dict:
    return raw_yaml(KNOWLEDGE_DIR / "national.yml")


def area_phone(area_id: str, role: str) -> str:
    """The area's number for `role` as the bot shows it: the file's number, in UK national format.
    The ten areas checked in depth are in knowledge/areas/, the other councils in knowledge/councils/."""
    path = KNOWLEDGE_DIR / "areas" / f"{area_id}.yml"
    if not path.exists():
        path = KNOWLEDGE_DIR / "councils" / f"{area_id}.yml"
    return normalise_phone(next(str(c["phone"]) for c in _parsed(path)["contacts"] if c["role"] == role))


def national_phone(role: str) -> str:
    """A national number (helpline, childline, 999, 101) from knowledge/national.yml."""
    return normalise_phone(next(str(c["phone"]) for c in raw_national()["contacts"] if c["role"] == role))


def london(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def compact(text: str) -> str:
    return text.replace(" ", "")
