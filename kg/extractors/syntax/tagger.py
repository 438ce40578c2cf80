"""Tag the tokens of sentences with the part-of-speech tagger shipped in `model/`.

The tagger is a spaCy pipeline (a small CNN token-to-vector layer and a softmax tagger) trained by
`tools/syntax/train.py` on the Universal Dependencies English Web Treebank, re-tokenised the way
`kg.text.tokens.tokenize` cuts words, so that it reads the extractors' own tokens. It is loaded once
per process; documents are tagged a batch of sentences at a time."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from kg.text.tokens import Token

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
    from spacy.attrs import TAG
    from spacy.tokens import Doc

    nlp = _nlp()
    strings = nlp.vocab.strings
    docs = [Doc(nlp.vocab, words=[t.text for t in toks], spaces=_spaces(toks)) for toks in sentences if toks]
    tagged_docs = iter(nlp.pipe(docs, batch_size=BATCH))
    out: list[list[Token]] = []
    for toks in sentences:
        if not toks:
            out.append([])
            continue
        # the tags as one array of string ids: no spaCy token object is made for each word
        tags = [strings[h] for h in next(tagged_docs).to_array(TAG).tolist()]
        out.append([Token(t.i, t.text, t.start, t.end, tag) for t, tag in zip(toks, tags, strict=True)])
    return out


def tagged(tokens: Sequence[Token]) -> list[Token]:
    """Return one sentence's tokens with their tags."""
    return tag_sentences([tokens])[0]


def _spaces(tokens: Sequence[Token]) -> list[bool]:
    """Return whether each token is followed by a space (a gap before the next token)."""
    return [a.end < b.start for a, b in itertools.pairwise(tokens)] + [False]
