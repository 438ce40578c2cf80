"""Findings on sentences written for these tests: direction, negation, hedging, coordination,
comparators, passive voice and populations. Each case names the construction it covers."""

from __future__ import annotations

from collections.abc import Callable

from findings_view import claims

from kg.model import SentenceResult

One = Callable[[str], SentenceResult]


def test_active_verb_with_population_after_patients_with(one: One) -> None:
    # "improved X": X is a good thing, so it increases; the condition follows "patients with"
    r = one(
        "Pembrolizumab significantly improved overall survival in patients with metastatic "
        "non-small-cell lung cancer."
    )
    assert claims(r) == {
        ("pembrolizumab", "metastatic non-small-cell lung cancer", "overall survival", "increase")
    }


def test_improvement_of_a_harm_is_a_decrease(one: One) -> None:
    # "improvement in pain" lowers pain; "improvement in walking" raises walking
    r = one("Acupuncture led to an improvement in pain and walking in adults with knee osteoarthritis.")
    got = {(o, d) for _, _, o, d in claims(r)}
    assert ("pain", "decrease") in got
    assert ("walking", "increase") in got


def test_passive_voice_takes_the_therapy_after_by(one: One) -> None:
    # the outcome is the subject; the therapy follows "by"
    r = one(
        "Exacerbations were significantly reduced by tiotropium in adults with moderate-to-severe asthma."
    )
    assert claims(r) == {("tiotropium", "moderate-to-severe asthma", "exacerbations", "decrease")}


def test_comparator_is_kept_apart(one: One) -> None:
    # "than those receiving warfarin": warfarin is the comparison arm, recorded but not claimed
    r = one("Patients receiving apixaban had fewer major bleeding events than those receiving warfarin.")
    assert claims(r) == {("apixaban", None, "major bleeding events", "decrease")}
    assert all(f.comparator is not None and f.comparator.label == "warfarin" for f in r.findings)


def test_associated_with_lower_risk(one: One) -> None:
    # statistical phrasing: "was associated with a lower risk of X" lowers X
    r = one("Statin therapy was associated with a lower risk of stroke in older adults.")
    ((t, _, o, d),) = claims(r)
    assert t == "statin therapy" and "stroke" in o and d == "decrease"


def test_no_significant_difference_is_negated_no_change(one: One) -> None:
    # "no significant difference in X between A and B": no change, negated, B is the comparator
    r = one("There was no significant difference in HbA1c between sitagliptin and glimepiride.")
    assert claims(r) == {("sitagliptin", None, "HbA1c", "no_change")}
    f = r.findings[0]
    assert f.negated and f.evidence.negation_cue == "no significant difference"


def test_did_not_reduce(one: One) -> None:
    # a negated claim: the direction is no change and the cue is recorded
    r = one("Sertraline did not reduce depressive symptoms in children with autism.")
    assert claims(r) == {("sertraline", "autism", "depressive symptoms", "no_change")}
    assert r.findings[0].negated and r.findings[0].evidence.negation_cue == "did not"


def test_negation_scope_ends_at_rather(one: One) -> None:
    # "did not increase X and, rather, increased Y": only X is negated
    r = one(
        "The drug did not increase mortality and, rather, contributed to an increase in survival "
        "in patients treated with ivabradine."
    )
    got = {
        o: (d, f) for o, d, f in ((f.outcome.label, f.direction, f.negated) for f in r.findings if f.outcome)
    }
    assert got["mortality"] == ("no_change", True)
    assert got["survival"] == ("increase", False)


def test_without_causing(one: One) -> None:
    # "without increasing X" is a claim of no change in X
    r = one("Aspirin plus clopidogrel reduced recurrent stroke without increasing haemorrhage [12-14].")
    assert claims(r) == {
        ("aspirin plus clopidogrel", None, "recurrent stroke", "decrease"),
        ("aspirin plus clopidogrel", None, "haemorrhage", "no_change"),
    }
    assert {s.citation for s in r.studies} == {"12", "13", "14"}


def test_hedged_claim_records_the_cue(one: One) -> None:
    # "may improve": the finding is hedged and the cue kept
    r = one("Cognitive behavioural therapy may improve sleep quality in adults with chronic insomnia.")
    assert claims(r) == {("cognitive behavioural therapy", "chronic insomnia", "sleep quality", "increase")}
    assert r.findings[0].hedged and r.findings[0].evidence.hedge_cue == "may"


