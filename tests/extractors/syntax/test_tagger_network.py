"""The tagger's network run on words gives the tags of spaCy's own pipeline."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extractors.syntax import network
from kg.extractors.syntax.network import Network
from kg.extractors.syntax.tagger import _nlp
from kg.text.tokens import tokenize

SENTENCES = [
    "Intrathecal baclofen (ITB) did not reduce spasticity in patients with multiple sclerosis.",
    "HbA1c fell by 0.59% (95% CI 0.41-0.77; p < 0.001) with empagliflozin 25 mg once daily.",
    "Pain decreased.",
    "Volunteers received partially hydrogenated soybean oil or the honey dressing group.",
    "The mean (SD) Ashworth score was 2.1 (0.8) at 12 weeks versus 2.9 (0.7) with placebo.",
]


def _spacy_tags(words: list[list[str]]) -> list[list[str]]:
    nlp = _nlp()
    docs = [Doc(nlp.vocab, words=w) for w in words]
    return [[t.tag_ for t in doc] for doc in nlp.pipe(docs)]


def test_tags_are_spacys() -> None:
    words = [[t.text for t in tokenize(s)] for s in SENTENCES]
    net = Network(_nlp())
    assert net.tags(words) == _spacy_tags(words)
    # read again, one at a time, every embedding from the table
    assert [net.tags([w])[0] for w in words] == _spacy_tags(words)


def test_a_full_table_starts_again(monkeypatch) -> None:
    monkeypatch.setattr(network, "FIRST_ROWS", 2)
    monkeypatch.setattr(network, "MAX_ROWS", 24)
    words = [[t.text for t in tokenize(s)] for s in SENTENCES]
    net = Network(_nlp())
    assert [net.tags([w])[0] for w in words] == _spacy_tags(words)
    assert len(net._rows) < 24
