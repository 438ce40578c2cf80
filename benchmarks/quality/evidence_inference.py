"""Evidence Inference 2.0, abstract evidence: does therapy-kg state the prompted finding?

Data: `../shared/external/evidence_inference/` (GitHub `jayded/evidence-inference`, commit b9831b6;
DeYoung et al., BioNLP 2020), MIT licence; each PMC article keeps its own open-access licence.
`v2_annotations.csv` (labels, evidence quotes), `prompts_merged.csv` (Intervention, Comparator,
Outcome), `abstracts/PMC<id>.abst`, `splits/ev2_{validation,test}_article_ids.txt`. Steps of NOTES.md:

- Prompts of the split's articles; rows with Valid Label and Valid Reasoning both True; the label
  "significantly increase" read as "significantly increased"; a prompt is kept when its valid rows
  agree on the label. Prompts whose comparator is the baseline / before treatment (a change within
  one arm, words.json `baseline_comparator`) are dropped and counted.
- Evidence in the abstract: a valid row's quote (stripped) without a newline (a table fragment) that
  occurs verbatim in the `.abst` (found by string search, first occurrence). A prompt with no such row
  is not scored.
- Direction: significantly increased -> increase, decreased -> decrease, no significant difference
  -> no_change, of the intervention relative to the comparator. When the intervention names a
  control arm (words.json `control_arm`: placebo, sham, saline, control, ...) and the comparator does
  not, the arms are swapped and the direction inverted (no_change stays).
- The extractor runs on the whole abstract (header lines are passage breaks). The candidate findings
  of a prompt are those of every sentence (therapy-kg's splitter) overlapping one of its spans.
- A finding's outcome matches when its outcome (text, label or other labels; its condition when it has
  no outcome) names the same entity as the prompt's Outcome (common.same_entity, the referee's rule).
  Its direction: the finding's, no_change when it is negated; read as the direction of the
  Intervention relative to the Comparator, so that a finding about the comparator arm states the
  same comparison inverted ("X fell less with A than with B" for the prompt "B vs A": B's direction
  is A's inverted) when its therapy matches the Comparator and not the Intervention.
- Its therapy matches when its names and the Intervention (after the swap: the active arm) are the
  same entity, or share a content word that is not a generic arm word (words.json
  `generic_therapy_words`: therapy, group, dose, mg, ...) nor a number.

Measures (recall over scored prompts): outcome_any (an outcome match, any direction),
outcome_direction, therapy_outcome_direction. The test split gives totals only. train is the ev2
train split less the abstracts of tests/data/real_abstracts*.jsonl, a development set like
validation; `--errors FILE` lists the prompts of either missed by therapy_outcome_direction, with
their sentences and findings.

    .venv/bin/python benchmarks/quality/evidence_inference.py [--split train|validation|test] [--errors FILE]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.model import Finding, SentenceResult
from quality.common import (
    DataError,
    add_external_option,
    content,
    external_dir,
    pct,
    read_text,
    report,
    same_entity,
)
from quality.extraction import (
    describe,
    direction,
    extract,
    names,
    outcome_names,
    passage_breaks,
    word_lists,
)

LABELS = {
    "significantly increased": "increase",
    "significantly increase": "increase",
    "significantly decreased": "decrease",
    "no significant difference": "no_change",
}
INVERSE = {"increase": "decrease", "decrease": "increase", "no_change": "no_change"}
SPLITS = ("train", "validation", "test")
# the gold sets of the project are annotated abstracts of the ev2 train split: never scored as train
GOLD_SETS = ("real_abstracts.jsonl", "real_abstracts_dev.jsonl")
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Prompt:
    """One scored prompt: its article, arms (after any swap), outcome, direction and evidence spans."""

    prompt_id: str
    pmcid: str
    intervention: str
    comparator: str
    outcome: str
    direction: str
    spans: tuple[tuple[int, int], ...]
    swapped: bool = False


def _phrase_re(phrases: Iterable[str]) -> re.Pattern[str]:
    """Return a pattern matching any of the phrases as whole words (case-insensitive)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def is_control(arm: str) -> bool:
    """Return whether an arm string names a control arm (placebo, sham, saline, control...)."""
    return bool(_phrase_re(word_lists()["control_arm"]).search(arm))


