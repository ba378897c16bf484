"""The one way text is reduced before two pieces of it are compared: place names with what people
type (bot/places.py), a term's names with a question (bot/concepts.py, bot/knowledge/base.py)."""
from __future__ import annotations

import re


def simplify(text: str) -> str:
    """Lower case, "&" as "and", "Saint" as "St", apostrophes dropped, other punctuation as spaces."""
    text = (text or "").lower().replace("&", " and ").replace("’", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join("st" if word == "saint" else word for word in text.split())
