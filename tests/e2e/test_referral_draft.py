"""The guided concern ends in a referral draft (issue 17), over the REST webhook: the child's words,
a parent's drinking and a strength each land in their own section, with the area's own threshold
level names read from knowledge/."""
from __future__ import annotations

import uuid

from tests.unit.kb_helpers import raw_areas
from tests.unit.test_summary import section

CHILD_WORDS = "the child told me there's never food on a Friday"
DRINKING = "dad drinks most evenings and is asleep when she gets home"
STRENGTH = "nan has her most weekends and she loves football club"


def draft_of(messages: list) -> str:
    return next(m["custom"]["text"] for m in messages if (m.get("custom") or {}).get("kind") == "summary")


def test_a_guided_conversation_gives_a_referral_draft_with_each_answer_in_its_section(live_bot):
    who = f"e2e-draft-{uuid.uuid4().hex[:16]}"
    answers = ["I'm worried about a child", "no", "I'm a teacher", "Surbiton", "she's 8",
               "comes in hungry most days and has lost weight", "gets herself up, no breakfast", CHILD_WORDS,
               "tired and behind in reading", "skip", DRINKING, STRENGTH, "a younger brother aged 4",
               "spoke to mum in October, she agreed but nothing changed", "told the school nurse and the GP last week", "no plan yet", "skip"]
    for message in answers:
        live_bot.say(who, message)
    text = draft_of(live_bot.say(who, "I'm not sure"))  # read as skip by the model: still 'not sure'
    assert CHILD_WORDS in section(text, "2.")
    assert DRINKING in section(text, "5.")
    assert STRENGTH in section(text, "6.")
    level_section = section(text, "11.")
    for level in raw_areas()["kingston"]["threshold"]["levels"]:
        assert level["name"] in level_section
    assert "does not depend on the family's consent" in section(text, "8.")
