"""The NLU's concept synonyms are the knowledge base's aliases, generated, never edited by hand."""
import pytest
import yaml

from bot.knowledge import synonyms
from bot.knowledge.schema import Concept


def test_committed_synonyms_equal_the_generated_file():
    committed = synonyms.GENERATED.read_text(encoding="utf-8")
    assert committed == synonyms.synonyms_yaml(synonyms.concepts_from_file()), \
        "data/nlu/synonyms.yml is out of date: run `python -m bot.knowledge.cli synonyms` and commit it"


def test_every_alias_of_every_concept_maps_to_its_id():
    blocks = yaml.safe_load(synonyms.GENERATED.read_text(encoding="utf-8"))["nlu"]
    mapped = {line[2:].lower(): block["synonym"] for block in blocks for line in block["examples"].splitlines()}
    for concept in synonyms.concepts_from_file():
        for alias in concept.aliases:
            if alias != concept.id:
                assert mapped[alias.lower()] == concept.id


def _concept(id_, *aliases):
    return Concept(id=id_, name=id_.replace("_", " "), aliases=list(aliases), short="Short.", more="More.",
                   sources=["s"], checked="2026-11-23")


def test_an_alias_claimed_by_a_hand_written_synonym_is_refused(tmp_path):
    hand = tmp_path / "entity_synonyms.yml"
    hand.write_text('version: "3.1"\nnlu:\n- synonym: housing officer\n  examples: |\n    - housing\n')
    with pytest.raises(ValueError, match="housing"):
        synonyms.synonyms_yaml([_concept("housing_need", "Housing")], hand_written=hand)


def test_an_alias_claimed_by_two_concepts_is_refused(tmp_path):
    with pytest.raises(ValueError, match="(?i)front door"):
        synonyms.synonyms_yaml([_concept("mash", "front door"), _concept("spa", "Front Door")], hand_written=tmp_path / "none.yml")
