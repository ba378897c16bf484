"""Recall and precision of bot/redaction.py per kind of identifier, on the labelled corpus.

    python -m tests.privacy.evaluate      (make privacy-eval)

The corpus (tests/privacy/*.txt) has one message a line, identifiers marked `[[kind:text]]`.
dev.txt is what the rules were tuned against; test.txt was written before tuning and is the
half the targets are judged on. An identifier counts as found when every character of it is
inside something the redaction replaced (under any kind); a replacement counts as correct when
it overlaps a marked identifier. Messages without identifiers must come out unchanged.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

from bot.redaction import PLACEHOLDERS, find

HERE = Path(__file__).resolve().parent
CORPUS = {"dev (tuned on)": HERE / "dev.txt", "test (held out)": HERE / "test.txt"}
KINDS = list(PLACEHOLDERS)
RECALL_TARGETS = {"phone": 1.0, "email": 1.0, "postcode": 1.0, "nhs": 1.0, "ni": 1.0, "dob": 1.0, "name": 0.9, "address": 0.9}
MAX_CHANGED = 0.02
_MARK = re.compile(r"\[\[(\w+):(.+?)\]\]")


@dataclass
class Message:
    text: str
    identifiers: List[Tuple[int, int, str]] = field(default_factory=list)


def parse_line(line: str) -> Message:
    text, identifiers, position = "", [], 0
    for mark in _MARK.finditer(line):
        text += line[position:mark.start()]
        kind, value = mark.group(1), mark.group(2)
        if kind not in PLACEHOLDERS:
            raise ValueError(f"unknown kind {kind!r} in: {line}")
        identifiers.append((len(text), len(text) + len(value), kind))
        text += value
        position = mark.end()
    return Message(text + line[position:], identifiers)


def load(path: Path) -> List[Message]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_line(line) for line in lines if line.strip() and not line.startswith("#")]


@dataclass
class Scores:
    found: Counter = field(default_factory=Counter)     # identifiers fully covered, by labelled kind
    labelled: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)   # replacements overlapping an identifier, by kind
    replaced: Counter = field(default_factory=Counter)
    clean: int = 0
    changed: List[str] = field(default_factory=list)
    missed: List[Tuple[str, str]] = field(default_factory=list)
    wrong: List[Tuple[str, str]] = field(default_factory=list)


def score(messages: List[Message]) -> Scores:
    scores = Scores()
    for message in messages:
        spans = find(message.text)
        covered = {i for span in spans for i in range(span.start, span.end)}
        for start, end, kind in message.identifiers:
            scores.labelled[kind] += 1
            if all(i in covered for i in range(start, end)):
                scores.found[kind] += 1
            else:
                scores.missed.append((kind, message.text[start:end]))
        for span in spans:
            scores.replaced[span.kind] += 1
            if any(span.start < end and start < span.end for start, end, _ in message.identifiers):
                scores.correct[span.kind] += 1
            else:
                scores.wrong.append((span.kind, message.text[span.start:span.end]))
        if not message.identifiers:
            scores.clean += 1
            if spans:
                scores.changed.append(message.text)
    return scores


def _ratio(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def report(name: str, scores: Scores) -> List[str]:
    failures = []
    print(f"\n{name}: {sum(scores.labelled.values())} identifiers; {scores.clean} messages without any")
    print(f"  {'kind':<9} {'recall':>7} {'(found/all)':>12} {'precision':>10} {'(right/replaced)':>17} {'target recall':>14}")
    for kind in KINDS:
        target = RECALL_TARGETS.get(kind)
        recall_ok = target is None or not scores.labelled[kind] or scores.found[kind] / scores.labelled[kind] >= target
        if not recall_ok:
            failures.append(f"{kind} recall")
        print(f"  {kind:<9} {_ratio(scores.found[kind], scores.labelled[kind]):>7} {scores.found[kind]:>5}/{scores.labelled[kind]:<6}"
              f" {_ratio(scores.correct[kind], scores.replaced[kind]):>10} {scores.correct[kind]:>8}/{scores.replaced[kind]:<8}"
              f" {('%d %%' % (100 * target)) if target else '-':>13}{'' if recall_ok else '  MISSED'}")
    changed = len(scores.changed) / scores.clean if scores.clean else 0.0
    if changed > MAX_CHANGED:
        failures.append("messages without identifiers changed")
    print(f"  messages without identifiers changed: {len(scores.changed)}/{scores.clean} ({100 * changed:.1f}%, target at most "
          f"{100 * MAX_CHANGED:.0f}%)")
    for kind, text in scores.missed:
        print(f"    missed {kind}: {text!r}")
    for kind, text in scores.wrong:
        print(f"    replaced as {kind} but not an identifier: {text!r}")
    return failures


def main() -> int:
    results: Dict[str, Scores] = {name: score(load(path)) for name, path in CORPUS.items()}
    with_ids = sum(1 for path in CORPUS.values() for m in load(path) if m.identifiers)
    without = sum(1 for path in CORPUS.values() for m in load(path) if not m.identifiers)
    print(f"Privacy corpus: {with_ids} messages with identifiers, {without} without (tests/privacy/).")
    failures = {name: report(name, scores) for name, scores in results.items()}
    held_out = failures["test (held out)"]
    print("\nTargets on the held-out half: " + ("all met." if not held_out else "MISSED: " + ", ".join(held_out)))
    return 1 if held_out else 0


if __name__ == "__main__":
    sys.exit(main())
