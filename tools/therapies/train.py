"""Train therapy-kg's statistical intervention tagger (a spaCy entity recogniser, label THERAPY).

Data: Evidence Inference 2.0 (MIT; the abstracts are PMC open-access articles), read from
../shared/external/evidence_inference/ (never copied into the repository). Steps:

1. `prepare_ei.py` marks, in the abstracts of the ev2 train split (less the articles of
   tests/data/real_abstracts*.jsonl) and of the ev2 validation split, the names of each article's
   Intervention and Comparator strings (labels.py) and, unless --no-rules, the therapies the
   extractor's rules recognise, on the extractors' own sentences and tokens; DocBins go to the work
   folder. The ev2 test split is never read.
2. `spacy train tools/therapies/ner.cfg` trains a small CNN tagger (width 96, depth 4; about 6 MB).
3. `evaluate.py` scores the best model on the validation split's weak labels (the prompts' names
   alone, and with the rules' therapies) and, with --ebm, on EBM-NLP's expert test set.

    python tools/therapies/train.py [--ei ../shared/external/evidence_inference] [--work build/therapies]

Takes about 8 minutes on 2 shared cores. The model stays in the work folder (MODEL_README.md says
why it is not shipped).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def main() -> None:
    """Prepare the data, train and evaluate the tagger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ei", default=str(ROOT.parent / "shared" / "external" / "evidence_inference"))
    parser.add_argument("--work", default=str(ROOT / "build" / "therapies"))
    parser.add_argument("--ebm", default="", help="EBM-NLP test.txt to score (a test set: totals only)")
    args = parser.parse_args()
    work = Path(args.work)
    data, prompts = work / "data", work / "data_prompts"
    prepare = [sys.executable, str(HERE / "prepare_ei.py"), args.ei]
    subprocess.run([*prepare, str(data)], check=True)
    subprocess.run([*prepare, str(prompts), "--no-rules"], check=True)
    out = work / "model"
    subprocess.run(
        [
            sys.executable, "-m", "spacy", "train", str(HERE / "ner.cfg"),
            "--paths.train", str(data / "train.spacy"), "--paths.dev", str(data / "dev.spacy"),
            "-o", str(out),
        ],
        check=True,
    )  # fmt: skip
    evaluate = [sys.executable, str(HERE / "evaluate.py"), str(out / "model-best")]
    evaluate += [str(prompts / "dev.spacy"), str(data / "dev.spacy"), "--ebm", args.ebm]
    subprocess.run(evaluate, check=True)


if __name__ == "__main__":
    main()
