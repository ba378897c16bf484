"""Remove phone numbers, email addresses and full postcodes from what is stored.

The assistant asks people not to type personal details, but some will. Natural language
understanding still sees the original text (place matching needs postcode districts such as
"NG5"); only the copy written to the conversation store goes through `redact`. A full postcode
("NG5 1AB") narrows to a few addresses and is removed; its district alone ("NG5") covers
thousands and is kept, because that is how the bot matched the place.

`redact_event` knows the shape of a stored conversation event (a JSON object with `text`,
`parse_data`, slot `value`, `metadata`) but nothing of Rasa itself.
"""
from __future__ import annotations

import re
from typing import Any

import phonenumbers

PHONE = "[phone number]"
EMAIL = "[email address]"
POSTCODE = "[postcode]"

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# Outward code (district) then inward code: "NG5 1AB", "sw1a1aa", "M1 1AE".
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
# Digit runs phonenumbers does not take as a UK number but that still look like one.
_LONG_DIGITS = re.compile(r"(?<!\w)\+?\d[\d ()-]{8,}\d(?!\w)")


def redact(text: str) -> str:
    """`text` with phone numbers, email addresses and full postcodes replaced by placeholders."""
    if not text:
        return text
    text = _EMAIL.sub(EMAIL, text)
    spans = [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)]
    for start, end in reversed(spans):
        text = text[:start] + PHONE + text[end:]
    text = _POSTCODE.sub(POSTCODE, text)
    return _LONG_DIGITS.sub(PHONE, text)


def _redact_any(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, list):
        return [_redact_any(item) for item in value]
    if isinstance(value, dict):
        return {key: _redact_any(item) for key, item in value.items()}
    return value


def redact_event(event: dict) -> dict:
    """A copy of a stored conversation event with what a person typed or was told redacted.

    Structural fields (event type, intent and action names, timestamps, ids) are left alone.
    """
    event = dict(event)
    if isinstance(event.get("text"), str):
        event["text"] = redact(event["text"])
    if isinstance(event.get("parse_data"), dict):
        parse_data = dict(event["parse_data"])
        if isinstance(parse_data.get("text"), str):
            parse_data["text"] = redact(parse_data["text"])
        if isinstance(parse_data.get("entities"), list):
            parse_data["entities"] = [{**entity, "value": _redact_any(entity.get("value"))} if isinstance(entity, dict) else entity
                                      for entity in parse_data["entities"]]
        event["parse_data"] = parse_data
    if event.get("event") == "slot":
        event["value"] = _redact_any(event.get("value"))
    if "metadata" in event:
        event["metadata"] = _redact_any(event["metadata"])
    return event
