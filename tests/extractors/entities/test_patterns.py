"""Entities recognised by their form when no vocabulary names them."""

from __future__ import annotations

from kg.extractors.entities.patterns import is_open_word, morphology_spans, therapy_head_spans
from kg.text.tokens import tokenize
from kg.vocab.lexicon import Lexicon

EMPTY = Lexicon()


def _labels(text: str, spans: list) -> set[str]:
    tokens = tokenize(text)
    return {" ".join(t.text for t in tokens[s.start : s.end]) for s in spans}


def test_drug_stems_and_procedure_endings() -> None:
    # "-mab" and "-gliflozin" are drug stems; "-ectomy" a procedure; "-itis" a disease
    text = "Ozoralizumab and tofogliflozin after hemicolectomy for colitis"
    tokens = tokenize(text)
    kinds = {tokens[s.start].text: s.kind for s in morphology_spans(tokens, set(), EMPTY)}
    assert kinds == {"Ozoralizumab": "therapy", "tofogliflozin": "therapy", "colitis": "condition"}
    # the procedure is found by its head-noun pass, with its modifiers
    assert _labels(
        "after laparoscopic hemicolectomy",
        therapy_head_spans(tokenize("after laparoscopic hemicolectomy"), set()),
    ) == {"laparoscopic hemicolectomy"}


def test_class_heads_take_adjectives_generic_heads_do_not() -> None:
    # "calcium-channel blockers" and "gastric bypass" are named; "adjunctive therapy" is no therapy
    text = "calcium-channel blockers , gastric bypass and adjunctive therapy"
    assert _labels(text, therapy_head_spans(tokenize(text), set())) == {
        "calcium-channel blockers",
        "gastric bypass",
    }


def test_generic_heads_of_trial_interventions() -> None:
    # blocks, counselling, exercises, occlusion: the treatments of trials that no drug list names
    text = (
        "axillary plexus block , motivational counselling , resistance exercises or split part-time occlusion"
        + " and out-of-bed mobilisation"
    )
    assert _labels(text, therapy_head_spans(tokenize(text), set())) == {
        "axillary plexus block",
        "motivational counselling",
        "resistance exercises",
        "split part-time occlusion",
        "out-of-bed mobilisation",
    }


def test_open_words_exclude_function_words_and_people() -> None:
    # "the" and "patients" never start or continue an entity name
    tokens = tokenize("the patients received dapagliflozin")
    assert [is_open_word(t) for t in tokens] == [False, False, True, True]


def test_procedure_heads_name_procedures_and_stone_heads_conditions() -> None:
    # "fixation", "dilatation", "embolization" head procedures with any modifier
    text = "internal fixation , balloon dilatation and uterine artery embolization"
    assert _labels(text, therapy_head_spans(tokenize(text), set())) == {
        "internal fixation",
        "balloon dilatation",
        "uterine artery embolization",
    }
    # "stones" and "calculi" head conditions ("renal stones", "ureteral calculi")
    tokens = tokenize("renal stones and ureteral calculi")
    kinds = {tokens[s.start].text: s.kind for s in morphology_spans(tokens, set(), EMPTY)}
    assert kinds == {"stones": "condition", "calculi": "condition"}
