"""The registry of claim readers: names, order, the checks on registration, and the reader that
reads each construction, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extractors.claims.readers import (
    NO_CLAIM,
    ReaderError,
    Reading,
    Site,
    claim_reader,
    claim_readers,
    read_trigger,
    reader_order,
)
from kg.model import SentenceResult
from kg.text.tokens import tokenize


def test_readers_have_unique_names_and_trigger_words() -> None:
    readers = claim_readers()
    names = [r.name for r in readers]
    assert len(names) == len(set(names)) and len(names) >= 25
    assert all(r.words and all(w == w.lower() for w in r.words) for r in readers)
    # specific constructions are asked before the generic ones that would also take their words
    assert names.index("design-word") < names.index("passive") < names.index("verb-object")
    assert (
        names.index("effective-in") < names.index("comparative-quality") < names.index("comparative-object")
    )


def test_a_name_registers_once_and_needs_words() -> None:
    def nothing(site: Site) -> Reading | None:
        return None

    with pytest.raises(ReaderError, match="twice"):
        claim_reader("passive", {"x"})(nothing)
    with pytest.raises(ReaderError, match="no trigger words"):
        claim_reader("a-new-reader-without-words", set())(nothing)


def test_the_order_file_lists_every_reader_once() -> None:
    # readers.json is the order of all readers: none missing, none stale
    assert [r.name for r in claim_readers()] == list(reader_order())


def test_a_reader_outside_the_order_file_is_refused() -> None:
    def nothing(site: Site) -> Reading | None:
        return None

    with pytest.raises(ReaderError, match=r"not in the order of readers\.json"):
        claim_reader("a-reader-nobody-ordered", {"x"})(nothing)


def test_most_words_start_no_reader() -> None:
    tokens = tokenize("The patients and their families visited the clinic on Mondays.")
    assert all(read_trigger(tokens, t.i, len(tokens)) is None for t in tokens)


def test_a_design_word_is_no_claim() -> None:
    tokens = tokenize("This was a controlled trial.")
    found = read_trigger(tokens, 3, len(tokens))
    assert found == (NO_CLAIM, "design-word")


@pytest.mark.parametrize(
    ("text", "reader"),
    [
        ("Pain was reduced by ibuprofen.", "passive"),
        ("Ibuprofen reduced pain.", "verb-object"),
        ("There was no significant difference in pain between ibuprofen and placebo.", "no-difference"),
        ("Hazard ratio 0.68 for death was reported with ibuprofen.", "ratio"),
        ("Nausea occurred in 12% of the ibuprofen group and 4% of the placebo group.", "rates-in-arms"),
        ("Ibuprofen was associated with gastric bleeding.", "association"),
        ("Ibuprofen was superior to placebo in terms of pain relief.", "superiority"),
        ("Pain decreased after ibuprofen.", "intransitive"),
    ],
)
def test_each_construction_is_read_by_its_reader(
    one: Callable[[str], SentenceResult], text: str, reader: str
) -> None:
    findings = one(text).findings
    assert findings, text
    assert {f.evidence.found_by for f in findings} == {reader}
