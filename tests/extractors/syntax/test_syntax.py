"""The shipped tagger and the noun phrases read from its tags, on literal sentences."""

from __future__ import annotations

import json

from kg.extractors.syntax import tag_sentences, tagged
from kg.extractors.syntax.chunks import noun_phrase, noun_phrase_before
from kg.extractors.syntax.tagger import MODEL
from kg.text.tokens import joined, tokenize


def test_model_ships_with_its_licence() -> None:
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert "UD English EWT" in meta["description"]
    assert (MODEL / "README.md").exists()


def test_tags_of_a_clinical_sentence() -> None:
    text = "Tiotropium reduced the need for rescue inhalers in patients with asthma."
    tags = {t.text: t.tag for t in tagged(tokenize(text))}
    assert tags["reduced"] in {"VBD", "VBN"}
    assert tags["the"] == "DT"
    assert tags["inhalers"] == "NNS"
    assert tags["for"] == "IN"


def test_sentences_tagged_in_one_batch_keep_their_tokens() -> None:
    sentences = [tokenize("Pain decreased."), [], tokenize("Aspirin lowers the risk of stroke.")]
    out = tag_sentences(sentences)
    assert [len(s) for s in out] == [3, 0, 7]
    assert [t.text for t in out[2]] == [t.text for t in sentences[2]]
    assert all(t.tag for s in out for t in s)


def test_noun_phrases_from_tags() -> None:
    text = "Volunteers received partially hydrogenated soybean oil or the honey dressing group."
    tokens = tagged(tokenize(text))
    p = noun_phrase(tokens, 2, len(tokens))
    assert p is not None and joined(tokens, text, *p).endswith("soybean oil")
    q = noun_phrase_before(tokens, len(tokens) - 2)
    assert q is not None and joined(tokens, text, *q) == "honey dressing"
    assert noun_phrase(tokens, 1, len(tokens)) is None  # "received" starts no noun phrase


def test_a_unit_after_a_number_stays_inside_the_phrase() -> None:
    text = "Lambs received 5 consecutive 3 s inflations."
    tokens = tagged(tokenize(text))
    p = noun_phrase(tokens, 2, len(tokens) - 1)
    assert p is not None and joined(tokens, text, *p) == "5 consecutive 3 s inflations"
