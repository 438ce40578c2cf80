"""The scoring helpers of the public quality benchmarks, on tiny hand-written inputs; one end-to-end run."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from quality import ebm_nlp, evidence_inference, semrep  # noqa: E402
from quality.common import Counts, DataError, content, same_entity  # noqa: E402
from quality.extraction import direction, passage_breaks  # noqa: E402

from kg.model import Evidence, Finding, Mention, Sentence, SentenceResult  # noqa: E402

EXTERNAL = ROOT.parent / "shared" / "external"
ABSTRACT = (
    "TITLE: \nA trial.\n\nABSTRACT.AIM::\nTo test.\nABSTRACT.RESULTS:\n"
    "Nausea fell. There was significantly less nausea (P = 0.03) in the CI arm. Survival was equal."
)


def _finding(therapy: str, outcome: str | None, dirn: str = "decrease", negated: bool = False) -> Finding:
    ev = Evidence("d", 0, "s", 0, 1)
    out = Mention("outcome", outcome, 0, len(outcome), outcome) if outcome else None
    return Finding(Mention("therapy", therapy, 0, len(therapy), therapy), None, out, dirn, negated, False, ev)  # type: ignore[arg-type]


def _results(text: str, cuts: list[int]) -> list[SentenceResult]:
    bounds = [0, *cuts, len(text)]
    return [
        SentenceResult(Sentence("d", i, s, e, text[s:e]))
        for i, (s, e) in enumerate(itertools.pairwise(bounds))
    ]


def test_content_words_follow_the_referee() -> None:
    assert content("The Rates of nausea and Vomiting") == {"rate", "nausea", "vomiting"}
    assert same_entity(["nausea"], "incidence of nausea")
    assert not same_entity(["mucositis"], "incidence of nausea")
    assert not same_entity(["pain at rest during the first six weeks of care"], "pain")


def test_span_maps_to_the_sentences_it_overlaps() -> None:
    spans = evidence_inference.find_spans(ABSTRACT, ["significantly less nausea (P = 0.03)", "a\ntable row"])
    assert len(spans) == 1 and ABSTRACT[slice(*spans[0])] == "significantly less nausea (P = 0.03)"
    first = ABSTRACT.index("Nausea fell.")
    second = ABSTRACT.index("There was")
    third = ABSTRACT.index("Survival")
    results = _results(ABSTRACT, [first, second, third])
    assert [r.sentence.start for r in evidence_inference.overlapping(results, spans)] == [second]
    across = [(ABSTRACT.index("fell"), ABSTRACT.index("significantly"))]
    assert [r.sentence.start for r in evidence_inference.overlapping(results, across)] == [first, second]


def test_header_lines_are_passage_breaks() -> None:
    breaks = passage_breaks(ABSTRACT)
    assert 0 not in breaks and ABSTRACT.index("A trial") in breaks
    assert ABSTRACT.index("ABSTRACT.RESULTS") in breaks and ABSTRACT.index("Nausea") in breaks
    assert ABSTRACT.index("ABSTRACT.AIM::") in breaks and ABSTRACT.index("To test") in breaks


def test_placebo_intervention_swaps_arms_and_direction() -> None:
    assert evidence_inference.oriented("Placebo", "Drug X", "increase") == (
        "Drug X",
        "Placebo",
        "decrease",
        True,
    )
    assert evidence_inference.oriented("Placebo", "Drug X", "no_change")[2] == "no_change"
    assert evidence_inference.oriented("Drug X", "placebo", "increase") == (
        "Drug X",
        "placebo",
        "increase",
        False,
    )
    assert evidence_inference.is_baseline("pre-treatment values")


def test_outcome_direction_and_therapy_judgement() -> None:
    prompt = evidence_inference.Prompt(
        "1", "9", "continuous infusion (CI) pump", "bolus", "nausea", "decrease", ((0, 1),)
    )
    assert evidence_inference.judge(prompt, [_finding("CI therapy", "nausea")]) == {
        "outcome_any": True,
        "outcome_direction": True,
        "therapy_outcome_direction": True,
    }
    # a finding about the comparator states the comparison from its side: more nausea with bolus
    # is less nausea with the continuous infusion
    inverted = evidence_inference.judge(prompt, [_finding("bolus therapy", "nausea", "increase")])
    assert inverted == {"outcome_any": True, "outcome_direction": True, "therapy_outcome_direction": True}
    wrong = evidence_inference.judge(prompt, [_finding("bolus therapy", "nausea", "decrease")])
    assert wrong == {"outcome_any": True, "outcome_direction": False, "therapy_outcome_direction": False}
    other = evidence_inference.judge(prompt, [_finding("ondansetron", "nausea", "decrease")])
    assert other == {"outcome_any": True, "outcome_direction": True, "therapy_outcome_direction": False}
    # generic arm words alone do not make a therapy match
    assert not evidence_inference.therapy_matches(_finding("therapy group", "nausea"), prompt.intervention)
    assert direction(_finding("x", "nausea", "increase", negated=True)) == "no_change"


def test_token_flags_and_scores() -> None:
    text, spans = ebm_nlp.join_tokens(("Oral", "aspirin", "reduced", "pain", "."))
    assert text == "Oral aspirin reduced pain ." and spans[1] == (5, 12)
    pred = ebm_nlp.token_flags(spans, [(0, 12)])
    assert pred == [True, True, False, False, False]
    counts = Counts()
    ebm_nlp.count([False, True, True, False, False], pred, counts)
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    assert counts.precision == counts.recall == counts.f1 == 0.5
    assert Counts().f1 == 0.0


def test_conll_parsing_and_bad_lines() -> None:
    abstracts = list(ebm_nlp.parse("-DOCSTART- (42)\n\nAspirin NN O I-INT\nhelps NN O O\n"))
    assert abstracts == [ebm_nlp.Abstract("42", ("Aspirin", "helps"), ("I-INT", "O"))]
    with pytest.raises(DataError):
        list(ebm_nlp.parse("-DOCSTART- (42)\nAspirin I-INT\n"))


SEMREP = (
    "----- Citation 111 -----\r\n"
    "111.ab.2 Aspirin relieved headache in patients.\r\n\r\n"
    "111.ab.2|relation|C1|Aspirin|phsu|phsu|||TREATS|C2|Headache|sosy|sosy|||VERB|relieved|Aspirin|headache|8|0|17\r\n"
    "111.ab.2|relation|C1|Aspirin|phsu|phsu|||TREATS|C3|Patients|podg,humn|humn|||PREP|in|Aspirin|patients|26|0|29\r\n"
    "111.ab.2|relation|C1|Aspirin|phsu|phsu|||TREATS(INFER)|C2|Headache|sosy|sosy|||INFER||Aspirin|headache||0|17\r\n"
    "111.ab.2|relation|C9|Aspirin tablet|phsu|phsu|||TREATS(INFER)|C2|Headache|sosy|sosy|||INFER||"
    "aspirin|Headache||"
    "0|17\r\n"
    "112.ab.1|relation|C1|Aspirin|phsu|phsu|||NEG_TREATS|C4|Gout|dsyn|dsyn|||VERB|x|Aspirin|gout|0|0|0\r\n"
)


def test_semrep_lines_parse_into_treats() -> None:
    [sentence] = semrep.parse(SEMREP)
    assert sentence.sid == "111.ab.2" and sentence.pmid == "111"
    assert sentence.text == "Aspirin relieved headache in patients."
    # one per (subject, object) pair of CUIs or of texts; the NEG_TREATS of the mistyped id is
    # attached to the sentence before it, but is not a TREATS
    assert [(t.subject_text, t.object_text) for t in sentence.treats] == [
        ("Aspirin", "headache"),
        ("Aspirin", "patients"),
    ]
    assert [semrep.is_disorder(t) for t in sentence.treats] == [True, False]


def test_semrep_claims_match_one_to_one_and_split_is_fixed() -> None:
    [sentence] = semrep.parse(SEMREP)
    cond = Mention("condition", "headache", 0, 8, "headache")
    claim = Finding(
        Mention("therapy", "aspirin", 0, 7, "Aspirin"),
        cond,
        None,
        "decrease",
        False,
        False,
        Evidence("d", 0, "s", 0, 1),
    )
    negated = Finding(claim.therapy, cond, None, "no_change", True, False, claim.evidence)
    assert semrep.claims((claim, claim, negated)) == [claim]
    assert semrep.match_count([claim, claim], sentence.treats) == 1
    assert semrep.part("1") == (
        "dev" if int("356a192b7913b04c54574d18c28d46e6395428ab", 16) % 2 == 0 else "test"
    )


@pytest.mark.slow
@pytest.mark.skipif(not (EXTERNAL / "evidence_inference").is_dir(), reason="needs ../shared/external")
def test_evidence_inference_validation_end_to_end() -> None:
    totals, items = evidence_inference.evaluate(EXTERNAL / "evidence_inference", "validation", limit=5)
    assert totals["articles"] == 5 and totals["scored"] == len(items) > 0
    assert all(sents for _, sents, _ in items), "every scored prompt maps to an evidence sentence"
    found = totals["outcome_any"]["found"]
    assert totals["therapy_outcome_direction"]["found"] <= totals["outcome_direction"]["found"] <= found
