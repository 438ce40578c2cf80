"""Test citation markers, study designs and sample sizes found in a sentence."""

from __future__ import annotations

import pytest

from kg.extractors.studies.citations import (
    citation_spans,
    citations,
    design,
    listed_citations,
    sample_size,
    studies,
)
from kg.model import Study


def _keys(text: str) -> list[str]:
    return [c for c, _, _ in citations(text)]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Baclofen reduced spasticity (17).", ["17"]),  # one number in round brackets
        ("Baclofen reduced spasticity [17].", ["17"]),  # one number in square brackets
        ("Baclofen reduced spasticity (12, 13).", ["12", "13"]),  # a list: one key each
        ("Baclofen reduced spasticity (12-14).", ["12", "13", "14"]),  # a range is expanded
        ("Baclofen reduced spasticity (12–14).", ["12", "13", "14"]),  # an en-dash range
        ("Baclofen reduced spasticity [5, 7-8].", ["5", "7", "8"]),  # a list with a range in it
        ("Baclofen reduced dystonia (Eek et al 2018).", ["Eek et al 2018"]),  # author-year, as written
        # two author-year references separated by ";" are two citations
        ("Pain decreased (Smith et al., 2019; Jones 2020).", ["Smith et al., 2019", "Jones 2020"]),
    ],
)
def test_bracketed_citations(text: str, keys: list[str]) -> None:
    assert _keys(text) == keys


def test_citation_span_covers_the_brackets() -> None:
    # the span of every key is the whole bracketed marker
    text = "Baclofen reduced spasticity (12, 13) in adults."
    assert {(s, e) for _, s, e in citations(text)} == {(text.index("("), text.index(")") + 1)}
    assert citation_spans(text) == [(text.index("("), text.index(")") + 1)]


def test_narrative_citation_is_one_citation_and_no_reference_number() -> None:
    # "White et al. (2018)": the year in brackets is not reference number 2018
    keys = _keys("White et al. (2018) showed less pain after baclofen.")
    assert keys == ["White et al. 2018"]
    assert "2018" not in keys


def test_narrative_citation_with_two_authors() -> None:
    # "Smith and Jones (2019)" keeps both names
    assert _keys("Smith and Jones (2019) showed less pain.") == ["Smith and Jones 2019"]


def test_numeric_and_author_year_in_one_sentence() -> None:
    # both kinds of marker in one sentence are all reported
    assert sorted(_keys("Pain fell (3), as shown before (Eek et al 2018).")) == ["3", "Eek et al 2018"]


