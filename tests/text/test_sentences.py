"""Test sentence splitting: abbreviations, decimals, citations at sentence ends, paragraphs, offsets."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import Sentence
from kg.text.sentences import MAX_SENTENCE_CHARS, split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def _check_offsets(text: str, sentences: list[Sentence]) -> None:
    """Every sentence is the verbatim, trimmed slice of the text at its offsets, in order, disjoint."""
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
    for a, b in itertools.pairwise(sentences):
        assert a.end <= b.start
    assert [s.index for s in sentences] == list(range(len(sentences)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "et al." followed by a lower-case verb is an abbreviation, not a sentence end
        (
            "Smith et al. reported lower pain scores. The effect persisted.",
            ["Smith et al. reported lower pain scores.", "The effect persisted."],
        ),
        # "et al." followed by a year: pysbd splits there, the splitter glues the piece back
        (
            "Jones et al. 2019 showed more sleep. Mood was unchanged.",
            ["Jones et al. 2019 showed more sleep.", "Mood was unchanged."],
        ),
        # "e.g." in the middle of a sentence
        (
            "Adverse events, e.g. nausea, were rare. Most resolved.",
            ["Adverse events, e.g. nausea, were rare.", "Most resolved."],
        ),
        # "i.e." in the middle of a sentence
        (
            "The main outcome, i.e. pain, improved. Sleep did not.",
            ["The main outcome, i.e. pain, improved.", "Sleep did not."],
        ),
        # a decimal dose: the point in "2.5" is not a boundary
        (
            "Patients received 2.5 mg daily. Doses were titrated.",
            ["Patients received 2.5 mg daily.", "Doses were titrated."],
        ),
        # "Fig. 2": an abbreviation followed by a number
        (
            "Results are shown in Fig. 2 for all groups. The curve is flat.",
            ["Results are shown in Fig. 2 for all groups.", "The curve is flat."],
        ),
        # "vs." between two decimals
        (
            "Pain fell by 2.5 points vs. 1.2 with placebo. Sleep improved.",
            ["Pain fell by 2.5 points vs. 1.2 with placebo.", "Sleep improved."],
        ),
        # a numeric citation before the full stop stays with its sentence
        (
            "Baclofen reduced spasticity (17). Pumps were safe.",
            ["Baclofen reduced spasticity (17).", "Pumps were safe."],
        ),
        # a bracketed list of reference numbers before the full stop
        (
            "Baclofen reduced spasticity [12, 13]. Pumps were safe.",
            ["Baclofen reduced spasticity [12, 13].", "Pumps were safe."],
        ),
        # an author-year citation without a comma before the year
        (
            "Baclofen reduced dystonia (Eek et al 2018). Sitting improved.",
            ["Baclofen reduced dystonia (Eek et al 2018).", "Sitting improved."],
        ),
        # two author-year citations with "et al.," and ";" inside the brackets
        (
            "Pain decreased (Smith et al., 2019; Jones 2020). Sleep improved.",
            ["Pain decreased (Smith et al., 2019; Jones 2020).", "Sleep improved."],
        ),
        # a narrative citation "White et al. (2018)" opens the sentence it belongs to
        (
            "White et al. (2018) found benefit. Others did not.",
            ["White et al. (2018) found benefit.", "Others did not."],
        ),
        # thousands separator and "n = 54" inside brackets
        (
            "Doses of 1,000 mg were used (n = 54). Sleep improved.",
            ["Doses of 1,000 mg were used (n = 54).", "Sleep improved."],
        ),
    ],
)
def test_abbreviations_decimals_and_citations_do_not_split(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    _check_offsets(text, sentences)


def test_three_citation_styles_in_one_paragraph() -> None:
    # each sentence keeps its own closing citation; none becomes a sentence of its own
    text = "Pain fell (Smith et al., 2019; Jones 2020). Sleep improved (Eek et al 2018). Mood improved [4]."
    assert _texts(text) == [
        "Pain fell (Smith et al., 2019; Jones 2020).",
        "Sleep improved (Eek et al 2018).",
        "Mood improved [4].",
    ]


def test_blank_line_ends_a_paragraph_without_punctuation() -> None:
    # a heading without a full stop, then a blank line, is a sentence of its own
    text = "Results\n\nBaclofen reduced pain. Sleep improved."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Results", "Baclofen reduced pain.", "Sleep improved."]
    _check_offsets(text, sentences)


def test_line_break_after_punctuation_ends_a_sentence() -> None:
    # one sentence per line, including lines that end with a citation, and a Windows line ending
    text = "Baclofen reduced pain (17).\nSleep improved [12, 13].\r\nMood improved."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Baclofen reduced pain (17).",
        "Sleep improved [12, 13].",
        "Mood improved.",
    ]
    _check_offsets(text, sentences)


def test_markdown_heading_line() -> None:
    # a Markdown heading line is not glued to the paragraph under it
    assert _texts("# Results\nBaclofen reduced pain. Sleep improved.") == [
        "# Results",
        "Baclofen reduced pain.",
        "Sleep improved.",
    ]


def test_soft_line_break_inside_a_sentence_does_not_split() -> None:
    # hard-wrapped prose: the line break after "reduced" is a space, not a sentence end
    text = "Intrathecal baclofen reduced\nspasticity in children with cerebral palsy. Sleep improved."
    assert _texts(text) == [
        "Intrathecal baclofen reduced\nspasticity in children with cerebral palsy.",
        "Sleep improved.",
    ]


def test_offsets_point_into_the_text_with_surrounding_whitespace() -> None:
    # leading and trailing spaces, doubled spaces, tabs and blank lines are trimmed, offsets stay exact
    text = "  \n  Baclofen reduced pain.   Sleep improved.\t\n\n\n  Mood  improved (17).  \n"
    sentences = split_sentences(text, "doc.txt")
    assert [s.text for s in sentences] == [
        "Baclofen reduced pain.",
        "Sleep improved.",
        "Mood  improved (17).",
    ]
    assert {s.doc_id for s in sentences} == {"doc.txt"}
    _check_offsets(text, sentences)


def test_offsets_with_non_ascii_text() -> None:
    # curly quotes, an en dash and a non-breaking space do not shift the offsets
    text = "Crohn’s disease improved – markedly. “Quoted text.” Next\u00a0sentence here."
    sentences = split_sentences(text)
    assert len(sentences) == 3
    _check_offsets(text, sentences)


def test_sentences_never_overlap_with_spaced_ellipsis() -> None:
    # ". ..." after a word: pysbd re-finds "..." inside the first sentence's span
    text = "Baclofen .... Baclofen "
    _check_offsets(text, split_sentences(text))


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n  \n"])
def test_empty_or_whitespace_text_has_no_sentences(text: str) -> None:
    # nothing to split: no empty sentences
    assert split_sentences(text) == []


WORDS = st.sampled_from(
    [
        "Baclofen",
        "reduced",
        "pain",
        "in",
        "patients",
        "et al.",
        "e.g.",
        "i.e.",
        "Fig. 2",
        "2.5 mg",
        "(17)",
        "[12, 13]",
        "(Eek et al 2018)",
        "(Smith et al., 2019; Jones 2020)",
        "vs.",
        "Dr.",
        "ITB",
        "(ITB)",
        "“quoted”",
        "Crohn's",
        "1,208",
        "n = 54",
        "U.S.",
        "p < 0.05",
        "?",
        "!",
        "—",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", ". ", ".\n", "\n", "\n\n", ", ", "; ", ": "])


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=20).map(
        lambda xs: "".join(a + b for a, b in xs)
    )
)
def test_offsets_and_coverage_property(text: str) -> None:
    # every sentence is exact, sentences do not overlap, and no non-space character is dropped
    sentences = split_sentences(text)
    _check_offsets(text, sentences)
    covered = {i for s in sentences for i in range(s.start, s.end)}
    assert all(c.isspace() or i in covered for i, c in enumerate(text))


@pytest.mark.parametrize(
    "text",
    [
        "word " * 2000,  # a run-on line with no sentence end
        "x" * 4000,  # one token with no space at all
        ("a " * 700) + "\n" + ("b " * 900),  # soft line breaks inside
    ],
)
def test_overlong_sentences_are_cut_into_bounded_pieces(text: str) -> None:
    sentences = split_sentences(text)
    _check_offsets(text, sentences)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    covered = {i for s in sentences for i in range(s.start, s.end)}
    assert all(c.isspace() or i in covered for i, c in enumerate(text))


def test_a_non_ascii_capital_starts_a_sentence() -> None:
    # "Á" is outside A-Z: the boundary before it is as plain as one before "A"
    text = "Placebo did not help (Smith et al., 1987). Ánalapril improved sleep."
    assert _texts(text) == ["Placebo did not help (Smith et al., 1987).", "Ánalapril improved sleep."]


def test_a_lower_case_non_ascii_letter_starts_no_sentence() -> None:
    assert _texts("Doses were 5 mg. élevées doses were not used.") == [
        "Doses were 5 mg. élevées doses were not used."
    ]


def test_an_abbreviation_leaves_the_plain_boundaries_around_it_alone() -> None:
    # only the stretch holding "p." goes to pysbd; the plain boundaries before and after still cut
    text = (
        "Sleep improved. Deftan improved mortality in adults with p. jirovecii pneumonia [39]. "
        "Acrichine did not reduce remission."
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Sleep improved.",
        "Deftan improved mortality in adults with p. jirovecii pneumonia [39].",
        "Acrichine did not reduce remission.",
    ]
    _check_offsets(text, sentences)


@pytest.mark.parametrize(
    "text",
    [
        "Patients (n = 40) received e.g. 1) baclofen or 2) tizanidine.",  # after an abbreviation
        "Aims were\n1) to reduce pain and\n2) to improve gait.",  # items on their own lines
        "Aims were:\n1. to reduce pain and\n2. to improve gait.",
    ],
)
def test_an_enumeration_in_lower_case_splits_no_sentence(text: str) -> None:
    assert [s.text for s in split_sentences(text, "d")] == [text]


def test_enumerated_sentences_stay_apart() -> None:
    # items that are sentences of their own (a capital after the number) are still split
    text = "We report two findings.\n1. Baclofen reduced spasticity.\n2. Tizanidine reduced pain."
    assert [s.text for s in split_sentences(text, "d")] == [
        "We report two findings.",
        "1. Baclofen reduced spasticity.",
        "2. Tizanidine reduced pain.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Randomised trial of aspirin versus clopidogrel after stenting in Norway The aim was to "
            "compare bleeding.",
            [
                "Randomised trial of aspirin versus clopidogrel after stenting in Norway",
                "The aim was to compare bleeding.",
            ],
        ),
        (
            "Metformin for Weight Loss in Adolescents: A Randomised Controlled Trial In this trial, "
            "96 adolescents took part.",
            [
                "Metformin for Weight Loss in Adolescents: A Randomised Controlled Trial",
                "In this trial, 96 adolescents took part.",
            ],
        ),
        (
            "Pump effect on hypotension during cesarean section: A double blind clinical trial "
            "Spinal anesthesia is a standard technique.",
            [
                "Pump effect on hypotension during cesarean section: A double blind clinical trial",
                "Spinal anesthesia is a standard technique.",
            ],
        ),
        (
            # a design word before a lower-case word ("Study of") ends no title
            "Drugs in pregnancy: McMaster Outcome Study of Hypertension In Pregnancy 2 (MOS HIP 2) "
            "Uncertainty remains about their effects.",
            [
                "Drugs in pregnancy: McMaster Outcome Study of Hypertension In Pregnancy 2 (MOS HIP 2)",
                "Uncertainty remains about their effects.",
            ],
        ),
        (
            "Signatures on a covering letter: randomised controlled trial [ISRCTN67566265] It is "
            "important that response rates are high.",
            [
                "Signatures on a covering letter: randomised controlled trial [ISRCTN67566265]",
                "It is important that response rates are high.",
            ],
        ),
    ],
)
def test_a_title_without_its_period_ends_before_a_sentence_opener(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Patients in Group A received morphine and those in group B received ketorolac.",
        "Results were published in The Lancet last year.",
        "Children vaccinated against hepatitis A had fewer infections.",
        "Short A text.",
    ],
)
def test_a_capitalised_opener_inside_a_phrase_splits_nothing(text: str) -> None:
    assert [s.text for s in split_sentences(text)] == [text]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "B", "1", ".", "!", ")", "(", "[", '"', " ", "\n", "\u00a0", "é", "Á", "e.g."]),
        max_size=40,
    )
)
def test_plain_boundaries_are_those_of_the_pattern_without_its_lookbehind(parts: list[str]) -> None:
    import re

    from kg.text.sentences import BOUNDARY, BOUNDARY_RE

    text = "".join(parts)
    found = [(m.span(), m.groups()) for m in BOUNDARY_RE.finditer(text)]
    assert found == [(m.span(), m.groups()) for m in re.finditer(BOUNDARY, text)]
