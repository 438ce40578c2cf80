"""Derive the sentence openers of kg/text/openers.json from real abstracts.

    .venv/bin/python tools/text/openers.py [--external ../shared/external]

A title copied without its final period runs into the next sentence ("... in Madagascar The
aim ..."). The words that may start a new sentence there are those that often open a sentence and
are almost never capitalised inside one: counted on the Evidence Inference 2.0 ev2 train abstracts
(`evidence_inference/abstracts/`, MIT licence; each article keeps its PMC open-access licence),
leaving out the abstracts of tests/data/real_abstracts*.jsonl. A word is kept when at least
MIN_STARTS sentences open with it and under MAX_CAPITALISED of its uses inside a sentence are
capitalised. The data is read from ../shared, never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from kg.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[2]
MIN_STARTS = 15
MAX_CAPITALISED = 0.02
OUT = ROOT / "kg" / "text" / "openers.json"
WORD_RE = re.compile(r"[A-Za-z]+")


def _texts(external: Path) -> list[str]:
    """Return the ev2 train abstracts, less the gold sets' own, without their layout lines."""
    ei = external / "evidence_inference"
    train = set((ei / "splits" / "ev2_train_article_ids.txt").read_text().split())
    gold = {
        json.loads(line)["passage"]
        for name in ("real_abstracts.jsonl", "real_abstracts_dev.jsonl")
        for line in (ROOT / "tests" / "data" / name).open(encoding="utf-8")
    }
    texts = []
    for path in sorted((ei / "abstracts").glob("PMC*.abst")):
        if path.stem.removeprefix("PMC") in train and path.stem not in gold:
            lines = path.read_text(encoding="utf-8").splitlines()
            texts.append(
                "\n\n".join(x for x in lines if x.strip() and not x.startswith(("TITLE", "ABSTRACT")))
            )
    return texts


def openers(texts: list[str]) -> list[str]:
    """Return the words that open sentences often and are capitalised inside them rarely."""
    starts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for s in split_sentences(text):
            words = WORD_RE.findall(s.text)
            if words:
                starts[words[0].lower()] += 1
            for w in (x.strip("(),;:.") for x in s.text.split()[1:]):
                if w.isalpha() and w[0].isupper() and w[1:].islower():
                    capitalised[w.lower()] += 1
                elif w.isalpha() and w.islower():
                    lower[w] += 1
    return sorted(
        w
        for w, n in starts.items()
        if n >= MIN_STARTS and lower[w] and capitalised[w] / (capitalised[w] + lower[w]) < MAX_CAPITALISED
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--external", type=Path, default=ROOT.parent / "shared" / "external")
    args = parser.parse_args()
    texts = _texts(args.external)
    table = json.loads(OUT.read_text(encoding="utf-8"))
    table["openers"] = openers(texts)
    OUT.write_text(json.dumps(table, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(texts)} abstracts, {len(table['openers'])} openers -> {OUT}")


if __name__ == "__main__":
    main()
