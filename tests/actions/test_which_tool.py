""""Which tool should I use?" for every seed area: only the area's own recorded tools, with sources.

The expected tools are worked out here from the raw knowledge/ files, not from bot/render.py, so a
change in how tools are matched to ages can't quietly agree with itself.
"""
import asyncio

import pytest

from actions.local_answers import ActionAnswerWhichTool
from bot.render import citation
from tests.actions.conftest import tracker
from tests.unit.kb_helpers import raw_areas

AREAS = sorted(raw_areas())
PLACES = {"hartlepool": "Hartlepool", "kingston": "Surbiton", "leicester": "Leicester", "leicestershire": "Loughborough",
          "nottingham": "Nottingham", "nottinghamshire": "Mansfield", "richmond": "Twickenham", "rutland": "Rutland",
          "southampton": "Southampton", "stockton": "Thornaby"}
AGES = {"unborn": -1, "a baby": 0, "a 3 year old": 3, "a 7 year old": 7, "a 12 year old": 12, "a 15 year old": 15}


def expected_tools(area_id, age):
    tools = (raw_areas()[area_id].get("neglect_toolkit") or {}).get("tools") or []
    return {t["name"] for t in tools if (t.get("min_age") is not None or t.get("max_age") is not None)
            and (t.get("min_age") is None or t["min_age"] <= age) and (t.get("max_age") is None or age <= t["max_age"])}


def undated_tools(area_id):
    tools = (raw_areas()[area_id].get("neglect_toolkit") or {}).get("tools") or []
    return {t["name"] for t in tools if t.get("min_age") is None and t.get("max_age") is None}


ALL_TOOL_NAMES = {t["name"] for raw in raw_areas().values() for t in (raw.get("neglect_toolkit") or {}).get("tools") or []}


def listed_tools(text):
    """The tools given in full ("- name (ages …): purpose"); every such line must name a known tool."""
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    named = {name for name in ALL_TOOL_NAMES for line in lines
             if any(line.startswith(f"- {name}{end}") for end in (": ", " (ages ", " (from ", " (unborn "))}
    assert len(named) == len(lines), lines
    return named


def ask(dispatcher, area_id, words):
    text = f"which tool for {words} in {PLACES[area_id]}"
    asyncio.run(ActionAnswerWhichTool().run(dispatcher, tracker(text, "which_tool", [{"entity": "place", "value": PLACES[area_id]}]), {}))
    return dispatcher.messages[-1]


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
        assert message["response"] == "utter_tools_for_age"
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
