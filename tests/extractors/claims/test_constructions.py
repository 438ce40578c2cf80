"""Findings for constructions met in fields beyond the example text (cardiology, oncology,
pulmonology, surgery), on sentences written for these tests. Each case names its construction."""

from __future__ import annotations

from collections.abc import Callable

from findings_view import claims

from kg.model import Document, SentenceResult
from kg.pipeline import Extractor

One = Callable[[str], SentenceResult]


def pairs(r: SentenceResult) -> set[tuple[str, str | None, str]]:
    """Return (therapy, outcome, direction) of every finding."""
    return {(t, o, d) for t, _, o, d in claims(r)}


def therapies(r: SentenceResult) -> set[str]:
    """Return the labels of the therapies a sentence mentions."""
    return {m.label for m in r.mentions if m.kind == "therapy"}


def test_slash_combination_is_one_therapy(one: One) -> None:
    # "X/Y" written tight is one combined product; "superior to Y" makes Y the comparator
    r = one(
        "Lopinavir/ritonavir was superior to nelfinavir in reducing viral load in adults with HIV infection."
    )
    assert pairs(r) == {("lopinavir/ritonavir", "viral load", "decrease")}
    assert {f.comparator.label for f in r.findings if f.comparator} == {"nelfinavir"}


def test_hyphenated_drug_pair_is_one_therapy(one: One) -> None:
    # both halves are drug names, so the hyphenated word names a fixed-dose combination
    assert "ledipasvir-sofosbuvir" in therapies(one("Ledipasvir-sofosbuvir cured most patients."))


def test_procedures_by_ending_and_head(one: One) -> None:
    # "-ectomy" words are procedures; named heads ("bypass", "replacement") take adjectives
    assert "laparoscopic sleeve gastrectomy" in therapies(
        one("Laparoscopic sleeve gastrectomy reduced body weight.")
    )
    assert "gastric bypass" in therapies(one("After gastric bypass, body weight fell by a third."))
    assert "transcatheter aortic valve replacement" in therapies(
        one("Transcatheter aortic valve replacement reduced mortality in aortic stenosis.")
    )


def test_drug_class_heads(one: One) -> None:
    # "<target> inhibitors" and "<channel> blockers" name drug classes no vocabulary lists
    r = one("IL-23 inhibitors and calcium-channel blockers were compared.")
    assert {"IL-23 inhibitors", "calcium-channel blockers"} <= therapies(r)


def test_therapy_name_stops_at_a_participle(one: One) -> None:
    # "women with low-risk disease receiving endocrine therapy": the therapy is "endocrine therapy"
    r = one(
        "In women with low-risk disease receiving endocrine therapy, radiotherapy reduced local recurrence."
    )
    assert not any("receiving" in t for t in therapies(r))
    assert pairs(r) == {("radiotherapy", "local recurrence", "decrease")}


def test_amounts_between_coordinated_objects(one: One) -> None:
    # "reduced A by 20% and B by 21%": the amount does not end the list of objects
    r = one("Sacubitril/valsartan reduced cardiovascular death by 20% and hospitalisation by 21%.")
    assert pairs(r) == {
        ("sacubitril/valsartan", "cardiovascular death", "decrease"),
        ("sacubitril/valsartan", "hospitalisation", "decrease"),
    }


def test_gerund_inside_an_outcome_phrase(one: One) -> None:
    # "the risk of worsening heart failure": "worsening" modifies the outcome, it claims nothing
    r = one("Dapagliflozin reduced the risk of worsening heart failure or cardiovascular death.")
    assert pairs(r) == {
        ("dapagliflozin", "risk of worsening heart failure", "decrease"),
        ("dapagliflozin", "cardiovascular death", "decrease"),
    }


def test_comparative_after_copula_and_adverb(one: One) -> None:
    # "was also longer with X": the adverb sits between the copula and the comparative
    assert pairs(one("Overall survival was also longer with osimertinib.")) == {
        ("osimertinib", "overall survival", "increase")
    }
    assert pairs(one("Mortality was lower in the ticagrelor group than in the clopidogrel group.")) == {
        ("ticagrelor", "mortality", "decrease")
    }


