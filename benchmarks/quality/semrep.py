"""SemRep gold standard: therapy -> condition claims against its TREATS predications.

Data: `../shared/external/semrep_gold/gs_500_reconciled.txt` — 500 MEDLINE sentences with adjudicated
predications (Kilicoglu et al., BMC Bioinformatics 2011; GitHub `LHNCBC/SemRep`, commit b168a35,
`AnnotatedDatasets/`), under the SemRep terms and conditions (`SemRepTermsConditions.txt`: no charge,
redistributions keep the terms, attribute SemRep; a U.S. Government product; UMLS CUIs inside).

Gold: per sentence, the predications whose predicate is TREATS, TREATS(INFER) or TREATS(SPEC),
one per (subject CUI, object CUI) and per (subject text, object text); a predication whose sentence id names no sentence (one
mistyped id in the file) belongs to the sentence it follows. `disorder` (the main figure) keeps those whose object's semantic
type is not a population or organism (words.json `semrep_population_types`: humn, podg, aggp, ...;
"X for patients" has no condition slot in therapy-kg); `all` keeps every TREATS. NEG_TREATS is left
out of the gold, and negated findings out of the predictions.

Predicted: each sentence is extracted alone (in-process); its claims are its non-negated findings
with both a therapy and a condition, one per (therapy label, condition label). These are exactly
the pairs that become the graph's `treats` edges, but kept per sentence as SemRep's predications are.
A claim matches a gold predication when its therapy (text, label or other labels) names the same
entity as the subject's text or UMLS name, and its condition the object's (common.same_entity, the
referee's lenient content-word rule) — SemRep's "relaxed" evaluation likewise credits a predication
whose arguments match partially. Matching is one-to-one within a sentence; P, R, F1 in percent.

Split (no official one): a sentence's PMID goes to dev when int(sha1(PMID), 16) is even, else to
test. Tune on dev; read test totals only. Published (Kilicoglu et al. 2020, all predicates):
strict P 0.55 / R 0.34 / F1 0.42, relaxed P 0.69 / R 0.42 / F1 0.52.

    .venv/bin/python benchmarks/quality/semrep.py [--errors FILE]   (FILE lists dev sentences only)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.model import Finding
from quality.common import (
    Counts,
    DataError,
    add_external_option,
    external_dir,
    read_text,
    report,
    same_entity,
)
from quality.extraction import describe, extract, names, word_lists

SENTENCE_RE = re.compile(r"^(\d+)\.(?:ti|ab)\.\d+ (.*)$")
PREDICATION_RE = re.compile(r"^(\d+\.(?:ti|ab)\.\d+)\|relation\|")
TREATS = frozenset({"TREATS", "TREATS(INFER)", "TREATS(SPEC)"})
PARTS = ("dev", "test", "all")


@dataclass(frozen=True)
class Treats:
    """One gold TREATS predication: subject and object (UMLS name, text in the sentence, CUI)."""

    subject_name: str
    subject_text: str
    object_name: str
    object_text: str
    object_type: str
    key: tuple[str, str]


@dataclass
class GoldSentence:
    """One gold sentence with its TREATS predications."""

    sid: str
    pmid: str
    text: str
    treats: list[Treats] = field(default_factory=list)


def parse_predication(line: str) -> tuple[str, str, Treats] | None:
    """Return (sentence id, predicate, predication) of a predication line, None for other lines."""
    if not PREDICATION_RE.match(line):
        return None
    f = line.split("|")
    if len(f) < 13:
        raise DataError(f"predication line with {len(f)} fields: {line[:60]!r}")
    # a few lines stop before the argument texts, or shift them: the UMLS names are always there
    texts = (f[17], f[18]) if len(f) >= 19 else ("", "")
    return f[0], f[8], Treats(f[3], texts[0], f[10], texts[1], f[12], (f[2], f[9]))


def same_pair(a: Treats, b: Treats) -> bool:
    """Return whether two predications are one claim: the same CUIs, or the same argument texts
    (an inferred TREATS repeats a stated one, sometimes with another CUI for the same words)."""
    texts = (a.subject_text.lower(), a.object_text.lower())
    return a.key == b.key or (all(texts) and texts == (b.subject_text.lower(), b.object_text.lower()))


def parse(text: str) -> list[GoldSentence]:
    """Return the sentences of the gold file with their TREATS predications (in file order)."""
    sentences: dict[str, GoldSentence] = {}
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        pred = parse_predication(line)
        if pred is not None:
            sid, predicate, treats = pred
            if not sentences:
                raise DataError(f"predication before any sentence: {line[:60]!r}")
            # one block's predications carry a mistyped id (15710263.ab.1 under 15750263.ab.1):
            # a predication of an unknown sentence belongs to the sentence just read
            gold = sentences.get(sid) or list(sentences.values())[-1]
            if predicate in TREATS and not any(same_pair(treats, t) for t in gold.treats):
                gold.treats.append(treats)
            continue
        m = SENTENCE_RE.match(line)
        if m:
            sid = line.split(" ", 1)[0]
            sentences[sid] = GoldSentence(sid, m.group(1), m.group(2))
    if not sentences:
        raise DataError("no sentences found in the SemRep gold file")
    return list(sentences.values())


def part(pmid: str) -> str:
    """Return the fixed split of a PMID: dev when its SHA-1 (as an integer) is even, else test."""
    return "dev" if int(hashlib.sha1(pmid.encode()).hexdigest(), 16) % 2 == 0 else "test"


def is_disorder(treats: Treats) -> bool:
    """Return whether a predication's object is a disorder (not a population or organism)."""
    return treats.object_type not in set(word_lists()["semrep_population_types"])


