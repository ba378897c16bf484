"""Danger read clause by clause (bot/danger.py): the safety net under the NLU model and the reading
of the answer to "is the child in immediate danger right now?".

Tables, not examples: each row is a phrasing a real person might type (lower case, typos, long
messages, negation in another clause, past, hypothetical). Held by SAFETY.md rows D1-D3.
"""
from __future__ import annotations

import pytest

from bot.danger import Danger, Service, danger_answer, danger_stated, service_value, services_needed, sounds_like_immediate_danger

A, P, F = Service.AMBULANCE, Service.POLICE, Service.FIRE

# Danger now: the message must get 999, whatever else it says.
DANGER_NOW = [
    ("he's not breathing and there's a knife", [A, P]),
    ("the baby is not breathing", [A]),
    ("baby not breathing", [A]),
    ("BABY NOT BREATHING", [A]),
    ("the baby isnt breathing", [A]),
    ("he's stopped breathing", [A]),
    ("she's struggling to breathe", [A]),
    ("the baby is not breating", [A]),
    ("not breathin", [A]),
    ("mum is unconscious and the kids are alone", [A, P]),
    ("mum is unconcious", [A]),
    ("dad is unconsious on the floor", [A]),
    ("parent unresponsive, tiny baby in the cot", [A]),
    ("the baby won't wake up", [A]),
    ("7 yr old answered the door, said mummy wont wake up", [A]),
    ("mum's passed out drunk and the toddler is on his own", [A, P]),
    ("dad's out cold on the sofa", [A]),
    ("mums collapsed on the floor", [A]),
    ("mum is having a fit and holding the baby", [A]),
    ("she's fitting", [A]),
    ("the toddler's mother has overdosed", [A]),
    ("mum has overdossed, kids in the next room", [A]),
    ("a young person has told me they've taken an overdose", [A]),
    ("the child has taken some tablets", [A]),
    ("he's swallowed a load of pills", [A]),
    ("one of them has drunk bleach", [A]),
    ("the baby is floppy and hasn't been fed", [A]),
    ("baby is limp", [A]),
    ("his lips are blue", [A]),
    ("he's bleeding everywhere", [A]),
    ("boy with a head injury says his dad did it", [A]),
    ("15 year old threatening to kill himself right now", [A]),
    ("a student says they are suicidal tonight", [A]),
    ("a child says they're about to jump off the bridge", [A]),
    ("the house is on fire", [F]),
    ("there's a fire and the kids are inside", [F]),
    ("house fire kids inside", [F]),
    ("the flat is full of smoke", [F]),
    ("gas smell and the kids are on their own", [F, P]),
    ("dad has a knife", [P]),
    ("he's got a knife", [P]),
    ("the parent is threatening the child with a knife", [P]),
    ("there's a gun in the house and dad is shouting", [P]),
    ("he is being hit right now", [P]),
    ("i can hear a child being beaten through the wall", [P]),
    ("dad is hitting the kids", [P]),
    ("mum's boyfriend keeps hitting her", [P]),
    ("her stepdad said he'd kill her", [P]),
    ("he says he will kill her when she gets home", [P]),
    ("child in danger now", [P]),
    ("a child is in danger right now", [P]),
    ("the child is in immediate danger", [P]),
    ("kids in serious danger", [P]),
    ("right now she is home alone at 2am", [P]),
    ("he's 5 and he's been left home alone since this morning", [P]),
    ("he has been left alone since yesterday", [P]),
    ("3 kids left on their own, parents not back", [P]),
    ("the kids are often left alone and tonight they're on their own again", [P]),
    ("mum went out and the baby is on her own", [P]),
    ("dad has gone to the pub and left the kids on their own", [P]),
    ("she's always hungry and right now she's home alone", [P]),
    ("toddler all by himself in the flat", [P]),
    ("nobody is home and the baby is crying", [P]),
    ("no adults in the flat for hours", [P]),
    ("no one is looking after them", [P]),
    ("little girl left in a hot car", [P]),
    ("she's been locked out all night and it's freezing", [P]),
    ("dad's kicked the 14 yo out", [P]),
    ("she's got nowhere to sleep tonight", [P]),
    ("pupil says she's scared to go home", [P]),
    ("the child has gone missing", [P]),
    ("a 6 year old is missing and it's getting dark", [P]),
    ("dad's driving off drunk with the kids in the car", [P]),
    ("a baby has been abandoned outside the shop", [P]),
    ("there's a 4 year old on the window ledge", [P]),
    ("No, he's not breathing", [A]),
    ("not sure, she's unconscious", [A]),
    ("he isn't at school and there's a knife in his bag", [P]),
    ("she was hit last week and today she's bleeding badly", [A]),
    ("i don't know what to do he's not breathing", [A]),
    ("i'm not sure what to do, the baby won't wake up", [A]),
    ("If you can help: the baby isn't breathing", [A]),
    ("i'm a paramedic and we've got a child who is unresponsive", [A]),
    ("Hello. I am a teacher. I'm worried about one of my pupils who is often hungry and tired and has been for "
     "months, and the family have been known to us for a long time, but today she came in and said her dad has "
     "a knife at home and said he would use it tonight.", [P]),
    ("We visited this morning. Home conditions were poor, lots of rubbish, no food in the fridge. The baby is "
     "floppy and not feeding and mum can't wake up properly either. What do I do?", [A]),
]


