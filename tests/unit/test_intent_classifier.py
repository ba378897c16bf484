"""The intent model (nlu_components/intent_classifier.py), trained on a few messages: what the
rest of the pipeline reads from it, and that a stored model is loaded only if it is ours."""
from __future__ import annotations

import pytest
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from nlu_components.intent_classifier import FILE, WeightedWordsClassifier

EXAMPLES = {
    "ask_contact": ["who do i call", "what's the number for the front door", "who do i ring about a child",
                    "number for children's services please"],
    "worried_about_child": ["the child is always hungry", "the house was filthy and cold",
                            "she comes to school in dirty clothes", "mum seems to be drinking a lot"],
    "greet": ["hello", "hi there", "good morning", "hiya"],
}


def message(text: str) -> Message:
    return Message(data={"text": text})


@pytest.fixture()
def storage(tmp_path):
    return LocalModelStorage(tmp_path)


def trained(storage, resource=Resource("intents"), **config):
    classifier = WeightedWordsClassifier.create(config, storage, resource, ExecutionContext(GraphSchema({}), "1"))
    data = TrainingData([Message(data={"text": text, "intent": intent})
                         for intent, texts in EXAMPLES.items() for text in texts])
    classifier.train(data)
    return classifier


def load(storage, resource=Resource("intents")):
    return WeightedWordsClassifier.load({}, storage, resource, ExecutionContext(GraphSchema({}), "1"))


def test_every_intent_is_ranked_most_likely_first(storage):
    [read] = trained(storage).process([message("who do i ring for the front door")])
    ranking = read.get("intent_ranking")
    assert read.get("intent")["name"] == "ask_contact"
    assert [entry["name"] for entry in ranking][0] == "ask_contact"
    assert [entry["confidence"] for entry in ranking] == sorted((e["confidence"] for e in ranking), reverse=True)
    assert sum(entry["confidence"] for entry in ranking) == pytest.approx(1.0)


def test_the_ranking_is_cut_to_its_configured_length(storage):
    [read] = trained(storage, ranking_length=2).process([message("hello")])
    assert len(read.get("intent_ranking")) == 2


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "<b>?</b>", "x" * 5000, "'; DROP TABLE events; --"])
def test_odd_input_still_gets_an_intent(storage, text):
    [read] = trained(storage).process([message(text)])
    assert read.get("intent")["name"] in EXAMPLES


def test_a_stored_model_is_read_back_with_the_same_answers(storage):
    texts = ["who do i call", "hiya", "no food in the house"]
    before = [m.get("intent") for m in trained(storage).process([message(t) for t in texts])]
    after = [m.get("intent") for m in load(storage).process([message(t) for t in texts])]
    assert [a["name"] for a in after] == [b["name"] for b in before]
    assert [a["confidence"] for a in after] == pytest.approx([b["confidence"] for b in before])


def test_a_loaded_model_scores_without_copying_its_weights(storage):
    """Row-by-row weights made every message copy them all (about 4 ms a turn on the server)."""
    trained(storage)
    weights = load(storage).model.steps[-1][1].coef_
    assert weights.T.flags["C_CONTIGUOUS"]


def test_a_stored_model_holding_anything_else_is_not_loaded(storage):
    """A model file that would run other code when used is refused; the assistant reads no intent
    from it rather than run it."""
    resource = Resource("intents")
    with storage.write_to(resource) as directory:
        sio.dump(make_pipeline(FunctionTransformer(print)), directory / FILE)
    [read] = load(storage, resource).process([message("who do i call")])
    assert read.get("intent") is None


def test_without_training_messages_no_intent_is_given(storage):
    classifier = WeightedWordsClassifier.create({}, storage, Resource("none"), ExecutionContext(GraphSchema({}), "1"))
    classifier.train(TrainingData([]))
    [read] = classifier.process([message("who do i call")])
    assert read.get("intent") is None


def test_only_messages_the_words_model_is_unsure_of_are_encoded(storage, monkeypatch):
    """The encoder costs about 10 ms a message; a message the words model is sure of skips it."""
    import nlu_components.intent_classifier as component

    classifier = trained(storage)
    encoded = []
    real_encode = component.encode
    monkeypatch.setattr(component, "encode", lambda texts: encoded.extend(texts) or real_encode(texts))
    sure = classifier.model.predict_proba(["hello", "good morning"]).max(axis=1)
    classifier.config["encoder_below"] = float(sure.min())  # both are "sure" at this bar
    classifier.process([message("hello"), message("good morning"), message("grandad forgets to feed them")])
    assert encoded == ["grandad forgets to feed them"]


def test_an_unsure_message_is_read_with_its_meaning(storage):
    """'which phone line should I use' shares no word with the examples of asking who to call (its
    'I'/'should' lean to the worries); read with its meaning it is a request for a number."""
    classifier = trained(storage)
    text = "which phone line should I use"
    words_only = dict(zip(classifier.model.classes_, classifier.model.predict_proba([text])[0]))
    [read] = classifier.process([message(text)])
    assert max(words_only, key=words_only.get) == "worried_about_child"
    assert max(words_only.values()) < classifier.config["encoder_below"]
    assert read.get("intent")["name"] == "ask_contact"


def test_a_loaded_reader_scores_without_copying_its_weights(storage):
    trained(storage)
    assert load(storage).reader.coef_.T.flags["C_CONTIGUOUS"]
