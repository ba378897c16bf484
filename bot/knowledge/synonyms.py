"""data/nlu/synonyms.yml for the concept entity, written from knowledge/guidance/concepts.yml.

A term's other names exist once, as the concept's aliases in knowledge/; the NLU synonym file is
generated from them (`make knowledge`, or `python -m bot.knowledge.cli synonyms`) and committed,
because training reads data/. Synonyms for the other entities (question, age_group, role) are not
knowledge and stay hand-written in data/nlu/entity_synonyms.yml. Rasa's EntitySynonymMapper maps
the lower-cased text whatever the entity type, so a text claimed by two values is refused here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterable, List

import yaml

from bot.knowledge.schema import Concept

ROOT = Path(__file__).resolve().parents[2]
CONCEPTS = ROOT / "knowledge" / "guidance" / "concepts.yml"
GENERATED = ROOT / "data" / "nlu" / "synonyms.yml"
HAND_WRITTEN = ROOT / "data" / "nlu" / "entity_synonyms.yml"

HEADER = """\
# GENERATED from knowledge/guidance/concepts.yml (the concepts' aliases) by
# `python -m bot.knowledge.cli synonyms` (run by `make knowledge`). Do not edit: change the
# aliases in knowledge/ instead. Synonyms for question, age_group and role: entity_synonyms.yml.
"""


def concepts_from_file(path: Path = CONCEPTS) -> List[Concept]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Concept(**entry) for entry in data["concepts"]]


def _mapped(concept: Concept) -> List[str]:
    """The concept's names that need a synonym: every alias but the id itself ("DSL" stays, so that
    the checks of data/ see the agreed id "dsl"), each lower-cased text once."""
    seen = set()
    texts = []
    for name in concept.aliases:
        if name != concept.id and name.lower() not in seen:
            seen.add(name.lower())
            texts.append(name)
    return texts


def _hand_written(path: Path) -> Dict[str, str]:
    if not path.exists():
        return {}
    blocks = yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])
    return {line[2:].strip().lower(): block["synonym"] for block in blocks if "synonym" in block
            for line in block["examples"].splitlines() if line.startswith("- ")}


def synonyms_yaml(concepts: Iterable[Concept], hand_written: Path = HAND_WRITTEN) -> str:
    """The file's text; raises ValueError naming a text that two values claim."""
    claimed = _hand_written(hand_written)
    lines = [HEADER, 'version: "3.1"', "", "nlu:"]
    for concept in concepts:
        texts = _mapped(concept)
        for text in texts:
            owner = claimed.setdefault(text.lower(), concept.id)
            if owner != concept.id:
                raise ValueError(f"{CONCEPTS.name}: alias {text!r} of {concept.id} is already a synonym of {owner!r}")
        if texts:
            lines += [f"- synonym: {concept.id}", "  examples: |", *(f"    - {text}" for text in texts)]
    return "\n".join(lines) + "\n"


def write(path: Path = GENERATED) -> bool:
    """Rewrite the file if it differs; True when it changed."""
    text = synonyms_yaml(concepts_from_file())
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
