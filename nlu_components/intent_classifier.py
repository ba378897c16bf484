"""NLU component: the intent model, logistic regression over TF-IDF weighted words and letters,
and, for the messages it is unsure of, over the same words plus what the sentence means.

Rasa's own LogisticRegressionClassifier sees raw counts with its regularisation fixed (C = 1), so
a long message that describes a family at length and ends "who do I ring?" is outweighed by its
many worry words, and a two-word fragment has too little weight to be read at all. Weighting each
word by how rare it is across the training messages, damping repeats (sublinear tf) and giving
every message the same length (L2) measured better on every dev set, most on messages written
by someone who had never seen the training data (docs/training.md has the figures).

Words and word pairs carry the phrasing ("who do i ring", "not breathing"); letter n-grams inside
word boundaries carry typos and word forms ("ringg", "neglectful"). The fitted model is stored
with skops, as Rasa stores its own classifiers, and loaded only if it holds the types written here.

Words alone miss phrasings the training data never used. A second regression reads the same
weighted words beside the message's sentence embedding (nlu_components/sentence_encoder.py): on
the four dev sets it made a third fewer errors. The encoder costs 10-20 ms of CPU a message, and
where the words model is sure (at least `encoder_below`) reading the meaning too changed nothing
on the dev sets, so only the messages it is unsure of are encoded: 15% of the dev messages
(docs/training.md).
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union
from sklearn.preprocessing import Normalizer

from nlu_components.sentence_encoder import encode, shared_encoder

logger = logging.getLogger(__name__)

FILE = "intent_model.skops"
READER_FILE = "intent_reader.skops"
# skops trusts scikit-learn's own classes; the vectorizers also store a sparse matrix.
TRUSTED_TYPES = {"scipy.sparse._csr.csr_matrix"}


def intent_model(config: Dict[str, Any]) -> Pipeline:
    """The untrained model: the two weighted vocabularies side by side, one length, one regression."""
    return make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(config["char_ngrams"]), sublinear_tf=True),
        ),
        Normalizer(),
        LogisticRegression(C=config["C"], class_weight="balanced", max_iter=config["max_iter"],
                           random_state=0),
    )


def reader_model(config: Dict[str, Any]) -> LogisticRegression:
    """The untrained second regression, over the weighted words and the sentence embedding."""
    return LogisticRegression(C=config["reader_C"], class_weight="balanced", max_iter=config["max_iter"],
                              random_state=0)


def with_meaning(word_features: csr_matrix, texts: List[str], weight: float) -> csr_matrix:
    """The words model's features of each text, with the text's sentence embedding beside them.

    Both parts have unit length; `weight` sets how much the meaning counts against the words.
    """
    return hstack([word_features, csr_matrix(weight * encode(texts))]).tocsr()


def with_scoring_layout(model: Any) -> Any:
    """The model with its weights laid out for one message at a time.

    Scoring multiplies a message's sparse features by the weights transposed. Stored row by row
    (as skops loads them), the transposed weights are copied in full on every message, which cost
    the server about 4 ms a turn; stored column by column, the transpose is read in place.
    """
    regression = model.steps[-1][1] if isinstance(model, Pipeline) else model
    regression.coef_ = np.asfortranarray(regression.coef_)
    return model


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class WeightedWordsClassifier(IntentClassifier, GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"C": 20.0, "word_ngrams": [1, 2], "char_ngrams": [2, 4], "max_iter": 3000,
                "encoder_below": 0.6, "meaning_weight": 0.5, "reader_C": 40.0, "ranking_length": 10}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 model: Optional[Pipeline] = None, reader: Optional[LogisticRegression] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model
        self.reader = reader

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "WeightedWordsClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if examples:
            texts, intents = [e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples]
            self.model = with_scoring_layout(intent_model(self.config).fit(texts, intents))
            self.reader = with_scoring_layout(reader_model(self.config).fit(
                with_meaning(self.model[:-1].transform(texts), texts, self.config["meaning_weight"]), intents))
            self.persist()
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        features = self.model[:-1].transform(texts)  # computed once, read by both regressions
        probabilities = self.model[-1].predict_proba(features)
        unsure = np.flatnonzero(probabilities.max(axis=1) < self.config["encoder_below"])
        if len(unsure) and self.reader is not None:
            probabilities[unsure] = self.reader.predict_proba(
                with_meaning(features[unsure], [texts[i] for i in unsure], self.config["meaning_weight"]))
        intents = self.model.classes_
        for message, row in zip(messages, probabilities):
            ranking = sorted(({"name": str(name), "confidence": float(p)} for name, p in zip(intents, row)),
                             key=lambda entry: -entry["confidence"])
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def persist(self) -> None:
        import skops.io as sio

        with self._model_storage.write_to(self._resource) as directory:
            sio.dump(self.model, directory / FILE)
            sio.dump(self.reader, directory / READER_FILE)

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "WeightedWordsClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model, reader = (_load_trusted(directory / name) for name in (FILE, READER_FILE))
        except ValueError as error:
            # No stored model (nothing to train on) reads as "no intent", as Rasa's own classifiers do.
            logger.debug("Intent model not loaded: %s", error)
            return cls(config, model_storage, resource)
        shared_encoder()  # read the encoder's weights now, not on the first unsure message
        return cls(config, model_storage, resource, with_scoring_layout(model), with_scoring_layout(reader))


def _load_trusted(path: Any) -> Any:
    import skops.io as sio

    untrusted = sio.get_untrusted_types(file=path)
    unexpected = [name for name in untrusted if name not in TRUSTED_TYPES]
    if unexpected:
        raise ValueError(f"unexpected types in the intent model: {unexpected}")
    return sio.load(path, trusted=untrusted)

