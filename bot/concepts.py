"""Which defined term a message asks about: entity values first, then the words of the message."""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from rapidfuzz import fuzz

from bot.knowledge.schema import Concept
from bot.plain_text import simplify


def find_concept(concepts: Sequence[Concept], named: Iterable[str], text: str) -> Optional[Concept]:
    names = [(concept, simplify(name)) for concept in concepts for name in (concept.id.replace("_", " "), concept.name, *concept.aliases)]
    for value in named:
        wanted = simplify(value)
        exact = next((c for c, n in names if n == wanted), None)
        if exact:
            return exact
    message = f" {simplify(text)} "
    # The longest name found as whole words wins ("cumulative harm" before "harm").
    found = [(len(n), c) for c, n in names if n and f" {n} " in message]
    if found:
        return max(found, key=lambda pair: pair[0])[1]
    best = max(((fuzz.partial_ratio(n, message), c) for c, n in names if len(n) > 4), default=(0, None), key=lambda pair: pair[0])
    return best[1] if best[0] >= 90 else None


def named_in(concept: Concept, text: str) -> bool:
    """The message names the term by its name or an alias, as whole words. No near misses: this
    checks a classifier's guess, where a near miss would turn one question into another."""
    message = f" {simplify(text)} "
    return any(f" {name} " in message for name in map(simplify, (concept.name, *concept.aliases)) if name)