def test_occurred_more_often_with(one: One) -> None:
    # "X occurred more often with Y": X rose with Y
    r = one("Bradycardia occurred more often with ivabradine than with placebo.")
    assert pairs(r) == {("ivabradine", "bradycardia", "increase")}


def test_therapy_alone_opening_the_clause_is_the_actor(one: One) -> None:
    # "X alone" is a comparator only after a comparison ("versus X alone"), not as the subject
    r = one("Nivolumab alone was associated with a lower risk of death than chemotherapy.")
    assert pairs(r) == {("nivolumab", "risk of death", "decrease")}


def test_non_inferior_with_respect_to(one: One) -> None:
    # non-inferiority is no change of the end point named after "with respect to"
    r = one("Edoxaban was non-inferior to warfarin with respect to stroke.")
    assert pairs(r) == {("edoxaban", "stroke", "no_change")}


def test_apposition_and_relative_clause_are_no_actors(one: One) -> None:
    # the therapy named inside ", a ...," or ", which ...," describes the subject
    r = one("Omalizumab, a monoclonal antibody against IgE, reduced asthma exacerbations.")
    assert {t for t, _, _ in pairs(r)} == {"omalizumab"}
    r = one(
        "Benralizumab, which depletes eosinophils through interleukin-5 receptors, reduced exacerbations."
    )
    assert {t for t, _, _ in pairs(r)} == {"benralizumab"}


def test_predicate_nominal_is_no_actor(one: One) -> None:
    # "X is the only Y with efficacy in Z": X is claimed, Y is its class; efficacy lowers Z
    r = one(
        "Clozapine is the only antipsychotic with established efficacy in treatment-resistant schizophrenia."
    )
    assert {t for t, _, _ in pairs(r)} == {"clozapine"}
    assert ("clozapine", "treatment-resistant schizophrenia", "decrease") in pairs(r)


def test_light_verb_with_noun_trigger(one: One) -> None:
    # "produced a similar reduction in X": the claim is the reduction, not a rise of "similar"
    r = one("Canagliflozin produced a similar reduction in albuminuria.")
    assert pairs(r) == {("canagliflozin", "albuminuria", "decrease")}


def test_coordinated_adjectives_share_the_noun(one: One) -> None:
    # "moderate or severe exacerbations" is one outcome, not "moderate" and "severe exacerbations"
    r = one("Tiotropium lowered the rate of moderate or severe exacerbations.")
    assert pairs(r) == {("tiotropium", "rate of moderate or severe exacerbations", "decrease")}


def test_more_likely_is_a_comparison_not_a_hedge(one: One) -> None:
    # "less likely to" compares two arms; it states no uncertainty
    r = one("Patients given rivaroxaban were less likely to die than those given enoxaparin.")
    assert r.hedge_cue is None


def test_was_associated_with_a_harm(one: One) -> None:
    # "it is associated with X" after a therapy: X rises with it
    r = one("Carbamazepine is associated with hyponatraemia in older adults.")
    assert pairs(r) == {("carbamazepine", "hyponatraemia", "increase")}


def test_reported_more_often_with(one: One) -> None:
    # "X were reported more often with Y": the auxiliary before the participle closes the subject
    r = one("Headache and nausea were reported more often with sumatriptan than with placebo.")
    assert pairs(r) == {("sumatriptan", "headache", "increase"), ("sumatriptan", "nausea", "increase")}


def test_negated_association_with_a_comparative(one: One) -> None:
    # "was not associated with a higher X": the negation reaches across the article
    r = one("Apixaban was not associated with a higher incidence of bleeding than aspirin.")
    assert {(t, d) for t, _, d in pairs(r)} == {("apixaban", "no_change")}
    assert all(f.negated for f in r.findings)


def test_carries_a_risk(one: One) -> None:
    # "carries a risk of X": X rises
    r = one("Tonsillectomy carries a risk of postoperative haemorrhage.")
    assert pairs(r) == {("tonsillectomy", "risk of postoperative haemorrhage", "increase")}


