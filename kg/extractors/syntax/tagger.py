"""Tag the tokens of sentences with the part-of-speech tagger shipped in `model/`.

The tagger is a spaCy pipeline (a small CNN token-to-vector layer and a softmax tagger) trained by
`tools/syntax/train.py` on the Universal Dependencies English Web Treebank, re-tokenised the way
`kg.text.tokens.tokenize` cuts words, so that it reads the extractors' own tokens. It is loaded once
per process; documents are tagged a batch of sentences at a time, through `network`, which
runs the same layers without spaCy's per-sentence `Doc`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from kg.extractors.syntax.network import Network
from kg.text.tokens import Cut, Token

MODEL = Path(__file__).with_name("model")
BATCH = 256


@cache
def _nlp() -> Any:
    """Return the tagger pipeline (loaded on first use, once per process)."""
    import spacy  # imported here: reading a graph needs no tagger

    return spacy.load(MODEL)


@cache
def known_verbs() -> frozenset[str]:
    """Return the words the training treebank uses as base-form verbs (model/verbs.json)."""
    return frozenset(json.loads((MODEL / "verbs.json").read_text(encoding="utf-8")))


def tag_sentences(sentences: Sequence[Sequence[Token]]) -> list[list[Token]]:
    """Return each sentence's tokens with their tags, the sentences tagged as one batch."""
    return tag_cuts([[(t.i, t.text, t.start, t.end) for t in toks] for toks in sentences])


def tag_cuts(sentences: Sequence[Sequence[Cut]]) -> list[list[Token]]:
    """Return each sentence's tokens, made from its cuts with their tags, the sentences tagged in
    batches of BATCH (no spaCy `Doc` is made: see `network`)."""
    net = _network()
    words = [[c[1] for c in cs] for cs in sentences if cs]
    tags = iter([t for k in range(0, len(words), BATCH) for t in net.tags(words[k : k + BATCH])])
    return [
        [Token(i, text, start, end, tag) for (i, text, start, end), tag in zip(cs, next(tags), strict=True)]
        if cs
        else []
        for cs in sentences
    ]


@cache
def _network() -> Network:
    """Return the tagger's network (loaded on first use, once per process)."""
    return Network(_nlp())


def tagged(tokens: Sequence[Token]) -> list[Token]:
    """Return one sentence's tokens with their tags."""
    return tag_sentences([tokens])[0]