@pytest.mark.parametrize(
    "text",
    [
        "Mortality was similar (27.9% vs 28.8%).",  # percentages
        "The risk of relapse fell (hazard ratio 0.59).",  # an effect size
        "Intrathecal baclofen (ITB) reduces spasticity.",  # an abbreviation definition
        "Patients took baclofen (200 mg per day).",  # a dose
        "The risk fell (HR 0.59, 95% CI 0.40-0.80).",  # a confidence interval with a range
        "Pain fell (p = 0.03).",  # a p value
        "Pain fell (n = 54).",  # a sample size
        "Pain fell (see Table 2).",  # a table reference
        "Pain fell at 12 months (range 6-24).",  # a range with a word before it
        "Pain fell in 2018 in most patients.",  # a bare year outside brackets
    ],
)
def test_non_citations_are_ignored(text: str) -> None:
    assert _keys(text) == []
    assert citation_spans(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Admissions were counted over five years (1993-1997).",  # a span of years
        "Patients were enrolled in two periods (1993-1997, 2001-2004).",  # spans of years
        "Glucose was traced with (13)C labelling.",  # an isotope glued to its element
        "Cells were frozen in Me(2)SO before thawing.",  # a subscript inside a formula
        "Outcomes were (1) pain, (2) tone and (3) function.",  # an enumerated list
        "The trial ran for (2019) months.",  # a bare year is no reference number
    ],
)
def test_numbers_in_brackets_that_are_not_citations(text: str) -> None:
    # a citation needs the shape and place of one: not glued to a word, not years, not a list item
    assert _keys(text) == []
    assert citation_spans(text) == []


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Pain fell (3), as shown before.", ["3"]),  # before punctuation
        ("Pain fell (3) (Eek et al 2018).", ["3", "Eek et al 2018"]),  # before another marker
        ("Annane and colleagues [56] found less shock.", ["56"]),  # square brackets anywhere
        ("Pain fell (12, 13) in adults.", ["12", "13"]),  # a list of numbers anywhere
    ],
)
def test_numbers_in_brackets_that_are_citations(text: str, keys: list[str]) -> None:
    assert sorted(_keys(text)) == sorted(keys)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In a randomized controlled trial, pain fell.", "randomized controlled trial"),
        ("Patients were randomly assigned to baclofen or placebo.", "randomized controlled trial"),
        # British spelling and a list of attributes between "randomised" and "trial"
        (
            "A randomised, double-blind, placebo-controlled trial showed benefit.",
            "randomized controlled trial",
        ),
        ("In two RCTs pain fell.", "randomized controlled trial"),  # the acronym
        ("A prospective cohort study of 200 adults found benefit.", "prospective cohort study"),
        # "prospective" wins over the "observational" and "cohort study" it also contains
        (
            "A single center prospective observational cohort study concluded benefit.",
            "prospective cohort study",
        ),
        ("A retrospective study has shown benefit.", "retrospective study"),
        ("A retrospective review of records showed benefit.", "retrospective study"),
        # "review of records" is a retrospective study, not a (literature) review
        ("A review of records of all persons with cerebral palsy showed benefit.", "retrospective study"),
        ("A chart review showed benefit.", "retrospective study"),
        ("A case series of 5 patients showed benefit.", "case series"),
        ("We describe a case report of a child.", "case report"),
        ("A cross-sectional study of nurses found benefit.", "cross-sectional study"),
        ("A systematic review found no benefit.", "systematic review"),
        ("A Cochrane systematic review found no benefit.", "systematic review"),
        ("A Cochrane review found no benefit.", "systematic review"),
        # the meta-analysis is the design; the trials it pools are not
        ("A meta-analysis of 12 randomized trials found benefit.", "meta-analysis"),
        ("In a pooled analysis pain fell.", "meta-analysis"),
        ("A review of the literature found benefit.", "review"),
        ("An observational study found benefit.", "observational study"),
        ("An open-label study of baclofen found benefit.", "open-label study"),
        ("A single-arm open-label trial found benefit.", "open-label study"),
        # a crossover trial and a placebo-controlled trial are randomised comparisons
        (
            "In a crossover trial of 24 children, melatonin shortened sleep latency.",
            "randomized controlled trial",
        ),
        ("A placebo-controlled trial showed benefit.", "randomized controlled trial"),
        # a case-control study and registry data are observational
        ("A nested case-control study showed harm.", "observational study"),
        ("Registry data from 12 countries showed benefit.", "observational study"),
        # a report of one patient is a case report even without the words "case report"
        ("We report a case of a man who developed agranulocytosis.", "case report"),
        ("Baclofen reduces spasticity in children with cerebral palsy.", None),  # no design at all
    ],
)
def test_study_design(text: str, expected: str | None) -> None:
    assert design(text) == expected


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("In a trial of 1,208 patients pain fell.", 1208),  # thousands separator
        ("Pain fell in the baclofen group (n = 54).", 54),  # "n = 54"
        ("Pain fell (N=54).", 54),  # upper case, no spaces
        ("In 30 children with cerebral palsy pain fell.", 30),  # another word for patients
        ("At 12 months, 45 adult patients were pain free.", 45),  # "12 months" is not a sample size
        ("Baclofen reduces spasticity.", None),  # no number
        ("A dose of 200 mg was given in 2018.", None),  # numbers that are not people
        ("A meta-analysis of 12 randomized trials found benefit.", None),  # trials are not patients
    ],
)
def test_sample_size(text: str, n: int | None) -> None:
    assert sample_size(text) == n


def test_studies_carry_design_and_sample_size() -> None:
    # each citation becomes a study with the sentence's design, sample size and marker span
    text = "A randomized trial of 1,208 patients showed benefit (Smith et al., 2019; Jones 2020)."
    found = studies(text)
    assert [s.citation for s in found] == ["Smith et al., 2019", "Jones 2020"]
    assert {s.design for s in found} == {"randomized controlled trial"}
    assert {s.sample_size for s in found} == {1208}
    assert all(text[s.start : s.end] == "(Smith et al., 2019; Jones 2020)" for s in found)


def test_described_study_without_citation() -> None:
    # a sentence that describes a study but cites nothing gives one study without a citation
    assert studies("A retrospective review of records of 40 patients showed benefit.") == (
        Study(None, "retrospective study", 40),
    )


def test_no_study_in_a_plain_sentence() -> None:
    assert studies("Baclofen reduces spasticity.") == ()


def test_repeated_citation_is_one_study() -> None:
    # the same reference twice in a sentence is one study
    assert [s.citation for s in studies("Pain fell (4) and sleep improved (4).")] == ["4"]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Okafor and colleagues (1) showed less pain.", ["1"]),  # in the list: a citation
        ("Okafor and colleagues (7) showed less pain.", []),  # not in the list
        ("Outcomes were (1) pain and (2) tone.", []),  # two: an enumeration
        ("(1) Baclofen reduced pain.", []),  # opening the sentence: an item
        ("Pain fell (1).", []),  # already a citation by its place: not listed again
    ],
)
def test_a_reference_list_makes_a_number_mid_sentence_a_citation(text: str, keys: list[str]) -> None:
    assert [k for k, _, _ in listed_citations(text, {"1", "2"})] == keys
