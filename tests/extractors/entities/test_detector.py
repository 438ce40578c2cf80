"""The abbreviation detector's own matchers find what spaCy's Matcher finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extractors.entities.detector import OrthMatcher, pipeline

WORDS = ["ITB", "(", ")", "a", "b", "CBT", "'s"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=40),
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3), max_size=4),
)
def test_short_forms_are_found_where_spacy_finds_them(words: list[str], shorts: list[list[str]]) -> None:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

    vocab = pipeline().vocab
    doc = Doc(vocab, words=words)
    ours, spacys = OrthMatcher(vocab), Matcher(vocab)
    for k, short in enumerate(shorts):
        pattern = [[{"ORTH": w} for w in short]]
        ours.add(f"long {k % 3}", pattern)  # a key may come again: its patterns add up
        spacys.add(f"long {k % 3}", pattern)
    assert sorted(ours(doc)) == sorted(spacys(doc))  # each match once, as spaCy gives it
    for k in {k % 3 for k in range(len(shorts))}:
        ours.remove(f"long {k}")
    assert ours(doc) == []


def test_a_short_form_is_found_wherever_it_occurs() -> None:
    doc = pipeline()("Intrathecal baclofen (ITB) helps. ITB is safe; ITB's effect.")
    assert sorted(s.text for s in doc._.abbreviations) == ["ITB", "ITB", "ITB"]
