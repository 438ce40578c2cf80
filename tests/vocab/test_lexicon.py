"""Test the lexicon's phrase matching: every hit, longest first at a start, grown word by word."""

from __future__ import annotations

from pathlib import Path

from kg.text.tokens import tokenize
from kg.vocab.lexicon import Lexicon, with_user_vocabulary
from kg.vocab.normalize import norm_word
from kg.vocab.sources import Entry

DIABETES = Entry("condition", "type 2 diabetes mellitus", "mesh")
PAIN = Entry("outcome", "pain", "vocabulary")
BACK_PAIN = Entry("condition", "low back pain", "mesh")


def _lexicon() -> Lexicon:
    lex = Lexicon()
    lex.update([("type 2 diabetes mellitus", DIABETES), ("pain", PAIN), ("low back pain", BACK_PAIN)])
    return lex


def _key(phrase: str) -> str:
    """Return a phrase's lexicon key (each word normalised: "diabetes" is "diabete")."""
    return " ".join(norm_word(w) for w in phrase.split())


def _hits(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    tokens = tokenize(text)
    return [
        (" ".join(t.text for t in tokens[m.start : m.end]), m.entries[0].label) for m in lex.matches(tokens)
    ]


def test_a_phrase_is_found_through_prefixes_that_name_nothing() -> None:
    # "type", "type 2" and "type 2 diabetes" name nothing, but each begins the four-word phrase
    assert _hits(_lexicon(), "Adults with type 2 diabetes mellitus.") == [
        ("type 2 diabetes mellitus", "type 2 diabetes mellitus")
    ]


def test_a_prefix_without_its_end_is_no_hit() -> None:
    assert _hits(_lexicon(), "Adults with type 2 diabetes.") == []


def test_overlapping_hits_longest_first() -> None:
    assert _hits(_lexicon(), "Chronic low back pain improved.") == [
        ("low back pain", "low back pain"),
        ("pain", "pain"),
    ]


def test_a_word_that_begins_no_longer_phrase_stops_the_search() -> None:
    lex = _lexicon()
    assert "pain" not in lex.prefixes  # no phrase goes on after "pain"
    assert {_key(p) for p in ("low", "low back", "type", "type 2", "type 2 diabetes")} <= lex.prefixes


def test_a_user_vocabulary_keeps_the_prefixes_of_both(tmp_path: Path) -> None:
    vocab = tmp_path / "mine.ttl"
    vocab.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix tkg: <https://w3id.org/therapy-kg/ontology#> .\n"
        '<urn:x:gait> a skos:Concept ; skos:prefLabel "gait speed over ten metres" ;\n'
        '  tkg:entityKind "outcome" .\n',
        encoding="utf-8",
    )
    lex = with_user_vocabulary(_lexicon(), [vocab])
    assert {_key("type 2 diabetes"), _key("gait speed over")} <= lex.prefixes


def test_the_built_in_lexicon_names_no_function_word() -> None:
    # the drug dictionary's "sam-e" (S-adenosylmethionine) normalises to "same"
    from kg.resources import ontology_file
    from kg.vocab.lexicon import load_lexicon

    lex = load_lexicon(ontology_file("vocabulary.ttl"))
    assert _hits(lex, "The same findings were seen") == []
    assert _hits(lex, "Metformin was given") == [("Metformin", "Metformin")]