def test_substance_raised_by_a_therapy_is_an_outcome(one: One) -> None:
    # a drug-dictionary substance as the object of a therapy's verb is what changed, not an actor
    r = one("Erythropoietin increased haemoglobin and reduced transfusions in anaemic patients.")
    assert {t for t, _, _ in pairs(r)} == {"erythropoietin"}
    assert ("erythropoietin", "transfusions", "decrease") in pairs(r)


def test_drug_exposure_compounds(one: One) -> None:
    # "<drug>-treated patients" names the therapy; "<drug>-related X" claims a rise of X
    r = one("Ticagrelor-treated patients had fewer myocardial infarctions than those given clopidogrel.")
    assert pairs(r) == {("ticagrelor", "myocardial infarctions", "decrease")}
    r = one("Amiodarone-induced hypothyroidism and pulmonary fibrosis are well described.")
    assert pairs(r) == {
        ("amiodarone", "hypothyroidism", "increase"),
        ("amiodarone", "pulmonary fibrosis", "increase"),
    }
    # a non-drug before "-induced" names no therapy
    assert not one("Exercise-induced bronchoconstriction is common.").findings


def test_hyphenated_drug_classes_and_examples(one: One) -> None:
    # "beta-blockers such as bisoprolol": the class and its example share the claim
    r = one("Beta-blockers such as bisoprolol reduced mortality in heart failure.")
    assert {t for t, _, _ in pairs(r)} == {"beta-blockers", "bisoprolol"}
    # a name that starts with a digit still heads a class
    assert "5-HT3 antagonists" in therapies(one("5-HT3 antagonists reduced vomiting after surgery."))


def test_subject_before_a_time_phrase(one: One) -> None:
    # "X at week 12 was higher with Y": the time phrase sits between the subject and the copula
    r = one("Clinical remission at week 12 was higher with upadacitinib than with placebo.")
    assert pairs(r) == {("upadacitinib", "clinical remission", "increase")}


def test_rates_in_two_arms(one: One) -> None:
    # "X occurred in 4% of A versus 7% of B": a lower rate in the first arm is a decrease
    r = one("Major bleeding occurred in 2.1% of patients given apixaban versus 3.6% of those given warfarin.")
    assert pairs(r) == {("apixaban", "major bleeding", "decrease")}
    r = one("Hypoglycaemia occurred in 8% of patients given glimepiride and 2% of those given metformin.")
    assert pairs(r) == {("glimepiride", "hypoglycaemia", "increase")}


def test_no_claim_and_no_indication_gives_no_finding(one: One) -> None:
    # a methods sentence names the patients' disease and the drug given: nothing is claimed
    assert not one(
        "In this cohort study, 300 adults with chronic HCV infection received sofosbuvir."
    ).findings
    # "the first-line treatment for X" states what the therapy is for
    r = one("Metformin is the first-line treatment for type 2 diabetes.")
    assert claims(r) == {("metformin", "type 2 diabetes", None, "unspecified")}


def test_disease_measured_by_the_outcome_is_the_condition(one: One) -> None:
    # with no "patients with X", the disease whose mortality changed is the condition
    r = one("Adjuvant trastuzumab reduced breast cancer mortality by a third.")
    assert claims(r) == {("adjuvant trastuzumab", "breast cancer", "breast cancer mortality", "decrease")}


def test_negation_across_an_adjective_and_a_quantified_subject(one: One) -> None:
    # "without a significant increase in X" and "neither route increased X" claim no change of X
    r = one("Apixaban reduced stroke without a significant increase in major bleeding.")
    assert ("apixaban", "major bleeding", "no_change") in pairs(r)
    r = one(
        "Both doses lowered blood pressure, and neither dose of lisinopril increased the incidence of cough."
    )
    assert {o for _, o, d in pairs(r) if d == "no_change"} == {"incidence of cough"}


def test_gerund_with_its_object_inside_an_outcome(one: One) -> None:
    # "the probability of receiving a blood transfusion" is one outcome
    r = one("Tranexamic acid reduced the probability of receiving a blood transfusion.")
    assert pairs(r) == {("tranexamic acid", "probability of receiving a blood transfusion", "decrease")}


