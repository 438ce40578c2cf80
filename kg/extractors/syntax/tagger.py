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
    """Return each sentence's tokens, made from its cuts with their tags, the sentences tagged as
    one batch."""
    from spacy.attrs import TAG
    from spacy.tokens import Doc

    nlp = _nlp()
    strings = nlp.vocab.strings
    docs = [Doc(nlp.vocab, words=[c[1] for c in cs], spaces=_spaces(cs)) for cs in sentences if cs]
    tagged_docs = iter(nlp.pipe(docs, batch_size=BATCH))
    out: list[list[Token]] = []
    for cs in sentences:
        if not cs:
            out.append([])
            continue
        # the tags as one array of string ids: no spaCy token object is made for each word
        tags = [strings[h] for h in next(tagged_docs).to_array(TAG).tolist()]
        out.append(
            [Token(i, text, start, end, tag) for (i, text, start, end), tag in zip(cs, tags, strict=True)]
        )
    return out


def tagged(tokens: Sequence[Token]) -> list[Token]:
    """Return one sentence's tokens with their tags."""
    return tag_sentences([tokens])[0]


def _spaces(cuts: Sequence[Cut]) -> list[bool]:
    """Return whether each token is followed by a space (a gap before the next token)."""
    return [a[3] < b[2] for a, b in itertools.pairwise(cuts)] + [False]
