"""Sanity checks for the NLU training data and the held-out NLU test set.

Run from the repo root:  .venv/bin/python scripts/check_nlu_data.py
Checks: counts per intent/entity, same text under two intents, entity spans that do not
line up with WhitespaceTokenizer tokens, synonym texts mapped to two values, entity values
outside the agreed id sets, and leakage between data/nlu and tests/nlu (exact after
normalising case/punctuation, or rapidfuzz ratio > 90).
"""
import re
import sys
from collections import Counter, defaultdict

from rapidfuzz import fuzz, process
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

ALLOWED = {
    "concept": {"neglect", "significant_harm", "disguised_compliance", "was_not_brought",
                "cumulative_harm", "drift", "start_again_syndrome", "professional_optimism",
                "early_help", "mash", "edt", "dsl", "section_17", "section_47", "threshold",
                "escalation", "daily_life", "impact", "chronology"},
    "question": {"significant_harm", "daily_life", "impact", "concerns_raised",
                 "information_sharing", "plan", "disguised_compliance"},
    "age_group": {"baby", "toddler", "under 5s", "primary", "teenager", "unborn"},
    "role": {"teacher", "health visitor", "nurse", "paramedic", "youth worker",
             "housing officer", "GP", "social worker", "nursery", "public", "dsl"},
}


def norm(text):
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.lower())).strip()


def synonyms_from_files(path):
    """Read synonym blocks ourselves so that conflicting definitions are visible."""
    import glob
    import yaml
    seen = defaultdict(set)
    for f in sorted(glob.glob(f"{path}/*.yml")):
        doc = yaml.safe_load(open(f)) or {}
        for block in doc.get("nlu", []):
            if "synonym" in block:
                for line in block["examples"].splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        seen[line[2:].strip().lower()].add(block["synonym"])
    return seen


def main():
    problems = 0
    tok = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    train = load_data("data/nlu")
    test = load_data("tests/nlu")
    syn_sets = synonyms_from_files("data/nlu")
    for text, vals in syn_sets.items():
        if len(vals) > 1:
            print(f"SYNONYM CONFLICT {text!r} -> {vals}")
            problems += 1
    syn = {k: next(iter(v)) for k, v in syn_sets.items()}
    syn.update({k.lower(): v for k, v in train.entity_synonyms.items() if k.lower() not in syn})

    for name, td in (("train", train), ("test", test)):
        print(f"\n== {name}: {len(td.intent_examples)} examples")
        counts = Counter(m.get("intent") for m in td.intent_examples)
        for intent, n in sorted(counts.items()):
            print(f"  {intent:22s} {n}")
        ents = Counter()
        by_text = defaultdict(set)
        for m in td.intent_examples:
            by_text[norm(m.get("text"))].add(m.get("intent"))
            tokens = tok.tokenize(Message({"text": m.get("text")}), "text")
            starts = {t.start for t in tokens}
            ends = {t.end for t in tokens}
            for e in m.get("entities", []):
                ents[(e["entity"], e.get("role"))] += 1
                if e["start"] not in starts or e["end"] not in ends:
                    print(f"  MISALIGNED {e['value']!r} in {m.get('text')!r}")
                    problems += 1
                if e["entity"] in ALLOWED:
                    mapped = syn.get(e["value"].lower(), e["value"])
                    school_year = e["entity"] == "age_group" and re.fullmatch(r"(year|yr) ?\d{1,2}|reception", mapped.lower())
                    if mapped not in ALLOWED[e["entity"]] and not school_year:
                        print(f"  VALUE {e['entity']}={e['value']!r} -> {mapped!r} not an agreed id")
                        problems += 1
        print("  entities:", dict(ents))
        for text, intents in by_text.items():
            if len(intents) > 1:
                print(f"  SAME TEXT IN TWO INTENTS {text!r}: {intents}")
                problems += 1
        dups = [t for t, c in Counter(norm(m.get("text")) for m in td.intent_examples).items() if c > 1]
        for t in dups:
            print(f"  DUPLICATE {t!r}")
            problems += 1

    train_texts = [norm(m.get("text")) for m in train.intent_examples]
    train_set = set(train_texts)
    print("\n== leakage (test vs train)")
    worst = []
    for m in test.intent_examples:
        t = norm(m.get("text"))
        if t in train_set:
            print(f"  EXACT {t!r}")
            problems += 1
            continue
        best = process.extractOne(t, train_texts, scorer=fuzz.ratio)
        worst.append((best[1], t, best[0]))
        if best[1] > 90:
            print(f"  NEAR {best[1]:.0f} {t!r} ~ {best[0]!r}")
            problems += 1
    worst.sort(reverse=True)
    print("  closest pairs:")
    for score, t, b in worst[:12]:
        print(f"   {score:5.1f}  {t!r} ~ {b!r}")
    print(f"\n{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