def test_subject_with_an_abbreviation_definition(one: One) -> None:
    # "Overall survival (OS) was longer with X": the definition sits between subject and copula
    r = one("Overall survival (OS) was longer with lorlatinib.")
    assert pairs(r) == {("lorlatinib", "overall survival", "increase")}


def test_title_case_index_with_and_is_one_outcome(one: One) -> None:
    # "the Eczema Area and Severity Index" is one named score, not two outcomes
    r = one("Dupilumab produced a 75% improvement in the Eczema Area and Severity Index.")
    assert len(r.findings) == 1


def test_lowering_strategies_and_fractions(one: One) -> None:
    # "intensive glucose lowering" is a treatment strategy; "a third" of patients is no outcome
    r = one("Intensive glucose lowering reduced microvascular events.")
    assert pairs(r) == {("intensive glucose lowering", "microvascular events", "decrease")}
    assert not one("Psoriatic arthritis affects about a third of patients.").findings


def test_adverse_effect_of_a_therapy(one: One) -> None:
    # "X is the most common adverse effect of Y": X rises with Y
    r = one("Cough is the most common adverse effect of ACE inhibitors.")
    assert pairs(r) == {("ACE inhibitors", "cough", "increase")}


def test_when_clause_ends_the_outcome(one: One) -> None:
    # "X when taken in pregnancy": the outcome stops before "when"
    r = one("Isotretinoin is associated with birth defects when taken in pregnancy.")
    assert pairs(r) == {("isotretinoin", "birth defects", "increase")}


def test_abbreviation_names_the_whole_long_form(extractor: Extractor) -> None:
    # "Direct oral anticoagulants (DOACs)": the entity is the author's long form, and later
    # mentions of the short form resolve to it
    text = "Direct oral anticoagulants (DOACs) reduced stroke. DOACs also reduced mortality."
    results = extractor.document(Document("t", text))
    labels = {f.therapy.label for r in results for f in r.findings}
    assert labels == {"direct oral anticoagulants"}


def test_negated_report_reaches_its_that_clause(one: One) -> None:
    # "trials have not shown that X reduces Y": no change of Y is what is reported
    r = one("Trials have not shown that omega-3 fatty acids reduce cardiovascular events.")
    assert {(o, d) for _, o, d in pairs(r)} == {("cardiovascular events", "no_change")}


def test_background_list_and_prior_therapy_are_no_actors(one: One) -> None:
    # "the addition of A to B, C, and D": B, C and D are the background regimen
    r = one("The addition of isatuximab to carfilzomib and dexamethasone improved progression-free survival.")
    assert {t for t, _, _ in pairs(r)} == {"isatuximab"}
    # "A after 3 months of B": B came before; A is claimed
    r = one("Prasugrel after 1 month of aspirin therapy resulted in fewer bleeding events.")
    assert {t for t, _, _ in pairs(r)} == {"prasugrel"}


def test_occurred_in_fewer_patients_in_a_group(one: One) -> None:
    # "X occurred in fewer patients in the A group than in the B group": X fell with A
    r = one(
        "The primary end point occurred in fewer patients in the rivaroxaban group than in the aspirin group."
    )
    assert ("rivaroxaban", "primary end point", "decrease") in pairs(r)


def test_did_not_result_in_a_lower_incidence(one: One) -> None:
    # the negation reaches across "result in a" to the comparative
    r = one("Omega-3 supplementation did not result in a lower incidence of stroke than placebo.")
    assert {d for _, _, d in pairs(r)} == {"no_change"}


def test_effective_in_inducing(one: One) -> None:
    # "effective in inducing X": the -ing trigger carries the claim
    r = one("Vedolizumab was effective in inducing clinical remission.")
    assert pairs(r) == {("vedolizumab", "clinical remission", "increase")}


def test_lowering_verb_on_a_change_noun(one: One) -> None:
    # "slowed the decline in X": X fell less, so the claim raises X; the trigger word "decline"
    # is no refusal (ConText reads "decline" as one)
    r = one("Nintedanib slowed the decline in forced vital capacity.")
    assert pairs(r) == {("nintedanib", "forced vital capacity", "increase")}
    assert not any(f.negated for f in r.findings)


