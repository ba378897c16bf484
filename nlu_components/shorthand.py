"""Shorthand and contractions written out, before the intent model reads a message.

People type "dont", "whats", "u", "pls" and "7 yo" as often as "do not" or "what is"; written out,
the two spellings share their words and word pairs, so a phrasing learnt in one form is read in
the other (docs/training.md has the figures). Only words with one reading are here: "ill", "id"
and "no." are left alone because they are also ordinary words.
"""
from __future__ import annotations

SHORTHAND = {
    "dont": "do not", "don't": "do not", "doesnt": "does not", "doesn't": "does not",
    "didnt": "did not", "didn't": "did not", "cant": "can not", "can't": "can not", "cannot": "can not",
    "wont": "will not", "won't": "will not", "isnt": "is not", "isn't": "is not", "arent": "are not",
    "aren't": "are not", "wasnt": "was not", "wasn't": "was not", "havent": "have not", "haven't": "have not",
    "im": "i am", "i'm": "i am", "ive": "i have", "i've": "i have", "i'll": "i will", "i'd": "i would",
    "hes": "he is", "he's": "he is", "shes": "she is", "she's": "she is", "theyre": "they are",
    "they're": "they are", "whats": "what is", "what's": "what is", "whos": "who is", "who's": "who is",
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "thx": "thanks",
    "ty": "thank you", "tho": "though", "cuz": "because", "coz": "because", "bc": "because",
    "w/": "with", "idk": "i do not know", "dunno": "do not know", "wat": "what", "wot": "what",
    "wht": "what", "shld": "should", "cld": "could", "wld": "would", "abt": "about", "b4": "before",
    "yr": "year", "yrs": "years", "yo": "year old", "msg": "message", "num": "number", "tel": "telephone",
}


def written_out(text: str) -> str:
    """The message in lower case with its shorthand written out, ready for the vectorizers."""
    words = text.lower().replace("\u2019", "'").split()
    return " ".join(SHORTHAND.get(word, word) for word in words)
