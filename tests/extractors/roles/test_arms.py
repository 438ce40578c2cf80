"""The trial-arm reader on literal sentences."""

from __future__ import annotations

from kg.extractors.roles.arms import arm_mentions, arm_phrases, document_arms, topic_arm_phrases
from kg.extractors.sentence import sentence_tokens
from kg.extractors.syntax import tagged
from kg.model import Document, Mention
from kg.pipeline import Extractor
from kg.text.tokens import Token, joined


def _tokens(text: str) -> list[Token]:
    return tagged(sentence_tokens(text))


def _phrases(text: str) -> list[str]:
    tokens = _tokens(text)
    return [joined(tokens, text, s, e) for s, e in arm_phrases(tokens)]


def _nothing(_: str) -> list[Mention]:
    return []


def test_arms_after_allocation_and_administration() -> None:
    assert _phrases("Patients were randomised to hydrotherapy or land exercise for 6 weeks.") == [
        "hydrotherapy",
        "land exercise",
    ]
    assert _phrases("Patients treated with cilostazol had fewer events.") == ["cilostazol"]
    assert "honey dressing" in _phrases("Healing was faster in the honey dressing group.")


def test_controls_and_generic_groups_are_no_arms() -> None:
    assert _phrases("Patients were randomly assigned to placebo or usual care.") == []
    assert _phrases("Outcomes were better in the intervention group than in the control group.") == []
    assert _phrases("A randomised trial of treated eyes.") == []
    assert _phrases(
        "Hypoglycaemia occurred in 8% of those given glimepiride and 2% of those given metformin."
    ) == [
        "glimepiride",
        "metformin",
    ]


def test_document_arms_resolve_abbreviations_and_skip_known_names() -> None:
    texts = ["Volunteers received interesterified fat (IE) or palm olein.", "Glucose rose after IE."]
    tokens = [_tokens(t) for t in texts]
    arms = document_arms(tokens, texts, {"IE": "interesterified fat"}, {}, _nothing)
    assert arms.abbreviations["IE"].label == "interesterified fat"
    assert ("interesterified", "fat") in arms.names
    known = document_arms(tokens, texts, {}, {}, lambda p: [Mention("therapy", p, 0, len(p), p, "drug")])
    assert not known.names  # a name a vocabulary knows is found by the vocabulary


def test_arm_mentions_are_found_again_outside_taken_tokens() -> None:
    texts = ["Patients received land exercise.", "Pain fell with land exercise."]
    tokens = [_tokens(t) for t in texts]
    arms = document_arms(tokens, texts, {}, {}, _nothing)
    found = arm_mentions(texts[1], tokens[1], arms, set())
    assert [(m.label, m.text, m.source) for m in found] == [("land exercise", "land exercise", "arm")]
    assert arm_mentions(texts[1], tokens[1], arms, {4}) == []


def test_a_name_at_the_end_of_a_sentence_is_matched_whole() -> None:
    texts = ["Patients received land exercise or land.", "Pain fell with land"]
    tokens = [_tokens(t) for t in texts]
    arms = document_arms(tokens, texts, {}, {}, _nothing)
    assert ("land", "exercise") in arms.names and ("land",) in arms.names
    assert [m.text for m in arm_mentions(texts[1], tokens[1], arms, set())] == ["land"]


def test_an_arm_named_by_its_dose_and_a_defined_abbreviation(extractor: Extractor) -> None:
    texts = [
        "A brief hyperinflation (BH) may improve lung recovery.",
        "Piglets were randomised to receive a single 20 s BH or conventional ventilation.",
        "Lung compliance was higher after BH.",
    ]
    assert "single 20 s BH" in _phrases(texts[1])  # the unit keeps the phrase whole
    sentences = [_tokens(t) for t in texts]
    arms = document_arms(sentences, texts, {"BH": "brief hyperinflation"}, {}, _nothing)
    assert arms.abbreviations["BH"].label == "brief hyperinflation"
    last = extractor.document(Document("t", " ".join(texts)))[-1]
    assert [(f.therapy.label, f.direction) for f in last.findings] == [("brief hyperinflation", "increase")]


def test_a_capitalised_name_the_tagger_reads_as_a_verb_names_a_group() -> None:
    assert "C-MAC D-Blade" in _phrases("Success rates were higher in the C-MAC D-Blade group.")


def test_treatments_a_title_or_aim_names() -> None:
    def topic(text: str) -> list[str]:
        tokens = _tokens(text)
        return [joined(tokens, text, s, e) for s, e in topic_arm_phrases(tokens)]

    assert topic("Sequential compression pump effect on hypotension during cesarean section") == [
        "Sequential compression pump"
    ]
    assert topic(
        "To determine the effect of intermittent pneumatic compression of lower limbs on hypotension."
    ) == ["intermittent pneumatic compression"]
    assert topic("Honey dressing versus silver dressing for burns") == ["Honey dressing", "silver dressing"]
    # a result sentence names no topic; placebo is no arm
    assert topic("The effect of honey dressing on healing was large.") == []
    assert topic("Honey dressing versus placebo for burns") == ["Honey dressing"]
    # a result that the tagger reads without a finite verb is no title
    assert topic("Among patients with burns, honey dressing reduced pain versus silver dressing.") == []