def is_baseline(comparator: str) -> bool:
    """Return whether a comparator is the baseline of the same arm (before treatment)."""
    return bool(_phrase_re(word_lists()["baseline_comparator"]).search(comparator))


def oriented(intervention: str, comparator: str, label_direction: str) -> tuple[str, str, str, bool]:
    """Return (intervention, comparator, direction, swapped): the active arm first."""
    if is_control(intervention) and not is_control(comparator):
        return comparator, intervention, INVERSE[label_direction], True
    return intervention, comparator, label_direction, False


def find_spans(abstract: str, quotes: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Return the spans of the quotes found verbatim in the abstract (table fragments dropped)."""
    spans = []
    for quote in quotes:
        q = quote.strip()
        if not q or "\n" in q:
            continue
        at = abstract.find(q)
        if at >= 0 and (at, at + len(q)) not in spans:
            spans.append((at, at + len(q)))
    return tuple(spans)


def overlapping(results: list[SentenceResult], spans: Iterable[tuple[int, int]]) -> list[SentenceResult]:
    """Return the sentences (in order) that overlap any of the character spans."""
    spans = list(spans)
    return [r for r in results if any(r.sentence.start < e and s < r.sentence.end for s, e in spans)]


def therapy_matches(finding: Finding, intervention: str) -> bool:
    """Return whether a finding's therapy is the prompt's intervention (lenient: see the docstring)."""
    therapy = names(finding.therapy)
    if same_entity(therapy, intervention):
        return True
    generic = set(word_lists()["generic_therapy_words"])
    wanted = {w for w in content(intervention) if w not in generic and not w.isdigit()}
    return any(wanted & content(t) for t in therapy)


def oriented_direction(prompt: Prompt, finding: Finding) -> tuple[str, bool]:
    """Return a finding's direction as the Intervention's relative to the Comparator, and whether
    its therapy is one of the prompt's arms (inverted when it is the Comparator alone)."""
    d = direction(finding)
    if therapy_matches(finding, prompt.intervention):
        return d, True
    if prompt.comparator and therapy_matches(finding, prompt.comparator):
        return INVERSE.get(d, d), True
    return d, False


MEASURES = ("outcome_any", "outcome_direction", "therapy_outcome_direction")


def judge(prompt: Prompt, findings: Iterable[Finding]) -> dict[str, bool]:
    """Return which measures the prompt passes, given the findings of its evidence sentences."""
    outcome = [f for f in findings if same_entity(outcome_names(f), prompt.outcome)]
    read = [oriented_direction(prompt, f) for f in outcome]
    directed = [arm for d, arm in read if d == prompt.direction]
    return {
        "outcome_any": bool(outcome),
        "outcome_direction": bool(directed),
        "therapy_outcome_direction": any(directed),
    }


def _csv(path: Path) -> list[dict[str, str]]:
    """Return the rows of a CSV file (UTF-8, quoted newlines allowed)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def split_ids(ei: Path, split: str) -> set[str]:
    """Return the article IDs of an ev2 split (the files have no final newline); train leaves out
    the abstracts of the project's own gold sets (tests/data/real_abstracts*.jsonl)."""
    ids = set(read_text(ei / "splits" / f"ev2_{split}_article_ids.txt").split())
    if split == "train":
        for name in GOLD_SETS:
            for line in read_text(ROOT / "tests" / "data" / name).splitlines():
                ids.discard(json.loads(line)["passage"].removeprefix("PMC"))
    return ids


def load_prompts(ei: Path, split: str) -> tuple[list[Prompt], dict[str, int]]:
    """Return the scored prompts of a split and the counts of what was kept and dropped."""
    try:
        arms = {p["PromptID"]: p for p in _csv(ei / "prompts_merged.csv")}
        rows = _csv(ei / "v2_annotations.csv")
    except (OSError, KeyError, csv.Error) as exc:
        raise DataError(f"cannot read the Evidence Inference CSV files in {ei}: {exc}") from None
    ids = split_ids(ei, split)
    by_prompt: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row["PMCID"] in ids:
            by_prompt.setdefault(row["PromptID"], []).append(row)
    counts = dict.fromkeys(("prompts", "valid_agreeing", "baseline_dropped", "swapped", "in_abstract"), 0)
    prompts = []
    for pid, prow in by_prompt.items():
        counts["prompts"] += 1
        valid = [r for r in prow if r["Valid Label"] == "True" and r["Valid Reasoning"] == "True"]
        labels = {LABELS[r["Label"].strip().lower()] for r in valid}
        if len(labels) != 1 or pid not in arms:
            continue
        counts["valid_agreeing"] += 1
        arm = arms[pid]
        if is_baseline(arm["Comparator"]):
            counts["baseline_dropped"] += 1
            continue
        abst = ei / "abstracts" / f"PMC{prow[0]['PMCID']}.abst"
        spans = find_spans(read_text(abst), (r["Annotations"] for r in valid)) if abst.exists() else ()
        if not spans:
            continue
        inter, comp, label, swapped = oriented(arm["Intervention"], arm["Comparator"], labels.pop())
        counts["in_abstract"] += 1
        counts["swapped"] += swapped
        prompts.append(Prompt(pid, prow[0]["PMCID"], inter, comp, arm["Outcome"], label, spans, swapped))
    return prompts, counts


def evaluate(
    ei: Path, split: str, limit: int | None = None
) -> tuple[dict[str, Any], list[tuple[Prompt, list[SentenceResult], dict[str, bool]]]]:
    """Return the split's totals and each scored prompt with its evidence sentences and verdicts."""
    prompts, counts = load_prompts(ei, split)
    articles = sorted({p.pmcid for p in prompts})[:limit]
    items = []
    for pmcid in articles:
        text = read_text(ei / "abstracts" / f"PMC{pmcid}.abst")
        results = extract(f"PMC{pmcid}", text, passage_breaks(text))
        for p in (p for p in prompts if p.pmcid == pmcid):
            sents = overlapping(results, p.spans)
            verdict = judge(p, [f for r in sents for f in r.findings])
            arms = judge(p, [f for r in sents for f in (*r.findings, *r.arm_results)])
            verdict.update({f"{k}+arms": v for k, v in arms.items()})
            items.append((p, sents, verdict))
    n = len(items)
    totals: dict[str, Any] = {"split": split, **counts, "articles": len(articles), "scored": n}
    for measure in [f"{m}{arms}" for arms in ("", "+arms") for m in MEASURES]:
        hits = sum(v[measure] for _, _, v in items)
        totals[measure] = {"found": hits, "recall": pct(hits, n)}
    return totals, items


def error_class(verdict: dict[str, bool], sents: list[SentenceResult]) -> str:
    """Return why a prompt was missed."""
    if not any(r.findings for r in sents):
        return "no finding in the evidence sentence"
    if not verdict["outcome_any"]:
        return "no finding with the prompt's outcome"
    if not verdict["outcome_direction"]:
        return "outcome found, wrong direction"
    return "outcome and direction found, therapy not matched"


def error_lines(items: list[tuple[Prompt, list[SentenceResult], dict[str, bool]]]) -> Iterator[str]:
    """Yield a readable listing of the missed prompts (validation only)."""
    for p, sents, verdict in items:
        if verdict["therapy_outcome_direction"]:
            continue
        yield f"## PMC{p.pmcid} prompt {p.prompt_id}: {error_class(verdict, sents)}"
        swap = " (arms swapped)" if p.swapped else ""
        yield f"expected: {p.intervention!r} vs {p.comparator!r}{swap}: {p.outcome!r} {p.direction}"
        for r in sents:
            yield f"sentence: {r.sentence.text}"
            yield from (f"  got: {describe(f)}" for f in r.findings)
        yield ""


def main(argv: list[str] | None = None) -> int:
    """Score one split and print its totals (and, for validation, optionally write the misses)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_external_option(parser)
    parser.add_argument("--split", choices=SPLITS, default="validation")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--errors", type=Path, help="write the missed validation prompts to this file")
    args = parser.parse_args(argv)
    if args.errors and args.split == "test":
        print("error: --errors lists items of the train and validation splits only", file=sys.stderr)
        return 2

    def run() -> tuple[dict[str, Any], Iterator[str]]:
        totals, items = evaluate(external_dir(args.external) / "evidence_inference", args.split, args.limit)
        return totals, error_lines(items)

    return report(run, args.errors)


if __name__ == "__main__":
    sys.exit(main())
