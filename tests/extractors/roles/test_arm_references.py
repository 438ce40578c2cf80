"""Arms named by role or label, resolved to the document's treatments, on literal sentences."""

from __future__ import annotations

from kg.extractors.roles.references import SOURCE, Roles, references
from kg.extractors.sentence import sentence_tokens
from kg.extractors.syntax import tagged
from kg.model import Finding, Mention, SentenceResult
from kg.pipeline import extract

METFORMIN = Mention("therapy", "metformin", 0, 9, "metformin", "drug")
TRIAL = "Patients with type 2 diabetes were randomised to metformin or placebo for 12 weeks. "


def _references(text: str, roles: Roles) -> list[tuple[str, str]]:
    named, _ = references(text, tagged(sentence_tokens(text)), roles)
    return [(m.text, m.label) for m in named]


def _results(text: str) -> list[SentenceResult]:
    return extract(text)


def _arm_results(text: str) -> list[tuple[str, str, str | None, str]]:
    return [
        (f.therapy.label, f.therapy.text, f.outcome.label if f.outcome else None, f.direction)
        for r in _results(text)
        for f in r.arm_results
    ]


def test_role_pair_and_label_references() -> None:
    roles = Roles({"a": METFORMIN, "b": None}, METFORMIN, METFORMIN)
    assert _references("Pain was lower in the intervention group.", roles) == [
        ("intervention group", "metformin")
    ]
    assert _references("There was no difference in pain between the two groups.", roles) == [
        ("between the two groups", "metformin")
    ]
    assert _references("Pain did not differ between treatment and control groups.", roles) == [
        ("between treatment and control groups", "metformin")
    ]
    assert _references("Pain was lower in group A.", roles) == [("group A", "metformin")]
    # a control arm's label is no therapy: it reads as "control"
    text = "Pain was higher in group B."
    named, tokens = references(text, tagged(sentence_tokens(text)), roles)
    assert named == [] and [t.lower for t in tokens][3:6] == ["in", "group", "control"]


def test_no_reference_without_a_known_arm() -> None:
    assert _references("Pain was lower in the intervention group.", Roles()) == []
    assert _references("Pain was lower in group C.", Roles({"a": METFORMIN})) == []
    assert _references(
        "There were no between\u2010group differences in pain.", Roles({}, METFORMIN, METFORMIN)
    ) == [("between\u2010group", "metformin")]


def test_arm_results_of_a_trial_report() -> None:
    text = (
        TRIAL
        + "HbA1c was lower in the intervention group than in the control group (p = 0.01). "
        + "There was no significant difference in mortality between the two groups."
    )
    assert _arm_results(text) == [
        ("metformin", "intervention group", "HbA1c", "decrease"),
        ("metformin", "between the two groups", "mortality", "no_change"),
    ]


def test_both_groups_only_state_no_difference() -> None:
    # "both groups" improved: each arm changed, no comparison between them; but alike in both groups
    text = TRIAL + "Pain decreased in both groups. Insertion success was similar in both groups."
    assert _arm_results(text) == [("metformin", "both groups", "insertion success", "no_change")]


def test_references_to_every_arm_with_a_control_named() -> None:
    # "between the treatment and placebo groups" names both arms: a control word in it makes no
    # comparator of the reference; "in either group" also refers to both
    text = (
        TRIAL
        + "There were no differences in adverse events between the treatment and placebo groups. "
        + "No change in weight occurred in either group."
    )
    assert _arm_results(text) == [
        ("metformin", "between the treatment and placebo groups", "adverse events", "no_change"),
        ("metformin", "either group", "weight", "no_change"),
    ]


def test_a_pair_of_arms_only_named_stands_for_its_most_named_arm() -> None:
    # no sentence gives the arms ("randomised to"), no arm is named twice as often as the other:
    # "no difference between the groups" still holds of the trial's most named arm
    text = (
        "Heme iron polypeptide versus iron sucrose in anaemia. "
        + "We compared heme iron polypeptide with iron sucrose in 40 patients. "
        + "Adverse events were not different between the groups."
    )
    assert _arm_results(text) == [
        ("heme iron polypeptide", "between the groups", "adverse events", "no_change")
    ]


def test_labels_listed_after_a_plural_group_noun() -> None:
    text = (
        "Metformin was prescribed to group 1 (n = 41), and placebo was prescribed to group 2 (n = 44). "
        + "The time to stone expulsion in groups 1 and 2 was 9.5 ± 4.8 days and 14.7 ± 9.8 days, "
        + "respectively (p = 0.005)."
    )
    assert _arm_results(text) == [("metformin", "1", "time to stone expulsion", "decrease")]


def test_labels_defined_in_the_methods() -> None:
    text = (
        "Group A received metformin and group B received placebo. "
        + "HbA1c was higher in group B than in group A (p = 0.02)."
    )
    assert _arm_results(text) == [("metformin", "group A", "HbA1c", "decrease")]


def test_labels_after_a_dose_or_a_preposition() -> None:
    text = (
        "Twenty patients received metformin 500 mg daily (group 1) and 21 received placebo (group 2). "
        + "HbA1c was lower in group 1 than in group 2 (p = 0.01)."
    )
    assert _arm_results(text) == [("metformin", "group 1", "HbA1c", "decrease")]
    text = "Metformin was prescribed to group 1. HbA1c was higher in group 1 than in group 2 (p = 0.01)."
    assert _arm_results(text) == [("metformin", "group 1", "HbA1c", "increase")]


def test_arm_results_are_kept_apart_from_findings() -> None:
    text = TRIAL + "HbA1c was lower in the intervention group than in the control group (p = 0.01)."
    results = _results(text)
    last = results[-1]
    assert last.findings == () and all(m.kind != "therapy" for m in last.mentions)
    assert [f.therapy.source for f in last.arm_results] == [SOURCE]
    assert all(isinstance(f, Finding) for f in last.arm_results)


def test_a_sentence_that_names_its_therapy_keeps_its_findings() -> None:
    text = TRIAL + "HbA1c was lower with metformin than with placebo (p = 0.01)."
    last = _results(text)[-1]
    assert [f.therapy.label for f in last.findings] == ["metformin"] and last.arm_results == ()


def test_two_active_arms_name_no_intervention_group() -> None:
    text = (
        "Patients were randomised to metformin or glimepiride. "
        + "HbA1c was lower in the intervention group than in the control group (p = 0.01)."
    )
    assert _arm_results(text) == []
