"""Run the tagger's network (`model/`) on words, with the embedding of each word computed once.

The network spaCy runs is: an embedding of each token (four hashed features of the word, NORM,
PREFIX, SUFFIX and SHAPE, mixed by a maxout layer), which depends on the word alone; a window
encoder over the sentence; a softmax over the tags. spaCy computes the embedding of every token
of every sentence, on a `Doc` made for each sentence. Here each distinct word's embedding is
computed once, by the same layers with the same weights, and kept as a row of a table; a batch of
sentences is then gathered from the table into the array spaCy's encoder reads (the sentences one
after another, with the same rows of zeros between them) and run through the same encoder and
softmax layers. Every layer computes each row on its own (matrix products, per-row normalisation),
so the tags are spaCy's, at about half the cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

# the table of embeddings starts with this many rows and doubles up to MAX_ROWS (some 30 MB);
# when full it is emptied and filled again
FIRST_ROWS = 4096
MAX_ROWS = 131_072


class Network:
    """The layers of a loaded tagger pipeline (spaCy's `tok2vec` and `tagger`), with a table of
    the embeddings of the words seen so far."""

    def __init__(self, nlp: Any) -> None:
        embed, encode = nlp.get_pipe("tok2vec").model.layers
        tagger = nlp.get_pipe("tagger")
        self._vocab = nlp.vocab
        self._columns = embed.layers[0].attrs["columns"]
        # the hashed features' embeddings and their maxout mix (inside with_array: row by row)
        self._embed = (embed.layers[2].layers[0], embed.layers[3].layers[0])
        self._encode = encode.layers[0]
        self._pad = int(encode.attrs["pad"])
        self._softmax = tagger.model.layers[1].layers[0]
        self._labels = list(tagger.labels)
        self._width = int(encode.get_dim("nO"))
        self._rows: dict[str, int] = {}
        # row 0 stays zeros: the padding spaCy puts between sentences
        self._table = np.zeros((FIRST_ROWS, self._width), dtype="float32")

    def tags(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Return the tags of the words of each (non-empty) sentence, the sentences read as one
        batch of spaCy's pipeline."""
        rows = self._rows_of([w for words in sentences for w in words])
        pad = [0] * self._pad
        index: list[int] = []
        tokens: list[int] = []
        at = 0
        for words in sentences:
            index += pad
            start = len(index)
            index += rows[at : at + len(words)]
            tokens += range(start, start + len(words))
            at += len(words)
        index += pad
        encoded = self._encode.predict(self._table[np.asarray(index)])
        guesses = self._softmax.predict(encoded[np.asarray(tokens)]).argmax(axis=1).tolist()
        labels = self._labels
        out, at = [], 0
        for words in sentences:
            out.append([labels[g] for g in guesses[at : at + len(words)]])
            at += len(words)
        return out

    def _rows_of(self, words: list[str]) -> list[int]:
        """Return the table row of each word, embedding the words not seen yet."""
        known = self._rows
        new = list(dict.fromkeys(w for w in words if w not in known))
        if new:
            if len(known) + len(new) >= MAX_ROWS:
                known.clear()  # start again (rows are reused)
                new = list(dict.fromkeys(words))
            self._add(new)
        return [known[w] for w in words]

    def _add(self, words: list[str]) -> None:
        """Embed new words and give each a row of the table."""
        from spacy.tokens import Doc

        features = Doc(self._vocab, words=words).to_array(self._columns)
        x = np.ascontiguousarray(features, dtype="uint64")
        for layer in self._embed:
            x = layer.predict(x)
        first = len(self._rows) + 1
        need = first + len(words)
        if need > len(self._table):
            size = len(self._table)
            while size < need:
                size *= 2
            grown = np.zeros((size, self._width), dtype="float32")
            grown[:first] = self._table[:first]
            self._table = grown
        self._table[first:need] = x
        for k, w in enumerate(words):
            self._rows[w] = first + k