@pytest.mark.parametrize("text, services", DANGER_NOW)
def test_danger_now_is_recognised_in_any_clause(text, services):
    assert sounds_like_immediate_danger(text)
    assert danger_stated(text) is Danger.YES
    assert services_needed(text) == services


# Not danger now: negated in its own clause, past, hypothetical, or ordinary worry.
NOT_DANGER = [
    "no, he's not in danger",
    "not in immediate danger right now",
    "he is not in any danger",
    "she's not in immediate danger",
    "there's no knife in the house",
    "no weapons involved",
    "he isn't unconscious, just very tired",
    "the kids are not home alone, nan is there",
    "nobody said he was in danger",
    "he's breathing fine",
    "he comes to school hungry",
    "she was left alone last summer",
    "he was hit last year by his stepdad",
    "mum overdosed two years ago",
    "she used to be left home alone",
    "previously there was a knife incident",
    "in the past the police were called about a fire",
    "dad was unconscious at the time, years back",
    "what would I do if a child was not breathing",
    "what if a child is in danger",
    "if the baby stopped breathing what should i do",
    "would it count as danger if the kids were home alone",
    "hypothetically, a child with a knife at school",
    "imagine a parent is unconscious",
    "what should i do if there's a fire",
    "fire safety visit was missed",
    "he was choking on his food last week",
    "mum is cooking tea",
    "she's kissing her boyfriend in the park",
    "the house was a mess",
    "skip",
    "",
    "   ",
    "I'm a teacher in Southampton",
    "worried about a 7-year-old, not in immediate danger, who do I call?",
    "home conditions are poor and he's always hungry",
    "dad drinks a lot and the kids seem to fend for themselves",
    "she's got bad head lice again",
    "the baby has nappy rash",
    "missed 3 dental appointments",
    "mum says she forgot the appointment again",
    "he's at school and seems ok",
    "the family were evicted in 2023",
    # A habit, not now; an adult on their own.
    "the kids are left on their own after school a lot, the oldest is 9",
    "a 12yo keeps turning up at 9pm and saying theres nobody home",
    "he's often home alone at weekends",
    "baby is 4 months, mum has learning difficulties and is on her own",
    "mum is on her own with 4 kids and struggling",
    "dad's on his own since mum left and he's not coping",
]


@pytest.mark.parametrize("text", NOT_DANGER)
def test_negated_past_hypothetical_and_ordinary_messages_are_not_danger_now(text):
    assert not sounds_like_immediate_danger(text)
    assert danger_stated(text) is not Danger.YES


