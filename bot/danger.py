"""Is a child in danger right now? Read clause by clause, never for the message as a whole.

A safety net under the NLU model and the reading of the danger question's answer. A missed
"the baby is not breathing" costs far more than a "call 999" said once too often, so:

- each clause is read on its own: a "not" in one clause ("he's not in school and there's a
  knife") never cancels danger in another, and a danger phrase that carries its own negation
  ("not breathing", "won't wake up") is danger;
- a clause only counts as "no danger" when it says so about that clause (negated, clearly in the
  past, or a hypothetical question);
- an answer that is unsure is its own value, never "no": it gets the 999 advice too.
"""
from __future__ import annotations

import re
from enum import Enum
from typing import List, Optional, Tuple

from rapidfuzz import fuzz, process


class Danger(str, Enum):
    """What a message or an answer says about danger now. Unsure is never read as no."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Service(str, Enum):
    """Which emergency service the words point to; the 999 advice is worded to match."""

    AMBULANCE = "ambulance"
    POLICE = "police"
    FIRE = "fire"


# Danger phrases by the service they call for. Several carry their own negation on purpose.
_PHRASES = {
    Service.AMBULANCE: [
        r"(not|isn'?t|stopped|stop|struggling to|can'?t|cannot|can not|hardly) breath(e|ing)?",
        r"unconscious", r"unresponsive", r"(not|isn'?t) (responding|moving|waking)",
        r"(won'?t|wont|will not|can'?t|cannot|not) wak(e|ing)( (him|her|them|it))?( up)?", r"passed out", r"out cold",
        r"collaps(e|ed|ing)", r"(having|had) a (fit|seizure)", r"fitting", r"seizures?",
        r"overdos(e|ed|ing)", r"\bod'?d\b", r"(taken|took|swallowed|drunk|drank) (some |a load of |lots of |loads of |a lot of |all (his|her|their|the) )?"
        r"(tablets|pills|bleach|medicine|paracetamol|pain ?killers|drugs|chemicals)",
        r"chok(e|ed|ing)", r"drown(ing|ed)?", r"(bleeding|blood) (heavily|everywhere|badly|a lot)", r"head injury",
        r"(floppy|limp|turning blue|gone blue|lips are blue)",
        r"(kill|hurt|harm) (him|her|them)sel(f|ves)", r"(end|take) (his|her|their) (own )?life", r"suicid(e|al)",
        r"(going|about|threatening|wants?) to (jump|kill (him|her|them)sel(f|ves))",
    ],
    Service.FIRE: [
        r"on fire", r"(there'?s|there is) (a )?fire", r"house fire", r"fire in the", r"full of smoke", r"gas (leak|smell)",
    ],
    Service.POLICE: [
        r"knife", r"knives", r"weapon", r"\bgun\b", r"machete",
        r"being (hit|beaten|attacked|hurt|abused|strangled|choked|kicked|punched|assaulted)",
        r"(is|are|keeps|'s|'re) (hitting|beating|attacking|punching|kicking|strangling|hurting|assaulting)",
        r"(threaten(ed|ing)|said|says) (he|she|they)('?ll| will| would|'?d) (kill|hurt|stab)",
        r"(threaten(s|ing)?|going) to (kill|stab|hurt|shut)",
        r"in (any |immediate |serious |real )?(immediate )?danger", r"at (immediate |serious )?risk (now|tonight|right now)",
        r"(gone|going|run|ran) missing", r"(is|are) missing", r"hot car", r"locked (in|out)", r"(kicked|thrown|chucked) (\w+ ){0,3}out\b",
        r"nowhere to (sleep|go|stay)", r"scared to go home", r"(drunk|drink|drug|high).{0,20}driv(e|ing)|driv(e|ing|en).{0,25}(drunk|high)",
        r"abandoned", r"on (the|a) (roof|ledge|window ?ledge|bridge)",
    ],
}
# A child without an adult: danger now unless the sentence describes a pattern ("left on their own
# after school a lot") or the person on their own is an adult ("mum ... is on her own").
_ALONE = [
    r"(home|left|all|is|are|'s|'re|been|being|was|were) (alone|on (his|her|their) own|by (him|her|them)sel(f|ves))",
    r"(old|child|kid|baby|toddler|boy|girl|little one|son|daughter|children|kids|babies|toddlers)s? (alone|on (his|her|their) own)\b",
    r"nobody('s| is)? (home|with (him|her|them)|looking after)", r"(no[- ]?one|no (adults?|grown[- ]?ups?)) (is )?(home|with|looking|about|around|in)",
]
# (service, phrase, whether it is a child on their own)
_DANGER = [(service, re.compile(rf"(?<![a-z']){pattern}", re.IGNORECASE), alone)
           for service, patterns, alone in [*((s, p, False) for s, p in _PHRASES.items()), (Service.POLICE, _ALONE, True)]
           for pattern in patterns]
# Words that make a sentence a habit rather than now, and who is named before "on her own".
_HABIT_WORDS = ["always", "often", "a lot", "lots", "regularly", "usually", "normally", "sometimes", "frequently",
                "routinely", "all the time", "most (days|nights|evenings|weekends|mornings)",
                "every (day|night|evening|weekend|morning|week)", "at weekends", "after school", "keeps?", "kept",
                "tends? to", "again and again", "loads"]
_ADULTS = ["mum", "mums", "mummy", "mother", "dad", "dads", "daddy", "father", "parents?", "step ?(mum|dad)", "partner",
           "boyfriend", "girlfriend", "nan", "nana", "gran", "granny", "grandma", "grandad", "carer", "adult", "auntie",
           "aunt", "uncle", "woman", "man", "lady"]
_CHILDREN = ["child(ren)?", "kids?", "baby", "babies", "toddlers?", "boy", "girl", "son", "daughter", "little one",
             "brother", "sister", "twins?", "pupil", "infant", "newborn", r"\d+ ?(yo|y/o|yr|year)"]
_HABITUAL = re.compile(rf"\b({'|'.join(_HABIT_WORDS)})\b", re.IGNORECASE)
_PERSON = re.compile(rf"\b(?P<adult>{'|'.join(_ADULTS)})\b|\b(?P<child>{'|'.join(_CHILDREN)})", re.IGNORECASE)

# A "safe" statement answers the danger question with no ("he's safe now", "she's with her nan").
_SAFE = re.compile(r"\b(safe|fine|ok|okay|alright|all right|with (his|her|their) (mum|dad|nan|gran|parents?|carer|grandparents?|foster carer|aunt|uncle))\b", re.IGNORECASE)
# Read after "I don't think she's safe" has become "she is not safe" (`_belief_negated`).
_NOT_SAFE = re.compile(r"\b(not|isn'?t|aren'?t|never|no longer) (safe|ok|okay|alright)\b|\bunsafe\b", re.IGNORECASE)

_NEGATION = re.compile(r"\b(no|not|never|nothing|isn'?t|aren'?t|wasn'?t|weren'?t|doesn'?t|don'?t|didn'?t|hasn'?t|haven'?t|"
                       r"without|nor|neither|no longer|nobody|no[- ]?one|none|ruled out)\b|n't\b", re.IGNORECASE)
_NO_CHILD = re.compile(r"^\W*(none of (the|them|those|these|my|our|his|her|their)\b|no (child|children|kids?|bab(y|ies)|young (person|people))\b)",
                       re.IGNORECASE)
_PAST = re.compile(r"\b(yesterday|last (night|week|weekend|month|year|term|summer|winter|spring|autumn|christmas|time|visit)|"
                   r"\d+ (days?|weeks?|months?|years?) ago|(a|one|two|few|couple of) (days?|weeks?|months?|years?) ago|ago\b|"
                   r"in the past|used to|previously|historic(al(ly)?)?|years back|a while back|when (he|she|they) (was|were) (little|younger|a baby)|"
                   r"back in (19|20)\d\d|in (19|20)\d\d|earlier this (year|month|term)|at the time|before (he|she|they) (moved|came|started))\b",
                   re.IGNORECASE)
_UNSURE = re.compile(r"\b(not sure|unsure|no idea|dunno|don'?t know|do not know|not certain|uncertain|can'?t (tell|say|be sure)|"
                     r"hard to (say|tell)|maybe|possibly|perhaps|might be|could be|may be|not clear|unclear|no clue|"
                     r"i('?m| am) (worried|scared|afraid) (he|she|they)('?s|'?re| is| are| might| could| may)|idk|50/50|not convinced)\b",
                     re.IGNORECASE)
# "Not sure what to do" is about the next step, not about whether the child is in danger.
_ABOUT_WHAT_TO_DO = re.compile(r"\b(not sure|unsure|don'?t know|do not know|no idea|dunno)\s+(what|who|how|where|whether to|if i should|which)\b",
                               re.IGNORECASE)
_YES = re.compile(r"^\W*(yes+|yeah|yea|yep|yup|y|aye|correct|i think so|definitely|absolutely|urgent|emergency)\b", re.IGNORECASE)
_NO = re.compile(r"^\W*(no|nope|nah|n|not really|no she'?s not|no he'?s not|not at the moment|not right now|not now|not immediately|"
                 r"i don'?t think so|don'?t think so|(he|she|they) (is|are|'?s|'?re)n'?t|negative)\b", re.IGNORECASE)

# Words whose misspellings matter ("unconcious", "breahting"): corrected before reading.
# Misspellings of these long, distinctive words are corrected before reading ("unconcious",
# "breating"). Short or common words are left alone: "cooking" must never become "choking".
_KEY_WORDS = ["unconscious", "unresponsive", "breathing", "overdose", "overdosed", "collapsed", "seizure", "swallowed",
              "suicidal", "suicide", "immediate", "strangled", "responding"]
_SENTENCE_SPLIT = re.compile(r"[.!?\n]+")
_CLAUSE_SPLIT = re.compile(r"[;,:]|\s[-–—]\s|\b(?:and|but|because|cos|although|though|while|whereas|however|plus)\b",
                           re.IGNORECASE)
_PRESENT = re.compile(r"\b(now|right now|still|since|currently|at the moment|tonight|today|this (morning|afternoon|evening)|just)\b",
                      re.IGNORECASE)
_HYPOTHETICAL_START = re.compile(r"^\W*(what if|what (would|should|do|can|must) (i|you|we|one) do (if|when)|would (it|that|this)|"
                                 r"hypothetically|imagine|suppose|supposing|say (a|the) child|for example|in a scenario|for training)\b",
                                 re.IGNORECASE)
_HYPOTHETICAL_ANYWHERE = re.compile(r"\b(what if|hypothetic\w*|imagine|suppose|supposing|would (it|that|this) count|"
                                    r"scenario|role ?play|what to do (if|when)|training (session|course|day|exercise))\b",
                                    re.IGNORECASE)
_DANGER_WORDS = re.compile(r"danger|\bsafe|\brisk", re.IGNORECASE)
# "I don't think she's in danger" says she is not; "I don't think he's breathing" says he is not
# breathing; "I don't believe she is safe" says she is not safe. The doubt is about the clause that
# follows, so it is read as that clause negated ("she is not in danger") before anything else.
_NOT_BELIEVED = re.compile(
    r"\b(?:i\s+)?(?:do not|don'?t|dont|did not|didn'?t|didnt)\s+(?:think|believe|feel|reckon|suppose)\s+(?:that\s+)?"
    r"(?P<who>he|she|it|they|(?:the |this |that |our |my )?[a-z]+(?: [a-z]+)?)"
    r"(?:\s+(?P<verb>is|are|was|were)|(?P<short>'s|'re|s|re)(?=\s))\s+", re.IGNORECASE)


def _belief_negated(text: str) -> str:
    def negated(match: re.Match) -> str:
        verb = match.group("verb") or ("are" if match.group("short").lstrip("'") == "re" else "is")
        return f"{match.group('who')} {verb} not "
    return _NOT_BELIEVED.sub(negated, text)


def _corrected(text: str) -> str:
    words = []
    for word in re.findall(r"[A-Za-z']+|[^A-Za-z']+", text):
        lowered = word.lower()
        if len(word) >= 7 and word.isalpha() and not any(lowered.startswith(key) for key in _KEY_WORDS):
            match = process.extractOne(word.lower(), _KEY_WORDS, scorer=fuzz.ratio, score_cutoff=85)
            if match:
                word = match[0]
        words.append(word)
    return "".join(words)


def clauses(text: Optional[str]) -> List[str]:
    """The clauses of a message that state something (hypothetical sentences and clauses dropped).

    Cut at sentence ends, commas, colons and joining words ("and", "but"…), after correcting
    misspelt danger words. A sentence that opens as a hypothetical question ("what if…", "what
    should I do if…", "would it count…") is dropped whole; so is a clause that opens with "if".
    """
    return [clause for clause, _ in _clauses_with_sentences(text)]


def _clauses_with_sentences(text: Optional[str]) -> List[Tuple[str, str]]:
    """Each clause with the sentence it stands in, which says whether it describes a habit."""
    if not text:
        return []
    found = []
    for sentence in _SENTENCE_SPLIT.split(_belief_negated(_corrected(text))):
        if not sentence.strip() or _HYPOTHETICAL_START.search(sentence):
            continue
        for piece in _CLAUSE_SPLIT.split(sentence):
            piece = (piece or "").strip()
            if piece and not _HYPOTHETICAL_ANYWHERE.search(piece) and not re.match(r"^\W*if\b", piece, re.IGNORECASE):
                found.append((piece, sentence))
    return found


def _negated(clause: str, start: int) -> bool:
    """A negation among the few words before position `start` of the clause, or a clause that
    opens by saying no child at all ("none of the children are in danger")."""
    before = clause[:start]
    return bool(_NEGATION.search(" ".join(before.split()[-4:])) or _NO_CHILD.match(before))


def _past(clause: str) -> bool:
    return bool(_PAST.search(clause)) and not _PRESENT.search(clause)


def _an_adult_alone(before: str) -> bool:
    """The last person named before "on her own" is an adult: "mum ... is on her own"."""
    people = list(_PERSON.finditer(before))
    return bool(people) and bool(people[-1].group("adult"))


def _danger_in(clause: str, sentence: str) -> Optional[Service]:
    """The service a danger phrase in this clause calls for, unless the clause cancels it.

    A child on their own counts unless the sentence describes a habit, not now, or the one on
    their own is an adult; every other danger phrase counts whatever the rest of the sentence says.
    """
    if _past(clause):
        return None
    for service, pattern, alone in _DANGER:
        match = pattern.search(clause)
        if not match or _negated(clause, match.start()):
            continue
        if alone:
            habit = _HABITUAL.search(sentence) and not _PRESENT.search(sentence)
            if habit or _an_adult_alone(sentence[:max(sentence.find(clause), 0)] + clause[:match.end()]):
                continue
        return service
    return None


def services_needed(text: Optional[str]) -> List[Service]:
    """Emergency services the message describes a need for now, in order of mention; [] when none."""
    found: List[Service] = []
    for clause, sentence in _clauses_with_sentences(text):
        service = _danger_in(clause, sentence)
        if service and service not in found:
            found.append(service)
    return found


def sounds_like_immediate_danger(text: Optional[str]) -> bool:
    """Some clause describes danger now (not negated, past or hypothetical)."""
    return bool(services_needed(text))


def _doubtful(text: str) -> bool:
    return bool(_UNSURE.search(_ABOUT_WHAT_TO_DO.sub(" ", text)))


def _clause_reading(clause: str, sentence: str) -> Optional[Danger]:
    """What one clause says about danger now; None when it says nothing about it."""
    if _danger_in(clause, sentence):
        return Danger.UNSURE if _doubtful(clause) else Danger.YES
    mention = _DANGER_WORDS.search(clause)
    if not mention or _past(clause) or _NOT_SAFE.search(clause):
        return None
    if _doubtful(clause):
        return Danger.UNSURE
    if _negated(clause, mention.start()) or _SAFE.search(clause):
        return Danger.NO
    return None


def danger_stated(text: Optional[str]) -> Optional[Danger]:
    """What any message says about danger now, or None when it says nothing clear about it.

    Used on every message: "there's a knife" is YES, "not in immediate danger" is NO, "not sure
    if she's in danger" is UNSURE. Danger in one clause wins over a "no" in another, and doubt
    wins over no.
    """
    readings = {_clause_reading(clause, sentence) for clause, sentence in _clauses_with_sentences(text)}
    for value in (Danger.YES, Danger.UNSURE, Danger.NO):
        if value in readings:
            return value
    return None


def danger_answer(text: Optional[str]) -> Optional[Danger]:
    """The answer to "is the child in immediate danger right now?", or None if it isn't one.

    Danger described anywhere is YES, and so is "not safe"; any doubt is UNSURE; a plain no or
    "safe" is NO; a mixed "yes and no" is UNSURE. Text that answers something else (a town, a
    role) gives None, so the question can be asked again.
    """
    if not text or not text.strip():
        return None
    stated = danger_stated(text)
    if stated is Danger.YES or _NOT_SAFE.search(_belief_negated(text)):
        return Danger.YES
    if stated is Danger.UNSURE or _doubtful(text):
        return Danger.UNSURE
    pieces = clauses(text) or [text]
    yes = any(_YES.search(piece) for piece in pieces)
    no = any(_NO.search(piece) or _SAFE.search(piece) for piece in pieces) or stated is Danger.NO
    if yes and no:
        return Danger.UNSURE
    if yes:
        return Danger.YES
    if no:
        return Danger.NO
    return None


def service_value(text: Optional[str]) -> Optional[str]:
    """One emergency service for the 999 advice when the words point to exactly one, else None."""
    needed: Tuple[Service, ...] = tuple(services_needed(text))
    return needed[0].value if len(needed) == 1 else None
