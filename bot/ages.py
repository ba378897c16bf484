"""A child's age from how professionals say it: "3", "3yo", "18 months", "Year 9", "teenager"."""
from __future__ import annotations

import re
from typing import Optional

_WORDS = {
    "unborn": -1, "pregnan": -1, "newborn": 0, "baby": 0, "infant": 0, "toddler": 2,
    "under 5": 3, "under five": 3, "under-5": 3, "preschool": 3, "pre-school": 3, "nursery": 3,
    "early years": 3, "reception": 4, "primary": 8, "secondary": 13, "teen": 15, "adolescent": 15,
}


def age_from(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    lowered = text.lower()
    stated_years = re.search(r"\b(\d{1,2})\s*(?:years?|yrs?|yo|y/o|-year)", lowered)
    if stated_years:
        return int(stated_years.group(1))
    months = re.search(r"(\d{1,2})\s*(months?|mths?|mo)\b", lowered)
    if months:
        return int(months.group(1)) // 12
    school_year = re.search(r"\b(?:year|yr|y)\s*(\d{1,2})\b", lowered)
    if school_year and 1 <= int(school_year.group(1)) <= 13:
        return int(school_year.group(1)) + 5
    years = re.search(r"\b(\d{1,2})\s*(?:years?|yrs?|yo|y/o|-year)?", lowered)
    if years and int(years.group(1)) <= 19:
        return int(years.group(1))
    for word, age in _WORDS.items():
        if word in lowered:
            return age
    return None
