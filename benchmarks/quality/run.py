"""Run the three public quality benchmarks, print one table, and with --write keep it in BENCHMARKS.md.

    .venv/bin/python benchmarks/quality/run.py [--external DIR] [--write] [--out BENCHMARKS.md]

Evidence Inference 2.0 (train less the gold sets' abstracts, validation, and test totals), the
EBM-NLP expert test set (totals) and the SemRep gold standard (dev, test, all), each beside the
published figure it compares with. The table
goes into the "Quality on public benchmarks" section (benchmarks/sections.py keeps it by name).
Only totals are printed; item-level listings come from each module's --errors, for the
development splits only.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sections import replace_section

from quality import ebm_nlp, evidence_inference, semrep
from quality.common import ROOT, DataError, add_external_option, external_dir

SECTION = "quality"


def ei_rows(ei: dict[str, dict[str, Any]]) -> list[str]:
    """Return the table rows of Evidence Inference (one per split)."""
    rows = []
    for split, t in ei.items():
        for arms, what in (("", "findings"), ("+arms", "findings and arm results")):
            rec = " / ".join(f"{t[m + arms]['recall']:.1f}" for m in evidence_inference.MEASURES)
            rows.append(
                f"| Evidence Inference 2.0, abstract evidence, ev2 {split}, {what} | {t['scored']} prompts "
                f"({t['articles']} abstracts) | recall outcome / +direction / +therapy: {rec} "
                f"| none comparable (the papers classify the label given the prompt) |"
            )
    return rows


def ebm_rows(ebm: dict[str, Any]) -> list[str]:
    """Return the table rows of EBM-NLP (one per class)."""
    rows = []
    for name in ("intervention", "outcome", "outcome_or_condition"):
        c = ebm[name]
        rows.append(
            f"| EBM-NLP expert test, {name.replace('_', ' ')} tokens | {ebm['abstracts']} abstracts, {ebm['tokens']:,} tokens "
            f"| P {c['precision']:.1f} / R {c['recall']:.1f} / F1 {c['f1']:.1f} "
            f"| SciBERT 71.18 (token macro-F1 over P, I, O; fine-tuned) |"
        )
    return rows


def semrep_rows(sr: dict[str, dict[str, Any]]) -> list[str]:
    """Return the table rows of SemRep (one per part, disorder-object TREATS)."""
    rows = []
    for name in semrep.PARTS:
        c = sr[name]["disorder"]
        gold = c["tp"] + c["fn"]
        rows.append(
            f"| SemRep gold, TREATS (disorder objects), {name} | {sr[name]['sentences']} sentences, {gold} TREATS "
            f"| P {c['precision']:.1f} / R {c['recall']:.1f} / F1 {c['f1']:.1f} "
            f"| SemRep relaxed P 69 / R 42 / F1 52 (all predicates) |"
        )
    return rows


def measure(external: Path) -> list[str]:
    """Run the benchmarks and return the table's lines."""
    ei_dir = external / "evidence_inference"
    ei = {split: evidence_inference.evaluate(ei_dir, split)[0] for split in evidence_inference.SPLITS}
    ebm = ebm_nlp.evaluate(external / "ebm_nlp" / "test.txt")
    sr, _ = semrep.evaluate(external / "semrep_gold" / "gs_500_reconciled.txt")
    return [
        "| benchmark | items | therapy-kg | published |",
        "| --- | --- | --- | --- |",
        *ei_rows(ei),
        *ebm_rows(ebm),
        *semrep_rows(sr),
        "",
        *count_lines(ei, sr),
    ]


def count_lines(ei: dict[str, dict[str, Any]], sr: dict[str, dict[str, Any]]) -> list[str]:
    """Return what was kept of each Evidence Inference split, and SemRep with every TREATS object."""
    lines = [
        f"- Evidence Inference ev2 {split}: {t['prompts']} prompts, {t['valid_agreeing']} with agreeing valid "
        f"labels, {t['baseline_dropped']} against a baseline dropped, {t['in_abstract']} with evidence in the "
        f"abstract ({t['swapped']} with the arms swapped); found: outcome {t['outcome_any']['found']}, "
        f"+direction {t['outcome_direction']['found']}, +therapy {t['therapy_outcome_direction']['found']}."
        for split, t in ei.items()
    ]
    every = ", ".join(
        f"{name} P {sr[name]['all']['precision']:.1f} / R {sr[name]['all']['recall']:.1f} / F1 {sr[name]['all']['f1']:.1f}"
        for name in semrep.PARTS
    )
    lines.append(f'- SemRep with every TREATS (population objects such as "patients" too): {every}.')
    return lines


def section(table: list[str]) -> list[str]:
    """Return the BENCHMARKS.md section around the table."""
    day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    return [
        "## Quality on public benchmarks",
        "",
        f"Run of {day} (`.venv/bin/python benchmarks/quality/run.py --write`), data read from "
        "`../shared/external`. Scoring rules: the docstrings of `benchmarks/quality/*.py`; recall, "
        "precision and F1 in percent. Test splits: totals only.",
        "",
        *table,
        "",
        "The published figures are not like for like: SciBERT is a tagger fine-tuned on EBM-NLP and scored "
        "by macro-F1 over three classes; SemRep's figure covers all its predicates, not TREATS alone; "
        "Evidence Inference's papers predict the label of a given prompt, while therapy-kg must find the "
        "therapy, the outcome and the direction itself. *Arm results* are claims about an arm a sentence "
        'names by role or label ("the intervention group", "between the two groups"), resolved to the '
        "treatment the abstract gives that arm; the graph keeps them apart from the findings "
        "(`tkg:ArmResult`), since the annotation guidelines leave such references unannotated.",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run, print, and optionally write the section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_external_option(parser)
    parser.add_argument("--write", action="store_true", help="update the section in BENCHMARKS.md")
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    try:
        table = measure(external_dir(args.external))
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print("\n".join(table))
    if args.write:
        replace_section(args.out, SECTION, section(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