# Answers to "is the child in immediate danger right now?"
ANSWERS = [
    ("yes", Danger.YES), ("Yes.", Danger.YES), ("YES", Danger.YES), ("yes he is", Danger.YES), ("yeah", Danger.YES),
    ("yep", Danger.YES), ("y", Danger.YES), ("Yes!", Danger.YES), ("i think so", Danger.YES), ("in danger now", Danger.YES),
    ("she's not safe", Danger.YES), ("he isn't safe", Danger.YES), ("not safe at all", Danger.YES), ("unsafe", Danger.YES),
    ("emergency", Danger.YES), ("urgent", Danger.YES), ("No, he's not breathing", Danger.YES),
    ("no", Danger.NO), ("No.", Danger.NO), ("nope", Danger.NO), ("n", Danger.NO), ("No!", Danger.NO), ("nah", Danger.NO),
    ("No, he's safe now", Danger.NO), ("no he's safe now", Danger.NO), ("No, she is safe", Danger.NO), ("he is safe", Danger.NO),
    ("she's safe", Danger.NO), ("not right now", Danger.NO), ("not at the moment", Danger.NO), ("not immediately", Danger.NO),
    ("no immediate danger", Danger.NO), ("not in immediate danger", Danger.NO), ("I don't think so", Danger.NO),
    ("no, she's with her nan", Danger.NO), ("he's fine", Danger.NO), ("no, he's at school and safe", Danger.NO),
    ("I'm not sure", Danger.UNSURE), ("not sure", Danger.UNSURE), ("unsure", Danger.UNSURE), ("no idea", Danger.UNSURE),
    ("don't know", Danger.UNSURE), ("dunno", Danger.UNSURE), ("idk", Danger.UNSURE), ("maybe", Danger.UNSURE),
    ("possibly", Danger.UNSURE), ("could be", Danger.UNSURE), ("hard to say", Danger.UNSURE), ("i can't tell", Danger.UNSURE),
    ("yes and no", Danger.UNSURE), ("not sure if she's safe", Danger.UNSURE), ("he might be in danger tonight", Danger.UNSURE),
    ("I don't know if he's in danger", Danger.UNSURE), ("no... actually i'm not sure", Danger.UNSURE),
    ("i don't believe she is safe", Danger.YES), ("i dont think hes safe tbh", Danger.YES),
    ("I don't think she's in immediate danger", Danger.NO), ("i dont think theyre in danger", Danger.NO),
]


@pytest.mark.parametrize("text, value", ANSWERS)
def test_the_answer_to_the_danger_question(text, value):
    assert danger_answer(text) is value


@pytest.mark.parametrize("text", ["Southampton", "I'm a teacher", "he's 8", "", "   ", "/affirm", "what does this mean"])
def test_text_that_answers_another_question_is_not_read_as_a_danger_answer(text):
    assert danger_answer(text) is None


def test_unsure_is_never_read_as_no():
    unsure = [text for text, value in ANSWERS if value is Danger.UNSURE]
    assert all(danger_answer(text) is not Danger.NO for text in unsure)


@pytest.mark.parametrize("text, value", [
    ("I'm a teacher in Southampton, worried about a 7-year-old, not in immediate danger, who do I call?", Danger.NO),
    ("no immediate danger but i'm worried", Danger.NO),
    ("not sure if she is in danger tonight", Danger.UNSURE),
    ("he's safe for now", Danger.NO),
    ("nobody is in danger. general neglect worry, carlisle", Danger.NO),
    ("nobody's at risk right now, just worried", Danger.NO),
    ("none of the children are in danger", Danger.NO), ("no child is in immediate danger", Danger.NO),
    ("no-one is hurt and nobody is in danger", Danger.NO),
    ("we did a training session on what to do if a child is in danger. whats the number for cumbria", None),
    ("I do not believe the infant is at immediate risk.", Danger.NO),
    ("Practice nurse in Truro, 4 month old, I do not believe the infant is in immediate danger", Danger.NO),
    ("i dont think mum is coping but the baby is in danger", Danger.YES),
    ("worried about a child in Leicester", None),
])
def test_any_message_can_say_what_it_knows_about_danger(text, value):
    assert danger_stated(text) is value


@pytest.mark.parametrize("text, service", [
    ("the baby is not breathing", "ambulance"), ("he's got a knife", "police"), ("the house is on fire", "fire"),
    ("not breathing and there's a knife", None), ("no danger", None),
])
def test_the_999_advice_names_one_service_only_when_the_words_point_to_one(text, service):
    assert service_value(text) == service


def test_a_very_long_message_is_read_to_the_end():
    text = "she's always hungry and her uniform is dirty. " * 40 + "and right now she's home alone with no heating"
    assert sounds_like_immediate_danger(text)


def test_the_table_has_at_least_150_phrasings():
    assert len(DANGER_NOW) + len(NOT_DANGER) + len(ANSWERS) >= 150
