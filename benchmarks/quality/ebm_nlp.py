"""EBM-NLP expert test set: token-level precision, recall and F1 of intervention and outcome mentions.

Data: `../shared/external/ebm_nlp/test.txt` — the 191 expert-annotated test abstracts of EBM-NLP
(Nye et al., ACL 2018; GitHub `bepnye/EBM-NLP`), in the copy kept by GitHub `allenai/scibert`
(commit 06793f7, `data/pico/ebmnlp/test.txt`, Apache 2.0 repository; EBM-NLP itself has no licence
file: research use, cite Nye et al. 2018). One token per line `token NN O TAG`, TAG in I-PAR, I-INT,
I-OUT, O; `-DOCSTART- (PMID)` starts an abstract.

Rule: each abstract's tokens are joined by single spaces into one text (the original spacing is
lost) and run through the extractor as one document. A token is predicted I when its characters
overlap a therapy mention of any sentence, O when they overlap an outcome mention (a token may be
both). Per class, over all tokens of the 191 abstracts: tp = gold and predicted, fp = predicted not
gold, fn = gold not predicted; P, R, F1 in percent. `outcome_or_condition` also counts condition
mentions as O (therapy-kg files "nausea", "pain" as conditions; EBM-NLP marks them as outcomes).
This is a test set: totals only.

Published: SciBERT (SciVocab) 71.18 F1 on EBM-NLP PICO — a token-level macro-F1 over the P, I and
O classes of a fine-tuned tagger, so not the same figure as these per-class ones.

    .venv/bin/python benchmarks/quality/ebm_nlp.py
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.model import SentenceResult
from quality.common import Counts, DataError, add_external_option, external_dir, read_text, report
from quality.extraction import extract

CLASSES = {"intervention": "I-INT", "outcome": "I-OUT"}
TAGS = frozenset({"I-PAR", "I-INT", "I-OUT", "O"})


@dataclass(frozen=True)
class Abstract:
    """One abstract: its PMID, its tokens and their gold tags."""

    pmid: str
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def parse(text: str) -> Iterator[Abstract]:
    """Yield the abstracts of an EBM-NLP CoNLL file; raise DataError on a malformed line."""
    pmid: str | None = None
    tokens: list[str] = []
    tags: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("-DOCSTART-"):
            if pmid is not None:
                yield Abstract(pmid, tuple(tokens), tuple(tags))
            pmid, tokens, tags = line.split("(")[-1].rstrip(") "), [], []
            continue
        if not line.strip():
            continue
        parts = line.split()
        if pmid is None or len(parts) != 4 or parts[3] not in TAGS:
            raise DataError(f"line {n} of the EBM-NLP file is not `token NN O TAG`: {line[:60]!r}")
        tokens.append(parts[0])
        tags.append(parts[3])
    if pmid is not None:
        yield Abstract(pmid, tuple(tokens), tuple(tags))


def join_tokens(tokens: tuple[str, ...]) -> tuple[str, list[tuple[int, int]]]:
    """Return the tokens joined by spaces and each token's character span in that text."""
    spans, at = [], 0
    for tok in tokens:
        spans.append((at, at + len(tok)))
        at += len(tok) + 1
    return " ".join(tokens), spans


def mention_spans(results: list[SentenceResult], kinds: set[str]) -> list[tuple[int, int]]:
    """Return the document spans of the mentions of the given kinds."""
    return [
        (r.sentence.start + m.start, r.sentence.start + m.end)
        for r in results
        for m in r.mentions
        if m.kind in kinds
    ]


def token_flags(token_spans: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """Return, per token, whether it overlaps any of the spans."""
    return [any(s < me and ms < e for ms, me in spans) for s, e in token_spans]


def count(gold: list[bool], pred: list[bool], counts: Counts) -> None:
    """Add one abstract's token counts of one class."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    counts.add(tp, sum(pred) - tp, sum(gold) - tp)


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Return the token-level counts and scores of each class over the file's abstracts."""
    kinds = {
        "intervention": {"therapy"},
        "outcome": {"outcome"},
        "outcome_or_condition": {"outcome", "condition"},
    }
    counts = {name: Counts() for name in kinds}
    abstracts = list(parse(read_text(path)))[:limit]
    for ab in abstracts:
        text, tspans = join_tokens(ab.tokens)
        results = extract(ab.pmid, text)
        for name, wanted in kinds.items():
            tag = CLASSES["intervention" if name == "intervention" else "outcome"]
            count(
                [t == tag for t in ab.tags], token_flags(tspans, mention_spans(results, wanted)), counts[name]
            )
    tokens = sum(len(a.tokens) for a in abstracts)
    return {"abstracts": len(abstracts), "tokens": tokens, **{k: c.as_dict() for k, c in counts.items()}}


def main(argv: list[str] | None = None) -> int:
    """Print the totals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_external_option(parser)
    args = parser.parse_args(argv)
    return report(lambda: (evaluate(external_dir(args.external) / "ebm_nlp" / "test.txt"), []))


if __name__ == "__main__":
    sys.exit(main())
