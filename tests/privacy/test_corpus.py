"""The redaction rules meet the issue's targets on the held-out half of the labelled corpus."""
from tests.privacy.evaluate import CORPUS, MAX_CHANGED, RECALL_TARGETS, load, score


def test_the_corpus_is_big_enough():
    messages = [message for path in CORPUS.values() for message in load(path)]
    assert sum(1 for m in messages if m.identifiers) >= 200
    assert sum(1 for m in messages if not m.identifiers) >= 100


def test_recall_targets_are_met_on_the_held_out_half():
    scores = score(load(CORPUS["test (held out)"]))
    for kind, target in RECALL_TARGETS.items():
        assert scores.labelled[kind] >= 5, f"too few {kind} examples to measure"
        assert scores.found[kind] / scores.labelled[kind] >= target, (kind, scores.missed)


def test_messages_without_identifiers_are_left_alone():
    for name, path in CORPUS.items():
        scores = score(load(path))
        assert len(scores.changed) / scores.clean <= MAX_CHANGED, (name, scores.changed)