def test_more_frequent_with_subject_list(one: One) -> None:
    # "X and Y were more frequent with A than with B": both rise with A; B is the comparator
    r = one("Nausea and vomiting were more frequent with cisplatin than with carboplatin.")
    assert claims(r) == {
        ("cisplatin", None, "nausea", "increase"),
        ("cisplatin", None, "vomiting", "increase"),
    }


def test_coordinated_objects_and_two_verbs(one: One) -> None:
    # two verbs, each with its own object, one therapy, a population after "in"
    r = one("Deep brain stimulation reduced tremor and improved quality of life in Parkinson's disease.")
    assert claims(r) == {
        ("deep brain stimulation", "Parkinson's disease", "tremor", "decrease"),
        ("deep brain stimulation", "Parkinson's disease", "quality of life", "increase"),
    }


def test_coordinated_subject_therapies(one: One) -> None:
    # "A and B reduced X": both therapies make the claim
    r = one("Both losartan and candesartan lowered blood pressure in patients with hypertension.")
    assert {t for t, _, _, _ in claims(r)} == {"losartan", "candesartan"}


def test_intransitive_change(one: One) -> None:
    # "X decreased after A": the subject changed
    r = one("Tumour size decreased after radiotherapy in patients with glioblastoma.")
    assert claims(r) == {("radiotherapy", "glioblastoma", "tumour size", "decrease")}


def test_therapy_and_condition_without_outcome(one: One) -> None:
    # no change is claimed: the finding links therapy and condition with an unspecified direction
    r = one("Lithium is the first-line treatment for patients with bipolar disorder.")
    assert claims(r) == {("lithium", "bipolar disorder", None, "unspecified")}


def test_allocation_sentence_claims_nothing(one: One) -> None:
    # a trial's arms are no finding
    r = one("Patients with heart failure were randomly assigned to sacubitril or enalapril.")
    assert r.findings == ()


def test_a_sentence_of_measurements_names_no_indication(one: One) -> None:
    # what was recorded is a method: "analgesic for postoperative pain" is no finding there
    r = one("Heart rate, blood pressure and the first analgesic for postoperative pain were recorded.")
    assert r.findings == ()


def test_a_therapy_that_a_phrase_is_about_has_no_indication(one: One) -> None:
    r = one("Data concerning artesunate for severe malaria in Africa are lacking.")
    assert r.findings == ()
    r = one("Artesunate is the treatment of choice for severe malaria in Africa.")
    assert claims(r) == {("artesunate", "severe malaria", None, "unspecified")}


def test_sentence_without_therapy_gives_no_finding(one: One) -> None:
    # a background sentence
    r = one("Asthma affects millions of children worldwide.")
    assert r.findings == ()


def test_hazard_ratio_below_one_is_a_decrease(one: One) -> None:
    # statistical phrasing: a hazard ratio under 1 for X lowers X
    r = one(
        "In patients with atrial fibrillation, catheter ablation was associated with a hazard ratio "
        "of 0.68 for stroke."
    )
    assert claims(r) == {("catheter ablation", "atrial fibrillation", "stroke", "decrease")}


def test_non_inferior_for_an_outcome_is_no_change(one: One) -> None:
    # "A was non-inferior to B for X": no difference in X, B is the comparator
    r = one("Rivaroxaban was non-inferior to enoxaparin for venous thromboembolism.")
    assert {(t, o, d) for t, _, o, d in claims(r)} == {("rivaroxaban", "venous thromboembolism", "no_change")}
    assert r.findings[0].comparator is not None and r.findings[0].comparator.label == "enoxaparin"


def test_design_and_sample_size(one: One) -> None:
    # the study design and the number of patients come from the sentence
    r = one(
        "In a randomised, double-blind, placebo-controlled trial of 1,208 patients with gout, "
        "febuxostat lowered serum urate (Lee et al., 2021)."
    )
    (study,) = r.studies
    assert (study.citation, study.design, study.sample_size) == (
        "Lee et al., 2021",
        "randomized controlled trial",
        1208,
    )
    assert r.findings and all(f.study == study for f in r.findings)
