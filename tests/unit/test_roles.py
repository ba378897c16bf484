"""Who is asking (bot/roles.py): a role from the words people use, and the audience it puts them in."""
from __future__ import annotations

import pytest

from bot.roles import DEFAULT_GROUP, LEADS, Audience, audience_of, group_of, lead_words, role_in, role_mentioned

D, E, F, P, U = Audience.DSL, Audience.EMERGENCY_CLINICIAN, Audience.PARENT, Audience.PROFESSIONAL, Audience.PUBLIC


@pytest.mark.parametrize("text, role, audience", [
    ("teacher", "teacher", P), ("I'm a class teacher", "teacher", P), ("health visitor", "health visitor", P),
    ("HV", "health visitor", P), ("school nurse", "school nurse", P), ("GP", "GP", P), ("i'm a salaried gp", "GP", P),
    ("DSL", "designated safeguarding lead (DSL)", D), ("i'm the safeguarding lead", "designated safeguarding lead (DSL)", D),
    ("deputy DSL", "deputy designated safeguarding lead", D), ("paramedic", "paramedic", E), ("ambulance crew", "paramedic", E),
    ("out of hours GP", "out-of-hours doctor", E), ("111 call handler", "NHS 111 clinician", E), ("A&E nurse", "emergency department clinician", E),
    ("youth worker", "youth worker", P), ("housing officer", "housing officer", P), ("social worker", "social worker", P),
    ("parent support advisor", "family support worker", P), ("family support worker", "family support worker", P),
    ("neighbour", "neighbour", U), ("member of the public", "member of the public", U), ("I'm his nan", "grandparent", U),
    ("I'm his mum", "parent", F), ("foster carer", "foster carer", P), ("nursery nurse", "early years practitioner", P),
    ("dinner lady", "school support staff", P), ("midday supervisor", "school support staff", P),
    ("receptionist at the surgery", "receptionist", P), ("speech and language therapist", "therapist", P),
    ("taxi driver on a school contract", "school transport driver or escort", P), ("scout leader", "youth worker", P),
])
def test_role_in_an_answer(text, role, audience):
    assert role_in(text) == (role, audience)


@pytest.mark.parametrize("text, role", [
    ("I'm a teacher in Southampton, worried about a 7-year-old", "teacher"),
    ("health visitor here, baby not gaining weight", "health visitor"),
    ("As a GP I'm worried", "GP"),
    ("I'm the DSL and Rutland closed my referral", "designated safeguarding lead (DSL)"),
    ("i work as a youth worker in Mansfield", "youth worker"),
    ("crew on scene at a flat in Worksop", "paramedic"),
    ("I'm worried about a child, I'm a school nurse", "school nurse"),
    ("police officer, two kids left alone in a flat in Leeds, we're with them now", "police officer"),
    ("school nurse, Brighton, East Sussex. who do i ring", "school nurse"),
    ("GP. Child missed 3 appointments", "GP"),
    ("worried about a 4 year old at nursery in Northampton, im the key worker", "early years practitioner"),
    ("I'm his key person at the pre-school", "early years practitioner"),
    ("im the key worker for the family at the housing project", "support worker"),
])
def test_role_mentioned_only_where_the_writer_says_it_is_theirs(text, role):
    assert role_mentioned(text)[0] == role


@pytest.mark.parametrize("text", ["the teacher said he was hungry", "mum's partner is drinking", "I'm worried about a child",
                                  "Mum, 3 kids, no food in the house", "social worker said she'd come, she never did",
                                  "I'm 14 and my mum doesn't feed me", "", None])
def test_someone_elses_role_is_not_the_writers(text):
    assert role_mentioned(text) is None


@pytest.mark.parametrize("text, role", [
    ("im not the dsl no", None), ("I'm not a teacher", None), ("no longer a social worker", None),
    ("not the DSL, I'm a TA", "teaching assistant"), ("a TA, not a teacher", "teaching assistant"),
    ("I'm a teacher, not the DSL", "teacher"),
])
def test_a_role_said_not_to_be_theirs_is_not_taken(text, role):
    assert (role_in(text) or (None,))[0] == role
    assert (role_mentioned(text) or (None,))[0] in (role, None)


@pytest.mark.parametrize("role, audience", [("designated safeguarding lead (DSL)", D), ("paramedic", E), ("teacher", P),
                                            ("neighbour", U), ("parent", F), ("lollipop person", P), (None, P)])
def test_audience_of_a_stored_role(role, audience):
    assert audience_of(role) is audience


@pytest.mark.parametrize("role, group", [("GP", "gp"), ("health visitor", "health"), ("school nurse", "health"), ("midwife", "health"),
                                         ("police officer", "police"), ("teacher", "school"), ("teaching assistant", "school"),
                                         ("early years practitioner", "early_years"), ("childminder", "early_years"),
                                         ("youth worker", "other"), ("lollipop person", "other"), (None, DEFAULT_GROUP)])
def test_the_group_of_a_stored_role_names_its_own_safeguarding_lead(role, group):
    """A GP was told to involve "your designated safeguarding lead (DSL)", which is a school's."""
    assert group_of(role) == group
    assert ("(DSL)" in lead_words(group)) is (group == "school")


def test_every_group_of_the_table_has_its_leads_words():
    from bot.roles import ROLES
    assert {role.group for role in ROLES if role.group} <= set(LEADS)
    assert "named GP" in lead_words("gp") and "named nurse" in lead_words("health")
