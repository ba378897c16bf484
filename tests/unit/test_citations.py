"""Sources are shown by a title a professional can look for, never by the project's file names."""
import re

from bot import render
from bot.knowledge.schema import is_web_address


def test_no_citation_shows_a_seed_or_reference_file_name(kb):
    facts = [(area, fact) for area in kb.areas.values()
             for fact in [*area.contacts, area.threshold, area.escalation, area.neglect_toolkit] if fact is not None]
    texts = [render.citation(kb, fact, area) for area, fact in facts]
    texts += [render.citation(kb, concept) for concept in kb.concepts()]
    assert not [text for text in texts if re.search(r"\b(?:seed|reference):", text)]


def test_a_seed_document_is_cited_by_its_title_and_a_web_page_by_title_and_address(kb):
    concept = kb.concept("neglect")
    source = kb.sources_of(concept)[0]
    text = render.citation(kb, concept)
    assert text.startswith(f"Source: {source.title}")
    if is_web_address(source.url):
        assert source.url in text
    else:
        assert source.url not in text and "project seed" not in text


def test_the_general_escalation_stages_are_never_cited_as_one_areas_procedure(kb):
    """Cornwall has no procedure held: the general stages must not read as Cumbria's policy."""
    guide = kb.escalation_guide()
    first = kb.sources_of(guide)[0]
    text = render.citation(kb, guide)
    assert not text.startswith("Source:")
    assert f"drawn from {len(kb.sources_of(guide))} published escalation procedures" in text
    assert "not this area's own procedure" in text and first.title in text
