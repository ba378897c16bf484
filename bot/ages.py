"""A child's age from how people say it: "3", "3yo", "eighteen months", "6 weeks old",
"16 weeks pregnant", "Year 9", "teenager".

Ages are whole years; -1 means unborn and 0 a baby under one, so the youngest children get the
prompts meant for them. Two readings:

- `age_from`: the answer to "how old is the child?", where a bare number is an age;
- `age_mentioned`: any other message, where only a clear age phrase counts ("a 7-year-old",
  "aged 7", "she's 7"), never "I've been a teacher for 10 years".
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty one": 21, "twenty two": 22, "twenty three": 23,
    "twenty four": 24, "thirty": 30, "thirty six": 36,
}
_COUNT = r"(\d{1,2}|" + "|".join(sorted((re.escape(w).replace(r"\ ", r"[\s-]") for w in _NUMBER_WORDS), key=len, reverse=True)) + r")"
_NUMBER = _COUNT[:-1] + r"|an?)"  # "a week old", "an 18-month-old" is caught by the digits
_SEP = r"[\s-]*"

_UNBORN = re.compile(rf"\b{_NUMBER}{_SEP}(weeks?|wks?|months?){_SEP}(pregnant|gestation)\b|\bunborn\b|\bpregnan(t|cy)\b|"
                     r"\bexpecting( a baby)?\b|\bantenatal\b|\bpre-?birth\b|\bnot (yet )?born\b|\bdue (in|next)\b", re.IGNORECASE)
_YEARS_OLD = re.compile(rf"\b{_NUMBER}{_SEP}(years?|yrs?|yr){_SEP}old\b|\b(\d{{1,2}}){_SEP}(yo|y/o|y\.o\.?)(?![a-z])|"
                        rf"\baged?{_SEP}{_NUMBER}\b", re.IGNORECASE)
_YEARS = re.compile(rf"\b{_NUMBER}{_SEP}(years?|yrs?|yr|yo|y/o)\b", re.IGNORECASE)
_WEEKS_OR_DAYS = re.compile(rf"\b{_NUMBER}{_SEP}(weeks?|wks?|days?){_SEP}old\b|\b{_NUMBER}{_SEP}(weeks?|wks?|days?)\b", re.IGNORECASE)
_WEEKS_OR_DAYS_OLD = re.compile(rf"\b{_NUMBER}{_SEP}(weeks?|wks?|days?){_SEP}old\b", re.IGNORECASE)
_MONTHS_OLD = re.compile(rf"\b{_NUMBER}{_SEP}(months?|mths?|mo){_SEP}old\b", re.IGNORECASE)
_MONTHS = re.compile(rf"\b{_NUMBER}{_SEP}(months?|mths?|mo)\b", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"\b(?:year|yr|y)\s*(\d{1,2})\b(?!\s*(?:old|olds|years?))", re.IGNORECASE)
_HE_SHE_IS = re.compile(rf"\b(he|she|they|the child|the kid|the boy|the girl|child|kid)('s|'re| is| are)\s+(only |just |about |nearly |almost )?"
                        rf"{_COUNT}\b(?!\s*(minutes?|hours?|mins?|hrs?|%|am|pm|pounds|kg|miles|times|o'?clock|weeks?|months?|days?))",
                        re.IGNORECASE)
# "Jayden is 10", "Jayden (10)": a name (never asked for, but typed) followed by the age.
_NAMED = re.compile(rf"\b[A-Z][a-z]+(?:'s| is)\s+(?:only |just |about |nearly |almost )?(\d{{1,2}})\b"
                    rf"(?!\s*(minutes?|hours?|mins?|hrs?|%|am|pm|pounds|kg|miles|times|o'?clock|weeks?|months?|days?|/))|"
                    rf"\b[A-Z][a-z]+\s*\((\d{{1,2}})\)")
_SELF = re.compile(rf"\b(i'?m|i am|im)\s+(only |just )?{_COUNT}\b(?!\s*(minutes?|hours?|mins?|%|am|pm|weeks?|months?|days?|times|miles|to\s*\d|-\s*\d))|"
                   rf"\bi('?m| am) (a )?{_COUNT}{_SEP}(years?|yrs?){_SEP}old\b", re.IGNORECASE)

# Words that name an age group. Settings ("nursery", "primary") only count in an answer to the age
# question: "I'm a nursery nurse" says nothing about the child.
_GROUP_WORDS = [
    (r"\bnew-?borns?\b|\bneo-?natal\b", 0), (r"\bbab(y|ies)\b|\binfants?\b", 0), (r"\btoddlers?\b", 2),
    (r"\bteen(ager|age)?s?\b|\badolescents?\b|\byoung (person|people)\b", 15),
]
_SETTING_WORDS = [
    (r"\bunder[\s-]*(5|five)s?\b|\bpre-?school\b|\bnursery\b|\bearly years\b", 3), (r"\breception\b", 4),
    (r"\bprimary\b", 8), (r"\bsecondary\b|\bhigh school\b", 13), (r"\bsixth form\b|\bcollege\b", 16),
]


def _number(word: str) -> Optional[int]:
    word = " ".join(word.lower().replace("-", " ").split())
    if word in ("a", "an"):
        return 1
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _first(pattern: re.Pattern, text: str) -> Optional[Tuple[int, str]]:
    """The number in the first match of `pattern` with the words matched."""
    match = pattern.search(text)
    if not match:
        return None
    number = next((_number(group) for group in match.groups() if group and _number(group) is not None), None)
    return (number, match.group(0).strip()) if number is not None else None


def _read(text: str, answer: bool) -> Optional[Tuple[int, str]]:
    text = text.replace("\u2019", "'")
    unborn = _UNBORN.search(text)
    if unborn:
        return -1, unborn.group(0)
    years = _first(_YEARS_OLD if not answer else _YEARS, text) or (_first(_YEARS_OLD, text) if answer else None)
    if years and years[0] <= 19:
        return years
    small = _first(_WEEKS_OR_DAYS if answer else _WEEKS_OR_DAYS_OLD, text)
    if small:
        return 0, small[1]
    months = _first(_MONTHS if answer else _MONTHS_OLD, text)
    if months and months[0] <= 60:
        return months[0] // 12, months[1]
    school = _SCHOOL_YEAR.search(text)
    if school and 1 <= int(school.group(1)) <= 13:
        return int(school.group(1)) + 5, school.group(0)
    said = _first(_HE_SHE_IS, text)
    if said and said[0] <= 19:
        return said
    named = _NAMED.search(text)
    if named and int(named.group(1) or named.group(3)) <= 19:
        return int(named.group(1) or named.group(3)), named.group(0)
    if answer:
        bare = re.search(rf"^\W*(about |around |nearly |almost |roughly )?{_NUMBER}(ish)?\W*$", text, re.IGNORECASE)
        if bare and bare.group(2).lower() not in ("a", "an") and _number(bare.group(2)) <= 19:
            return _number(bare.group(2)), bare.group(0).strip()
    for pattern, age in _GROUP_WORDS + (_SETTING_WORDS if answer else []):
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return age, match.group(0)
    return None


def age_from(text: Optional[str]) -> Optional[int]:
    """Age in years from an answer to the age question; None when the words give no age."""
    found = _read(text, answer=True) if text else None
    return found[0] if found else None


def age_mentioned(text: Optional[str]) -> Optional[Tuple[int, str]]:
    """(age in years, the words that said it) from any message, or None; the writer's own age
    ("I'm 14") is not the child's age here: see `own_age`."""
    if not text:
        return None
    return _read(_SELF.sub(" ", text.replace("\u2019", "'")), answer=False)


def own_age(text: Optional[str]) -> Optional[int]:
    """The writer's own age when they give one under 18 ("I'm 14", "i am 12 years old")."""
    match = _SELF.search((text or "").replace("\u2019", "'"))
    if not match:
        return None
    number = next((_number(group) for group in match.groups() if group and _number(group) is not None), None)
    return number if number is not None and 5 <= number < 18 else None
