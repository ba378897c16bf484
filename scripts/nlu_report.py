"""Print the held-out NLU figures from `rasa test nlu` reports: intent F1, entity F1, confusions.

Usage: python scripts/nlu_report.py var/results/nlu [--show-messages]

The misread messages themselves are printed only with --show-messages (the dev sets): held-out
messages must stay unread by whoever writes training data.
"""
import json
import sys
from collections import Counter
from pathlib import Path


def main(results: Path, show_messages: bool = False) -> int:
    intents = json.loads((results / "intent_report.json").read_text())
    errors = json.loads((results / "intent_errors.json").read_text()) if (results / "intent_errors.json").exists() else []
    total = intents["weighted avg"]["support"]
    print(f"Held-out messages: {total}")
    print(f"Intent F1: weighted {intents['weighted avg']['f1-score']:.3f}, macro {intents['macro avg']['f1-score']:.3f}, "
          f"accuracy {intents.get('accuracy', 0):.3f}")
    for name in sorted(results.glob("*Extractor_report.json")) + sorted(results.glob("DIETClassifier_report.json")):
        report = json.loads(name.read_text())
        if "weighted avg" in report:
            print(f"Entity F1 ({name.stem.replace('_report', '')}): weighted {report['weighted avg']['f1-score']:.3f}, "
                  f"micro {report.get('micro avg', {}).get('f1-score', float('nan')):.3f}")
    weakest = sorted((v["f1-score"], k) for k, v in intents.items() if isinstance(v, dict) and "support" in v and k not in ("weighted avg", "macro avg", "micro avg"))
    print("Weakest intents: " + ", ".join(f"{k} {f:.2f}" for f, k in weakest[:6]))
    pairs = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    print("Confusion pairs (expected -> predicted, count):")
    for (expected, predicted), count in pairs.most_common(15):
        print(f"  {expected} -> {predicted}: {count}")
    successes_file = results / "intent_successes.json"
    if successes_file.exists():
        # How the fallback threshold trades correct answers lost for wrong answers caught.
        right = [m["intent_prediction"]["confidence"] for m in json.loads(successes_file.read_text())]
        wrong = [m["intent_prediction"]["confidence"] for m in errors]
        print("Fallback threshold: correct predictions sent to fallback / wrong predictions caught")
        for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8):
            lost = sum(c < threshold for c in right)
            caught = sum(c < threshold for c in wrong)
            print(f"  {threshold:.2f}: {lost}/{len(right)} lost, {caught}/{len(wrong)} caught")
    if successes_file.exists():
        _report_unseen_wording(json.loads(successes_file.read_text()), errors)
    for error in errors[:40] if show_messages else ():  # held-out messages stay unread: counts only
        print(f"    '{error['text']}': {error['intent']} -> {error['intent_prediction']['name']} ({error['intent_prediction']['confidence']:.2f})")
    return 0


def _report_unseen_wording(successes: list, errors: list) -> None:
    """Short replies ("thanks", "no") written blind still match training lines word for word, which
    flatters the score; this figure leaves out every message with a near twin in data/nlu."""
    from rapidfuzz import fuzz, process
    from rasa.shared.nlu.training_data.loading import load_data
    from check_nlu_data import norm

    train = [norm(m.get("text")) for m in load_data("data/nlu").intent_examples]

    def unseen(message: dict) -> bool:
        return process.extractOne(norm(message["text"]), train, scorer=fuzz.ratio)[1] <= 90

    right = sum(unseen(m) for m in successes)
    wrong = sum(unseen(m) for m in errors)
    print(f"Messages with no near twin in the training data (rapidfuzz ratio <= 90): {right + wrong}; "
          f"intent accuracy on them {right / max(right + wrong, 1):.3f}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--show-messages"]
    sys.exit(main(Path(arguments[0] if arguments else "var/results/nlu"), show_messages="--show-messages" in sys.argv))