def test_administration_as_a_therapy_head(one: One) -> None:
    # "mass drug administration" names a therapy; "administration of X" leaves the name to X
    assert "mass drug administration" in therapies(
        one("Mass drug administration reduced malaria prevalence.")
    )
    r = one("Long-term administration of intrathecal baclofen reduced spasticity.")
    assert therapies(r) == {"intrathecal baclofen"}


def test_modal_before_a_verb_ending_in_en(one: One) -> None:
    # "might shorten X": a base verb after a modal, not a passive participle
    r = one("Zinc supplementation might shorten the duration of the common cold.")
    assert {(o, d) for _, o, d in pairs(r)} == {("duration of the common cold", "decrease")}


def test_neither_nor_and_no_patient(one: One) -> None:
    # "neither A nor B improved X": both are claimed, neither changed X
    r = one("Neither aspirin nor heparin improved live birth rates.")
    assert pairs(r) == {
        ("aspirin", "live birth rates", "no_change"),
        ("heparin", "live birth rates", "no_change"),
    }
    # "no patient treated with X developed Y": Y did not rise
    r = one("No patient treated with natalizumab developed lymphoma.")
    assert pairs(r) == {("natalizumab", "lymphoma", "no_change")}


def test_nested_trigger_shares_the_negation(one: One) -> None:
    # "no more effective than placebo in reducing X": X did not fall
    r = one("Metoclopramide was no more effective than placebo in reducing nausea.")
    assert ("metoclopramide", "nausea", "no_change") in pairs(r)


def test_non_inferior_in_mean_change(one: One) -> None:
    # "non-inferior to Y in mean change in X": X did not change; "a change in X" of no direction loses
    r = one("Faricimab was non-inferior to aflibercept in mean change in best-corrected visual acuity.")
    assert pairs(r) == {("faricimab", "best-corrected visual acuity", "no_change")}
    # a stated preposition ("for") wins over an earlier "in" of the dose
    r = one(
        "Radiotherapy of 26 Gy in 5 fractions was non-inferior to 40 Gy in 15 fractions for local relapse."
    )
    assert {(o, d) for _, o, d in pairs(r)} == {("local relapse", "no_change")}


def test_numbered_score_names_and_result_verbs(one: One) -> None:
    # "PASI 90 response rates": the number belongs to the acronym's score
    r = one("Bimekizumab achieved higher PASI 90 response rates than adalimumab.")
    assert ("bimekizumab", "PASI 90 response rates", "increase") in pairs(r)
    # an unnamed therapy before "resulted in lower rates of X"
    r = one("In adults, balanced crystalloids resulted in lower rates of acute kidney injury.")
    assert {t for t, _, _ in pairs(r)} == {"balanced crystalloids"}


def test_values_in_two_arms(one: One) -> None:
    # "X was 11 months with A versus 5 months with B": X was higher with A (B is the comparator)
    r = one("Median overall survival was 16.1 months with lenvatinib versus 10.4 months with sorafenib.")
    assert pairs(r) == {("lenvatinib", "median overall survival", "increase")}


def test_similar_with_two_therapies(one: One) -> None:
    # "the risk of X was similar with A and B": X did not differ
    r = one("The risk of recurrence was similar with letrozole and anastrozole.")
    assert {(o, d) for _, o, d in pairs(r)} == {("risk of recurrence", "no_change")}


def test_change_verb_before_a_phenotype_name(one: One) -> None:
    # HPO names "reduced systolic blood pressure"; after a therapy the words are a verb and its object
    r = one("Lisinopril reduced systolic blood pressure from 152 to 134 mmHg.")
    assert pairs(r) == {("lisinopril", "systolic blood pressure", "decrease")}
    # after "with" they name the phenotype the patients have
    r = one("Enalapril improved survival in patients with reduced ejection fraction.")
    assert ("enalapril", "survival", "increase") in pairs(r)


def test_more_likely_is_no_conText_hedge(one: One) -> None:
    # ConText reads "likely" as possibility; after "more" it compares arms
    r = one("Patients given rituximab were more likely to achieve remission than those given azathioprine.")
    assert not any(f.hedged for f in r.findings)
