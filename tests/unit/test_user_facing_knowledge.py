"""What a user reads of the knowledge base: no curator's working notes, no title nobody recorded,
no caveat that contradicts the source cited under it, and 999 cited to a national source."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from bot import render
from bot.routing import Situation, contact, route_for
from bot.wording import load as wording
from tests.unit.kb_helpers import london

WHEN = london(2026, 11, 24, 10, 0)
# Words of the curators' working notes, which mean nothing to a user (or point to a part of the
# file they can't see): "(see conflicts)", "title not recorded", "number below is the OLD…".
WORKING_NOTES = re.compile(r"see conflicts|title not recorded|truncated|number below|shared reference|"
                           r"DO NOT USE|not read here|\[sic|presumably|\(per ", re.IGNORECASE)


def _part(key: str, **values) -> str:
    return wording().part("utter_render_parts", key, **values)


def _everything_said_about(kb, area) -> str:
    texts = [render.route_text(kb, route_for(kb, area.id, situation, WHEN)) for situation in Situation]
    if area.threshold is not None:
        texts.append(render.threshold_text(kb, area))
    texts += [render.contact_text(kb, line, owner=area) for line in area.contacts]
    return "\n".join(texts)


def test_no_answer_about_any_area_carries_a_curators_working_note(kb):
    leaks = {}
    for area in kb.areas.values():
        found = WORKING_NOTES.findall(_everything_said_about(kb, area))
        if found:
            leaks[area.id] = found
    national = "\n".join(render.contact_text(kb, line, owner=kb.national) for line in kb.national.contacts)
    assert leaks == {} and not WORKING_NOTES.search(national)


@pytest.mark.parametrize("area_id, withheld, kept", [
    ("dorset", ["01202 228866", "01202 657279"], []),
    ("walsall", ["01922 658170"], ["0300 555 2922"]),  # its 2020 out-of-hours line is kept
])
def test_numbers_the_reference_says_are_likely_superseded_are_never_given(kb, area_id, withheld, kept):
    """The reference says 'DO NOT USE WITHOUT VERIFICATION': Dorset's numbers are from pre-2019
    pages (Dorset now runs ChAD), Walsall's front door from 2014-15 (a MASH since). Every answer
    says no checked number is held and where to look; the old numbers stay listed under `unknown`
    for maintainers (`make check-knowledge`)."""
    area = kb.area(area_id)
    said = _everything_said_about(kb, area)
    assert "front_door" in area.missing_lines and area.council.homepage in said
    for number in withheld:
        assert number not in said
        assert any(number in gap and "superseded" in gap for gap in area.unknown)
    for number in kept:
        assert number in said


def test_a_document_without_a_recorded_title_says_so_and_gives_its_address(kb):
    untitled = [area for area in kb.areas.values() if area.threshold is not None and area.threshold.document is None]
    assert untitled  # Milton Keynes among them
    for area in untitled:
        text = render.threshold_text(kb, area)
        assert text.startswith(_part("untitled_threshold", council=area.name)) and area.threshold.url in text
        route = render.route_text(kb, route_for(kb, area.id, Situation.EARLY_HELP, WHEN))
        assert wording().text("utter_route_note_threshold_untitled", url=area.threshold.url) in route


def test_an_escalation_procedure_without_a_recorded_title_says_so_and_gives_its_address(kb):
    area = kb.area("croydon")
    assert area.escalation.procedure is None
    text = render.route_text(kb, route_for(kb, area.id, Situation.DISAGREEMENT, WHEN))
    assert wording().text("utter_route_escalation_procedure_untitled") in text and area.escalation.url in text


def _host(url: str) -> str:
    return urlparse(url).netloc.lower().removeprefix("www.")


@pytest.mark.parametrize("area_id", ["croydon", "bristol", "milton_keynes"])
def test_a_line_read_on_the_councils_own_site_is_never_said_to_come_from_other_pages(kb, area_id):
    area = kb.area(area_id)
    home = _host(area.council.homepage)
    for line in area.contacts:
        own = any(_host(kb.sources_of(line, area)[i].url).endswith(home) for i in range(len(line.sources)))
        if line.confidence != "medium" or not own:
            continue
        text = render.contact_text(kb, line, owner=area)
        assert _part("medium_confidence", homepage=area.council.homepage) not in text
        assert _part("medium_confidence_own_site", homepage=area.council.homepage) in text


def test_a_line_read_only_on_other_pages_still_says_so(kb):
    third_party = [(area, line) for area in kb.areas.values() for line in area.contacts
                   if line.confidence == "medium" and area.council.homepage and not render.on_own_site(kb, line, area)]
    assert third_party
    for area, line in third_party:
        assert _part("medium_confidence", homepage=area.council.homepage) in render.contact_text(kb, line, owner=area)


@pytest.mark.parametrize("area_id", ["croydon", "leeds", "bristol", "leicester", "cornwall"])
def test_the_999_line_is_cited_to_a_national_source_never_a_councils_page(kb, area_id):
    route = route_for(kb, area_id, Situation.IMMEDIATE_DANGER, WHEN)
    step = route.steps[0]
    assert step.kind == "emergency"
    for source in kb.sources_of(step.contact, kb.national):
        host = _host(source.url)
        assert "council" not in source.title.lower(), source.title
        assert not (host.endswith(".gov.uk") and host != "gov.uk"), source.url
    assert kb.sources_of(step.contact, kb.national)[0].title in render.route_text(kb, route)