def claims(findings: tuple[Finding, ...]) -> list[Finding]:
    """Return a sentence's therapy -> condition claims: non-negated findings with both, deduplicated."""
    seen, out = set(), []
    for f in findings:
        if f.condition is None or f.negated:
            continue
        key = (f.therapy.label.lower(), f.condition.label.lower())
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def matches(claim: Finding, gold: Treats) -> bool:
    """Return whether a claim's therapy and condition name the predication's subject and object."""
    therapy, condition = names(claim.therapy), names(claim.condition)
    return any(same_entity(therapy, s) for s in (gold.subject_text, gold.subject_name)) and any(
        same_entity(condition, o) for o in (gold.object_text, gold.object_name)
    )


def match_count(pred: list[Finding], gold: list[Treats]) -> int:
    """Return the number of one-to-one matches (greedy, in order) between claims and predications."""
    used: set[int] = set()
    for claim in pred:
        hit = next((i for i, g in enumerate(gold) if i not in used and matches(claim, g)), None)
        if hit is not None:
            used.add(hit)
    return len(used)


def evaluate(
    path: Path, limit: int | None = None
) -> tuple[dict[str, Any], list[tuple[GoldSentence, list[Finding]]]]:
    """Return counts and scores per part (dev, test, all) and gold set, and each sentence's claims."""
    sentences = parse(read_text(path))[:limit]
    counts = {(p, g): Counts() for p in PARTS for g in ("disorder", "all")}
    sizes = dict.fromkeys(PARTS, 0)
    items = []
    for s in sentences:
        pred = claims(tuple(f for r in extract(s.sid, s.text) for f in r.findings))
        items.append((s, pred))
        for p in (part(s.pmid), "all"):
            sizes[p] += 1
            for name, gold in (("disorder", [t for t in s.treats if is_disorder(t)]), ("all", s.treats)):
                tp = match_count(pred, gold)
                counts[(p, name)].add(tp, len(pred) - tp, len(gold) - tp)
    totals: dict[str, Any] = {}
    for p in PARTS:
        totals[p] = {"sentences": sizes[p], **{g: counts[(p, g)].as_dict() for g in ("disorder", "all")}}
    return totals, items


def error_lines(items: list[tuple[GoldSentence, list[Finding]]]) -> Iterator[str]:
    """Yield the dev sentences where claims and TREATS predications differ (dev only)."""
    for s, pred in items:
        gold = [t for t in s.treats if is_disorder(t)]
        if part(s.pmid) != "dev" or match_count(pred, gold) == len(pred) == len(gold):
            continue
        yield f"## {s.sid}\nsentence: {s.text}"
        yield from (
            f"  expected: {t.subject_text} ({t.subject_name}) TREATS {t.object_text} ({t.object_name})"
            for t in gold
        )
        yield from (
            f"  got: {describe(f)} / condition {f.condition.text if f.condition else '-'}" for f in pred
        )
        yield ""


def main(argv: list[str] | None = None) -> int:
    """Print dev, test and all totals; optionally write the dev differences."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_external_option(parser)
    parser.add_argument("--errors", type=Path, help="write the dev sentences that differ to this file")
    args = parser.parse_args(argv)

    def run() -> tuple[dict[str, Any], Iterator[str]]:
        totals, items = evaluate(external_dir(args.external) / "semrep_gold" / "gs_500_reconciled.txt")
        return totals, error_lines(items)

    return report(run, args.errors)


if __name__ == "__main__":
    sys.exit(main())
