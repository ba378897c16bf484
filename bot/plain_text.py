"""The one way text is reduced before two pieces of it are compared: place names with what people
type (bot/places.py), a term's names with a question (bot/concepts.py, bot/knowledge/base.py);
and the markup taken out of a message before it is read (pasted from a web page, or an attempt at
injection: "<script>…</script> who do I call in York" is a question about York)."""
from __future__ import annotations

import re


def simplify(text: str) -> str:
    """Lower case, "&" as "and", "Saint" as "St", apostrophes dropped, other punctuation as spaces."""
    text = (text or "").lower().replace("&", " and ").replace("’", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join("st" if word == "saint" else word for word in text.split())


_ACTIVE_MARKUP = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-z!][^<>]{0,200}>", re.IGNORECASE)


def without_markup(text: str) -> str:
    """The words of a message with HTML tags (and what a script or style block holds) taken out;
    the message as sent when nothing but markup is left, so it still gets an answer."""
    words = " ".join(_TAG.sub(" ", _ACTIVE_MARKUP.sub(" ", text or "")).split())
    return words or text
