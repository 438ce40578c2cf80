"""Turn Evidence Inference 2.0 abstracts into spaCy DocBins of weakly labelled therapy mentions.

    python tools/therapies/prepare_ei.py EI_DIR OUT_DIR [--unlabelled-share 0.3]

EI_DIR is ../shared/external/evidence_inference (MIT; each article keeps its PMC open-access
licence). For the articles of the ev2 train split (train.spacy) and of the ev2 validation split
(dev.spacy) - never the test split - each abstract (`abstracts/PMC<id>.abst`, header lines read as
passage breaks) is read by the extractor (kg.pipeline.Extractor: kg.text.sentences cuts the
sentences) and each sentence cut into kg.extractors.sentence.sentence_tokens, the tokens the
extractors read. The names of each article's Intervention and Comparator strings (labels.py), and
the other form of every abbreviation the abstract defines for one of them, are marked THERAPY
wherever they occur; unless --no-rules, so are the therapies the extractor's rules recognise in the
sentence where they overlap no name. Sentences with a mark are kept, and a seeded share of the
others. Articles of the project's gold sets (tests/data/real_abstracts*.jsonl, field "passage") are
left out. Writes train.spacy, dev.spacy and counts.json (articles, sentences, labelled sentences,
prompt spans, spans).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "benchmarks"))
from labels import find, is_therapy_name, names  # noqa: E402
from quality.extraction import HEADER_RE, passage_breaks  # noqa: E402

from kg.extractors.entities.abbreviations import find_abbreviations  # noqa: E402
from kg.extractors.sentence import sentence_tokens  # noqa: E402
from kg.model import Document  # noqa: E402
from kg.pipeline import Extractor  # noqa: E402
from kg.text.tokens import Token  # noqa: E402

GOLD = [
    ROOT / "tests" / "data" / "real_abstracts.jsonl",
    ROOT / "tests" / "data" / "real_abstracts_dev.jsonl",
]
LABEL = "THERAPY"
# the source of the mentions the tagger itself adds (integration.patch): never a label
SOURCE = "model"


def gold_passages() -> set[str]:
    """Return the article IDs of the project's gold sets ("PMC60658" -> "60658")."""
    out = set()
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.add(json.loads(line)["passage"].removeprefix("PMC"))
    return out


def split_ids(ei: Path, split: str) -> list[str]:
    """Return the article IDs of an ev2 split (the files have no final newline)."""
    return (ei / "splits" / f"ev2_{split}_article_ids.txt").read_text(encoding="utf-8").split()


def arm_strings(ei: Path) -> dict[str, set[str]]:
    """Return each article's Intervention and Comparator strings."""
    arms: dict[str, set[str]] = defaultdict(set)
    with (ei / "prompts_merged.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            arms[row["PMCID"].strip()].update((row["Intervention"], row["Comparator"]))
    return arms


def sentences(extractor: Extractor, pmc: str, text: str) -> list[tuple[list[Token], list[tuple[int, int]]]]:
    """Return the sentences of an abstract (not its header lines): their extractor tokens and the
    token spans of the therapies the extractor's rules recognise in them."""
    out = []
    for r in extractor.document(Document(pmc, text, breaks=passage_breaks(text))):
        if HEADER_RE.fullmatch(r.sentence.text.strip()):
            continue
        toks = sentence_tokens(r.sentence.text)
        if not toks:
            continue
        ruled = []
        for m in r.mentions:
            inside = [t.i for t in toks if m.start <= t.start and t.end <= m.end]
            if m.kind == "therapy" and m.source != SOURCE and inside:
                ruled.append((inside[0], inside[-1] + 1))
        out.append((toks, ruled))
    return out


def union(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the spans of first with those of second that overlap none of them."""
    taken = {i for s, e in first for i in range(s, e)}
    out = list(first)
    for s, e in sorted(second, key=lambda s: s[0] - s[1]):
        if not taken.intersection(range(s, e)):
            out.append((s, e))
            taken.update(range(s, e))
    return sorted(out)


def with_abbreviations(wanted: set[str], text: str) -> set[str]:
    """Return the names with the other form of each abbreviation the abstract defines for one."""
    lower = {w.lower() for w in wanted}
    more = set(wanted)
    for short, long in find_abbreviations(text).items():
        if (short.lower() in lower or long.lower() in lower) and is_therapy_name(long):
            more.update((short, long))
    return more


def to_doc(vocab: Vocab, toks: list[Token], spans: list[tuple[int, int]]) -> Doc:
    """Return a spaCy Doc of the tokens with the spans as THERAPY entities."""
    spaces = [a.end < b.start for a, b in itertools.pairwise(toks)] + [False]
    doc = Doc(vocab, words=[t.text for t in toks], spaces=spaces)
    doc.ents = [Span(doc, s, e, label=LABEL) for s, e in spans]
    return doc


def prepare(ei: Path, split: str, share: float, seed: int, rules: bool) -> tuple[DocBin, dict[str, int]]:
    """Return the DocBin of one split and its counts; with rules, the therapies the extractor's rules
    recognise are marked too (where they overlap no prompt name)."""
    vocab, rng, extractor = Vocab(), random.Random(seed), Extractor()
    leave_out, arms = gold_passages(), arm_strings(ei)
    counts = dict.fromkeys(
        "articles left_out missing sentences labelled unlabelled_kept prompt_spans spans".split(), 0
    )
    db = DocBin(store_user_data=False)
    for pmc in split_ids(ei, split):
        if pmc in leave_out:
            counts["left_out"] += 1
            continue
        path = ei / "abstracts" / f"PMC{pmc}.abst"
        if not path.exists():
            counts["missing"] += 1
            continue
        text = path.read_text(encoding="utf-8")
        wanted = with_abbreviations({n for arm in arms.get(pmc, ()) for n in names(arm)}, text)
        counts["articles"] += 1
        for toks, ruled in sentences(extractor, f"PMC{pmc}", text):
            counts["sentences"] += 1
            spans = find(toks, wanted)
            counts["prompt_spans"] += len(spans)
            spans = union(spans, ruled if rules else [])
            if spans:
                counts["labelled"] += 1
                counts["spans"] += len(spans)
            elif rng.random() < share:
                counts["unlabelled_kept"] += 1
            else:
                continue
            db.add(to_doc(vocab, toks, spans))
    return db, counts


def main() -> None:
    """Write train.spacy, dev.spacy and counts.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ei")
    parser.add_argument("out")
    parser.add_argument("--unlabelled-share", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-rules", action="store_true", help="mark the prompts' names only")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split, name in (("train", "train"), ("validation", "dev")):
        db, counts[split] = prepare(Path(args.ei), split, args.unlabelled_share, args.seed, not args.no_rules)
        db.to_disk(out / f"{name}.spacy")
        print(split, counts[split])
    (out / "counts.json").write_text(json.dumps(counts, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
