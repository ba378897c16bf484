"""What a message says besides its intent: who is asking, where the child lives, the child's age,
danger now, that it is out of hours, what is happening, and whether they want the number.

Read from every message, the first included, so nobody is asked again for what they already
said ("I'm a teacher in Southampton, worried about a 7-year-old, not in immediate danger, who do I
call?" answers four questions). Places are found by the caller's `place_in` (the place resolver),
so this module works with any resolver.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from bot.ages import age_mentioned, own_age
from bot.danger import Danger, danger_stated
from bot.roles import Audience, role_mentioned

PlaceFinder = Callable[[str], Optional[str]]

_OUT_OF_HOURS = re.compile(
    r"\b(out[- ]of[- ]hours|after[- ]hours|ooh|out of office hours|overnight|middle of the night|at night|tonight|night shift|"
    r"late shift|evening|weekend|saturday|sunday|bank holiday|christmas (day|eve)|boxing day|new year'?s day|easter (sunday|monday)|"
    r"good friday|(office|offices|front door|mash|spa|hub|duty (team|line)|day team)( is| are|'s)? (closed|shut)|"
    r"(after|past) ([5-9]|1[0-2])( ?(pm|o'?clock))?|it'?s ([5-9]|1[01])(:\d\d)? ?pm|it'?s (1[0-2]|[1-7])(:\d\d)? ?am|"
    r"([01]?\d|2[0-3]):[0-5]\d (at night|am))\b", re.IGNORECASE)
# A night-time clock time said as the time now: "who do i ring at 3am", "paramedic here, 2am, …",
# "its 23:40"; not one that dates something past ("out at 11pm last night").
_NIGHT_CLOCK = re.compile(
    r"(?:\b(?:it'?s|its|at|now|currently)\s+|(?:^|[,;:.(-])\s*)"
    r"(?:(?:12|[1-6])(?:[:.][0-5]\d)?\s?am|(?:[7-9]|1[01])(?:[:.][0-5]\d)?\s?pm|midnight|(?:0[0-6]|19|2[0-3])[:.]?[0-5]\d\s?(?:hrs|hours|h)?)\b"
    r"(?!\W*(?:last night|yesterday|the other|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|this morning))", re.IGNORECASE)
_OFFICE_TIME = re.compile(r"\b(it'?s|at) (([89]|1[01])(:\d\d)? ?am|(12|[1-4])(:\d\d)? ?pm)\b", re.IGNORECASE)
_WANTS_NUMBER = re.compile(
    r"\b(who (do|should|can|would) (i|we) (call|ring|phone|contact|tell|refer to|report (it|this) to|speak to)|"
    r"(phone|telephone|contact) (number|details|no)|(the|a|their|your) number|number (for|please|pls)|"
    r"just (give|tell|send) me|who to (call|ring|phone|contact)|where (do|should) (i|we) (refer|send|report)|"
    r"how do i (refer|report|contact|make a referral)|who (takes|handles|deals with) (it|this|that|the referral|(the |neglect )?referrals?)|"
    r"(?<!no )(?<!not )(?<!n't )(?<!dont )(need|have) to (refer|make a referral))\b", re.IGNORECASE)
_SELF_HELP = re.compile(r"\b(my (mum|mom|dad|mam|parents?|step ?(mum|dad)|mum'?s (boyfriend|partner)|dad'?s (girlfriend|partner)|"
                        r"family|carer|foster (mum|dad|carer)|nan|gran)|at home|i'?m scared|i'?m hungry|nobody (feeds|looks after) me|"
                        r"(hits|hurts|feeds|starves|ignores|locks) me)\b", re.IGNORECASE)
_GENERIC = re.compile(
    r"\b(hi|hello|hey|good (morning|afternoon|evening)|please|thanks|thank you|help|i need (some )?(help|advice)|"
    r"can you help( me)?|i'?m (really |a bit |quite |very )?(worried|concerned)|(worried|concerned) about|"
    r"a (child|kid|pupil|student|baby|family|young person|boy|girl)|one of (my|our) (pupils|students|children|kids|families)|"
    r"i think|not sure|what (do|should) i do|who do i (call|ring|contact)|advice|neglect|concern|"
    r"immediate danger|in danger|not|no|who|call|number)\b", re.IGNORECASE)


# The child named as the speaker: "the child said", "my pupil told me", "the 7-year-old says".
# Not "he/she said": in a message about a family that is as often a parent.
_CHILD_SAID = re.compile(
    r"\b(the|my|our|this) (child|boy|girl|pupil|student|young person|little one|\d{1,2}[- ]?(year|yr)[- ]?old)\b"
    r"[^.!?;]{0,20}?\b(has |had )?(said|says|told|tells|disclosed|discloses|mentioned|asked)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;]+[.!?;]?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")  # between sentences, so "1.5 years" stays whole
# A parent or carer and one of the circumstances the question on the family asks about, in one
# sentence ("dad drinks most nights", "mum's mental health is poor"); a child's own drinking is not.
_PARENT = r"\b(mum|mom|dad|mother|father|parents?|step ?(mum|dad)|(mum|dad)'?s (partner|boyfriend|girlfriend)|carers?)\b"
_CIRCUMSTANCE = (r"\b(drinks?|drinking|drunk|alcohol\w*|drugs?|cannabis|heroin|substance|domestic (abuse|violence)|"
                 r"depress\w*|mental (ill[- ]?)?health|learning disabilit\w*|evict\w*|homeless\w*|temporary accommodation|"
                 r"food ?banks?|debts?)\b")
_FAMILY = re.compile(rf"{_PARENT}[^.!?;]*{_CIRCUMSTANCE}|{_CIRCUMSTANCE}[^.!?;]*{_PARENT}", re.IGNORECASE)
_SIBLINGS = re.compile(r"\b(brothers?|sisters?|siblings?|half[- ](brother|sister)s?|step[- ]?(brother|sister)s?|twins?|"
                       r"(both|all (three|four|five)|two|three|four|five) (of the )?(kids|children|boys|girls)|"
                       r"(kids|children|boys|girls)\b[^.!?;]{0,30}?\b\d{1,2} and \d{1,2}|"
                       r"\d{1,2} and \d{1,2}[- ]?(year|yr)s?[- ]?olds?)\b", re.IGNORECASE)
# How long it has gone on, or that it keeps happening: the question on the build-up over time.
_MONTHS = r"(january|february|march|april|may|june|july|august|september|october|november|december)"
_HISTORY = re.compile(
    rf"\b(since (last|the start of|the beginning of|early|late|about|around|(the )?(spring|summer|autumn|winter|christmas|easter)|"
    rf"{_MONTHS}|reception|nursery|birth|year \d+|she was|he was|they were|we first)|"
    r"for (the (last|past) )?(a few |several |many |two |three |six |\d+ )?(weeks|months|years|terms)|for (ages|a long time|a while|some time)|"
    r"over (the )?(last|past) (few |several |two |three |six |\d+ )?(weeks|months|years|terms?)|"
    r"(on-?going|long[- ]standing|longstanding|chronic|persistent|repeated(ly)?|getting worse|worse and worse|"
    r"again and again|keeps happening|"
    r"missed (\w+ )?(appointments|health|dental|hospital|immunisations?|jabs)|was not brought|(is|are|were) not brought|many small|lots of small|"
    r"several (times|concerns|incidents|referrals)|previous (concerns|referrals)|known to (social care|children'?s services)))\b", re.IGNORECASE)
# How long the writer has known the child, not how long the worry has gone on.
_HOW_LONG_I = re.compile(r"\bi('ve| have)? (known|been|worked|taught|supported|visited)\b", re.IGNORECASE)
# Concerns already raised with the parents, or how the parents answered them.
_RAISED = re.compile(
    rf"\b(raised|spoke|spoken|talked|mentioned|discussed|brought (it|this) up)\b[^.!?;]{{0,40}}\b(with|to) (the )?{_PARENT}|"
    rf"{_PARENT}( has| have| had)? (agreed|agrees|promised|promises|denied|denies|refused|refuses|won'?t engage|doesn'?t engage|"
    r"did ?n'?t engage|(was|were|has been|have been) told|(is|are) aware|(says|said) (she|he|they)'?(ll| will| would))\b", re.IGNORECASE)
# Agreement that changes nothing for the child: the question on disguised compliance.
_NO_CHANGE = re.compile(
    r"\b((says?|said|agrees?|agreed|promises?|promised|will sort|'ll sort)\b[^.!?;]{0,60}\b(but|yet)\b[^.!?;]{0,40}"
    r"\b(nothing|never|no|not)\b[^.!?;]{0,20}\b(changes?|changed|happens?|happened|improves?|improved|different|better|done)|"
    r"tid(y|ies|ied) (up )?before (visits|we visit|we come|the visit)|nothing (ever )?(changes|changed|improves|improved))\b",
    re.IGNORECASE)
# What the neglect is doing to the child: health, growth, school, feelings.
_IMPACT = re.compile(
    r"\b(lost weight|losing weight|weight loss|underweight|not (growing|gaining weight)|faltering growth|failure to thrive|"
    r"tooth ?ache|dental (pain|decay|abscess)|rotten teeth|in pain|falling asleep|exhausted|always tired|constantly tired|"
    r"withdrawn|(speech|language|development(al)?) delay|delayed (speech|development)|behind (in|with|at) (school|reading|class)|"
    r"missing school|misses school|poor attendance|attendance is|(low|dropped|dropping) attendance|not in school|"
    r"sores|infections?|head lice|nits|bullied|self[- ]harm\w*|anxious|low mood|wetting|soiling)\b", re.IGNORECASE)


@dataclass
class Heard:
    """Details a message gives; None or False where it gives none."""

    role: Optional[str] = None
    audience: Optional[Audience] = None
    place: Optional[str] = None           # the words that name the place, as typed
    age: Optional[int] = None             # years; -1 unborn, 0 a baby under one
    age_words: Optional[str] = None       # the words that gave the age, e.g. "7-year-old"
    danger: Optional[Danger] = None
    out_of_hours: bool = False
    concern: Optional[str] = None         # the message itself, when it says what is happening
    child_words: Optional[str] = None     # the sentences where the child is named as saying something
    family_context: Optional[str] = None  # the sentences on a parent's drinking, drugs, domestic abuse, …
    siblings: Optional[str] = None        # the sentences that mention brothers, sisters or siblings
    history: Optional[str] = None         # the sentences on how long it has gone on
    raised: Optional[str] = None          # the sentences on concerns raised with the parents, and their answer
    no_change: Optional[str] = None       # the sentences on agreement that changes nothing
    impact: Optional[str] = None          # the sentences on what it is doing to the child
    wants_number: bool = False


def out_of_hours_said(text: Optional[str]) -> bool:
    """The writer says it is out of office hours now ("it's 2am", "the MASH is closed", "weekend")."""
    return bool(text) and bool(_OUT_OF_HOURS.search(text) or _NIGHT_CLOCK.search(text)) and not _OFFICE_TIME.search(text)


def wants_number(text: Optional[str]) -> bool:
    """The writer asks who to call or for a number."""
    return bool(text) and bool(_WANTS_NUMBER.search(text))


# "number" as people mistype it on a phone ("numbr", "nummber", "numebr", "nmber").
_NUMBER_WORD = r"(number|numbr|nummber|numebr|numner|nmber|nuber|numer|no\.)"
_NUMBER_ONLY = re.compile(
    r"(?<!don't )(?<!dont )(?<!not )\bjust (need|want|give me|tell me|send me|after|the)\b[^.?!]{0,30}\b(" + _NUMBER_WORD + r"|who to (call|ring|phone|contact))(?!\w)|"
    r"\b(no|without( any)?|(do ?n'?t|do not) (need|want)( any| the)?|skip the) questions\b|\bnot after advice\b", re.IGNORECASE)


def wants_only_the_number(text: Optional[str]) -> bool:
    """The writer asks for the number and nothing else ("just need the number really", "no
    questions please"): however much else the message says, the number is the answer."""
    return bool(text) and bool(_NUMBER_ONLY.search(text))


def writes_as_a_child(text: Optional[str]) -> bool:
    """A child or young person writing: their own age under 16 ("im 10. whats the number for social
    services"), or under 18 with their own home ("I'm 17 and my mum doesn't feed me"). At 16 or 17
    the writer may be a young worker or volunteer, so their age alone does not make them a child."""
    age = own_age(text)
    return age is not None and (age < 16 or bool(_SELF_HELP.search(text or "")))


def sentences_with(pattern: re.Pattern, text: Optional[str], unless: Optional[re.Pattern] = None) -> Optional[str]:
    """The sentences of `text` that `pattern` finds something in, as typed; None if none.

    So one message that covers several questions ("The child told me there's no food. Dad drinks
    most nights.") answers each with its own part, and nothing beyond it."""
    found = [sentence.strip() for sentence in _SENTENCE.findall(text or "")
             if pattern.search(sentence) and not (unless and unless.search(sentence))]
    return " ".join(found) or None


def _content_words(text: str, heard: Heard) -> list:
    """The words of `text` beyond greetings, the details above, a request for help and small words."""
    rest = text
    for words in (heard.role, heard.place, heard.age_words):
        if words:
            rest = re.sub(re.escape(words), " ", rest, flags=re.IGNORECASE)
    rest = _WANTS_NUMBER.sub(" ", rest)
    rest = _GENERIC.sub(" ", rest)
    rest = re.sub(r"\b(i'?m|i am|im|a|an|the|in|at|for|of|to|is|he|she|they|it'?s|who|about|and|but|with|my|our|i|you|your|me)\b", " ", rest,
                  flags=re.IGNORECASE)
    return re.findall(r"[a-z]{3,}", rest.lower())


def concern_in(text: Optional[str], heard: Heard) -> Optional[str]:
    """What the message says is happening to the child, beyond greetings, the details above and a
    request for help; None for "I'm worried about a child in Leicester". Its sentences that say
    nothing of that ("Hi, I'm a school nurse in Leeds.", "Can you help?") are left out, so the
    referral draft opens with the concern; so is a question closing it ("How do I escalate?"),
    unless it is all there is. Only whole sentences before and after the concern go, never one
    between two that say something: what is kept reads as typed."""
    if not text or len(_content_words(text, heard)) < 3:
        return None
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    while sentences and not _content_words(sentences[0], heard):
        sentences.pop(0)
    while sentences and (not _content_words(sentences[-1], heard) or (len(sentences) > 1 and sentences[-1].endswith("?"))):
        sentences.pop()
    return " ".join(sentences) or None


def hear(text: Optional[str], place_in: PlaceFinder) -> Heard:
    """Everything `text` says about the details the guided concern asks for."""
    heard = Heard()
    if not text or not text.strip():
        return heard
    if text.lstrip().startswith("/"):  # a button's payload says nothing in words; its place entity, if any
        heard.place = place_in(text)
        return heard
    role = role_mentioned(text)
    if role:
        heard.role, heard.audience = role
    if writes_as_a_child(text):
        heard.audience = Audience.CHILD
    heard.place = place_in(text)
    age = age_mentioned(text)
    if age:
        heard.age, heard.age_words = age
    heard.danger = danger_stated(text)
    heard.out_of_hours = out_of_hours_said(text)
    heard.wants_number = wants_number(text)
    heard.concern = concern_in(text, heard)
    heard.child_words = sentences_with(_CHILD_SAID, text)
    heard.family_context = sentences_with(_FAMILY, text)
    heard.siblings = sentences_with(_SIBLINGS, text)
    heard.history = sentences_with(_HISTORY, text, unless=_HOW_LONG_I)
    heard.raised = sentences_with(_RAISED, text)
    heard.no_change = sentences_with(_NO_CHANGE, text)
    heard.impact = sentences_with(_IMPACT, text)
    return heard
