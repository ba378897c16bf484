"""Which defined term a message asks about: entity values first, then the words of the message."""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from rapidfuzz import fuzz

from bot.knowledge.schema import Concept


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def find_concept(concepts: Sequence[Concept], named: Iterable[str], text: str) -> Optional[Concept]:
    names = [(concept, _plain(name)) for concept in concepts for name in (concept.id.replace("_", " "), concept.name, *concept.aliases)]
    for value in named:
        wanted = _plain(value)
        exact = next((c for c, n in names if n == wanted), None)
        if exact:
            return exact
    message = f" {_plain(text)} "
    # The longest name found as whole words wins ("cumulative harm" before "harm").
    found = [(len(n), c) for c, n in names if n and f" {n} " in message]
    if found:
        return max(found, key=lambda pair: pair[0])[1]
    best = max(((fuzz.partial_ratio(n, message), c) for c, n in names if len(n) > 4), default=(0, None), key=lambda pair: pair[0])
    return best[1] if best[0] >= 90 else None
