"""Score the intervention tagger alone: spans on weakly labelled Evidence Inference sentences, and
intervention tokens on the EBM-NLP expert test set.

    python tools/therapies/evaluate.py MODEL DEV.spacy [DEV.spacy ...] [--ebm EBM_NLP_TEST.txt]

- A DocBin of prepare_ei.py (the ev2 validation split): exact-span precision, recall and F1 of the
  THERAPY spans against the weak labels (with and without the rules' therapies, as prepared).
- EBM-NLP (191 expert-annotated test abstracts; benchmarks/quality/ebm_nlp.py reads it the same
  way): each abstract's tokens joined by spaces, cut into sentences and tokens as the extractors
  cut them; a gold token is predicted I-INT when it overlaps a tagged span. Token-level precision,
  recall and F1 over all tokens. A test set: totals only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import itertools  # noqa: E402

import spacy  # noqa: E402
from quality.ebm_nlp import join_tokens, parse  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from kg.extractors.sentence import sentence_tokens  # noqa: E402
from kg.text.sentences import split_sentences  # noqa: E402
from kg.text.tokens import Token  # noqa: E402


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Return precision, recall and F1 in percent with the counts."""
    p = 100 * tp / (tp + fp) if tp + fp else 0.0
    r = 100 * tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 1), "r": round(r, 1), "f1": round(f, 1), "tp": tp, "fp": fp, "fn": fn}


def spans_score(model: Path, path: Path) -> dict[str, float | int]:
    """Return the exact-span scores of the tagger on a DocBin's weak labels."""
    nlp = spacy.load(model)
    gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    tp = fp = fn = 0
    for g, d in zip(gold, nlp.pipe([Doc(nlp.vocab, words=[t.text for t in g]) for g in gold]), strict=True):
        want = {(e.start, e.end) for e in g.ents}
        got = {(e.start, e.end) for e in d.ents}
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    return prf(tp, fp, fn)


def therapy_spans(nlp: Any, sentences: list[list[Token]]) -> list[list[tuple[int, int]]]:
    """Return, per sentence, the token spans the tagger reads as therapies (one batch)."""
    docs = [
        Doc(
            nlp.vocab,
            words=[t.text for t in toks],
            spaces=[a.end < b.start for a, b in itertools.pairwise(toks)] + [False],
        )
        for toks in sentences
    ]
    return [[(e.start, e.end) for e in d.ents] for d in nlp.pipe(docs, batch_size=256)]


def ebm_score(model: Path, path: Path) -> dict[str, float | int]:
    """Return the token-level intervention scores of the tagger on EBM-NLP."""
    nlp = spacy.load(model)
    tp = fp = fn = 0
    for ab in parse(path.read_text(encoding="utf-8")):
        text, token_spans = join_tokens(ab.tokens)
        sents = split_sentences(text)
        toks = [sentence_tokens(s.text) or [Token(0, " ", 0, 1)] for s in sents]
        spans = [
            (s.start + t[a].start, s.start + t[b - 1].end)
            for s, t, found in zip(sents, toks, therapy_spans(nlp, toks), strict=True)
            for a, b in found
        ]
        for (a, b), tag in zip(token_spans, ab.tags, strict=True):
            pred = any(x < b and a < y for x, y in spans)
            gold = tag == "I-INT"
            tp, fp, fn = tp + (pred and gold), fp + (pred and not gold), fn + (gold and not pred)
    return prf(tp, fp, fn)


def main() -> None:
    """Print the scores as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("dev", nargs="*")
    parser.add_argument("--ebm", default="", help="EBM-NLP test.txt (a test set: totals only)")
    args = parser.parse_args()
    out = {d: spans_score(Path(args.model), Path(d)) for d in args.dev}
    if args.ebm:
        out["ebm_nlp_intervention_tokens"] = ebm_score(Path(args.model), Path(args.ebm))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
