"""The assistant's words, read from the responses in domain/, so that Python holds none of them.

Everything a user reads lives in `domain/<topic>.yml`. Most of it Rasa sends as it stands; the
documents the assistant builds (the route, the summary, the action plan) are assembled in `bot/`
from named pieces kept in the same files: a response's `text`, or a `custom` mapping of named
fragments for a document. This module only reads YAML, so `bot/` still knows nothing of Rasa.
"""
from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping, Optional

import yaml

DOMAIN = Path(__file__).resolve().parents[1] / "domain"


class Wording:
    """Named sentences with `{blanks}`: `text("utter_x", council=…)`, `part("utter_doc", "rows", "lead", …)`."""

    def __init__(self, responses: Mapping[str, Any], sentences: Optional[Mapping[str, str]] = None):
        self._responses = responses
        self._sentences = dict(sentences or {})

    def text(self, name: str, **values: Any) -> str:
        """The first variation of a text response, its blanks filled."""
        return fill(self._first(name)["text"], {**self._sentences, **values})

    def part(self, name: str, *keys: str, **values: Any) -> str:
        """One named fragment of a response's `custom` mapping, its blanks filled."""
        return fill(self.table(name, *keys), {**self._sentences, **values})

    def table(self, name: str, *keys: str) -> Any:
        """A table kept in a response's `custom` mapping (the guided questions, the roles), as written."""
        node: Any = self._first(name)["custom"]
        for key in keys:
            node = node[key]
        return node

    def _first(self, name: str) -> Dict[str, Any]:
        try:
            return self._responses[name][0]
        except (KeyError, IndexError):
            raise LookupError(f"domain/ has no response '{name}'") from None


def fill(template: str, values: Mapping[str, Any]) -> str:
    """`{name}` blanks filled as Rasa fills a response's; a blank nobody filled is an error, not a gap."""
    missing = [field for _, field, _, _ in string.Formatter().parse(template) if field and field not in values]
    if missing:
        raise KeyError(f"no value for {{{missing[0]}}} in: {template[:60]}…")
    return template.format(**values)


@lru_cache(maxsize=None)
def load(folder: Path = DOMAIN) -> Wording:
    """Every response of every domain file in `folder`, and the fixed sentences its slots hold (read
    once; the files change only with a release)."""
    responses: Dict[str, Any] = {}
    sentences: Dict[str, str] = {}
    for path in sorted(Path(folder).glob("*.yml")):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        responses.update(domain.get("responses") or {})
        sentences.update(fixed_sentences(domain.get("slots") or {}))
    return Wording(responses, sentences)


def fixed_sentences(slots: Mapping[str, Any]) -> Dict[str, str]:
    """Slots that hold a sentence from the start (a text `initial_value`): their names and sentences."""
    return {name: slot["initial_value"] for name, slot in slots.items() if isinstance(slot.get("initial_value"), str)}
