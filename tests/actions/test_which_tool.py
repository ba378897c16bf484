""""Which tool should I use?" for every seed area: only the area's own recorded tools, with sources.

The expected tools are worked out here from the raw knowledge/ files, not from bot/render.py, so a
change in how tools are matched to ages can't quietly agree with itself. Tools named by stage
("early years", "teenager") take their ages from knowledge/guidance/stages.yml; a child between
two stages gets both neighbouring stages, so no age falls through a gap.
"""
import asyncio

import pytest

from actions.local_answers import ActionAnswerWhichTool
from bot.knowledge.store import KNOWLEDGE_DIR
from bot.render import citation
from tests.actions.conftest import tracker
from tests.unit.kb_helpers import raw_areas, raw_yaml

STAGES = {stage["id"]: (stage["min_age"], stage["max_age"]) for stage in raw_yaml(KNOWLEDGE_DIR / "guidance" / "stages.yml")["stages"]}

RAW = raw_areas()
AREAS = sorted(RAW)
PLACES = {"hartlepool": "Hartlepool", "kingston": "Surbiton", "leicester": "Leicester", "leicestershire": "Loughborough",
          "nottingham": "Nottingham", "nottinghamshire": "Mansfield", "richmond": "Twickenham", "rutland": "Rutland",
          "southampton": "Southampton", "stockton": "Thornaby"}
AGES = {"unborn": -1, "a baby": 0, "a 3 year old": 3, "a 7 year old": 7, "a 12 year old": 12, "a 15 year old": 15,
        "an 18 month old": 1, "year 7": 12, "a 5 year old": 5}


def _span(tool):
    if tool.get("stage"):
        return STAGES[tool["stage"]]
    if tool.get("min_age") is None and tool.get("max_age") is None:
        return None
    return (-1 if tool.get("min_age") is None else tool["min_age"]), (99 if tool.get("max_age") is None else tool["max_age"])


def _tools(area_id):
    return [(t["name"], _span(t)) for t in (RAW[area_id].get("neglect_toolkit") or {}).get("tools") or []]


def expected_tools(area_id, age):
    tools = _tools(area_id)
    fits = {name for name, span in tools if span and span[0] <= age <= span[1]}
    below = [span[1] for _, span in tools if span and span[1] < age]
    above = [span[0] for _, span in tools if span and span[0] > age]
    if fits or not below or not above:
        return fits
    return {name for name, span in tools if span and span[1] == max(below) or span and span[0] == min(above)}


def undated_tools(area_id):
    return {name for name, span in _tools(area_id) if span is None}


ALL_TOOL_NAMES = {t["name"] for raw in RAW.values() for t in (raw.get("neglect_toolkit") or {}).get("tools") or []}


def listed_tools(text):
    """The tools given in full ("- name (ages …): purpose"); every such line must name a known tool."""
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    named = {name for name in ALL_TOOL_NAMES for line in lines
             if any(line.startswith(f"- {name}{end}") for end in (": ", " (ages ", " (from ", " (unborn ", " (early years)",
                                                                   " (primary school child)", " (teenager)"))}
    assert len(named) == len(lines), lines
    return named


def ask(dispatcher, area_id, words):
    text = f"which tool for {words} in {PLACES[area_id]}"
    asyncio.run(ActionAnswerWhichTool().run(dispatcher, tracker(text, "which_tool", [{"entity": "place", "value": PLACES[area_id]}]), DOMAIN))
    return dispatcher.messages[-1]


@pytest.fixture(autouse=True)
def _domain(domain):
    global DOMAIN
    DOMAIN = domain


@pytest.mark.parametrize("area_id", ["hartlepool", "stockton"])
@pytest.mark.parametrize("age", range(0, 20))
def test_the_tees_cards_leave_no_school_age_without_a_card(dispatcher, area_id, age):
    message = ask(dispatcher, area_id, f"a {age} year old")
    assert any("Always, Sometimes, Never Cards" in line for line in message["toolkit"].splitlines() if line.startswith("- "))


def test_a_12_year_old_gets_the_primary_and_teenager_cards_and_is_told_why(dispatcher):
    message = ask(dispatcher, "hartlepool", "a 12 year old")
    assert message["response"] == "utter_tools_between_stages"
    assert "Primary School Child" in message["toolkit"] and "Cards - Teenager" in message["toolkit"]


def test_no_tool_in_the_knowledge_base_carries_an_age_band_its_source_does_not_give():
    for area in RAW.values():
        for tool in (area.get("neglect_toolkit") or {}).get("tools") or []:
            assert tool.get("min_age") is None and tool.get("max_age") is None, tool["name"]
            assert tool.get("stage") in (None, *STAGES), tool["name"]


def test_every_seed_area_is_covered():
    assert set(PLACES) == set(AREAS)


@pytest.mark.parametrize("area_id", AREAS)
@pytest.mark.parametrize("words", list(AGES))
def test_only_the_areas_own_tools_for_that_age_each_with_its_source(dispatcher, kb, area_id, words):
    area = kb.area(area_id)
    message = ask(dispatcher, area_id, words)
    expected = expected_tools(area_id, AGES[words])
    listed = listed_tools(message["toolkit"])
    assert message["council"] == area.name
    assert area.neglect_toolkit.name in message["toolkit"]
    assert citation(kb, area.neglect_toolkit, area) in message["toolkit"]
    if expected:
        assert message["response"] in ("utter_tools_for_age", "utter_tools_between_stages")
        assert listed == expected
    else:  # says so, lends no neighbour's tool, and offers only its own tools with no age stated
        assert message["response"] == "utter_no_tool_for_age"
        assert listed == undated_tools(area_id)
    for tool in area.neglect_toolkit.tools:
        if tool.name in listed and tool.sources != area.neglect_toolkit.sources:
            assert citation(kb, tool, area) in message["toolkit"]


@pytest.mark.parametrize("area_id", AREAS)
def test_no_other_areas_toolkit_is_named(dispatcher, kb, area_id):
    message = ask(dispatcher, area_id, "a 15 year old")
    own = kb.area(area_id).neglect_toolkit.name
    for other in kb.areas.values():
        if other.neglect_toolkit and other.neglect_toolkit.name != own:
            assert other.neglect_toolkit.name not in message["toolkit"]


@pytest.mark.parametrize("area_id", [a for a in AREAS if not expected_tools(a, 15) and not expected_tools(a, 3)])
def test_an_area_with_no_tool_by_age_says_so(dispatcher, area_id):
    message = ask(dispatcher, area_id, "a 3 year old")
    assert message["response"] == "utter_no_tool_for_age"
