"""Train therapy-kg's part-of-speech tagger and ship it in kg/extractors/syntax/model/.

Data: the Universal Dependencies English Web Treebank (UD_English-EWT, CC BY-SA 4.0), read from
../shared/external/ud_english_ewt/ (never copied into the repository). Steps:

1. `prepare_ewt.py` re-tokenises each treebank sentence the way kg.text.tokens cuts words and
   writes spaCy DocBins (train, dev, test) to a work folder;
2. `spacy train tools/syntax/tagger.cfg` trains a small CNN tagger (width 64, depth 2; about 5 MB);
3. the best model on the dev part replaces kg/extractors/syntax/model/, and its accuracy on the
   test part is printed.

    python tools/syntax/train.py [--ewt ../shared/external/ud_english_ewt] [--work build/syntax]

Takes about 10 minutes on 2 cores. The weights are a work derived from the treebank and are
distributed under CC BY-SA 4.0 (kg/extractors/syntax/model/README.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODEL = ROOT / "kg" / "extractors" / "syntax" / "model"


def main() -> None:
    """Prepare the data, train, evaluate and install the tagger."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ewt", default=str(ROOT.parent / "shared" / "external" / "ud_english_ewt"))
    parser.add_argument("--work", default=str(ROOT / "build" / "syntax"))
    args = parser.parse_args()
    work = Path(args.work)
    data = work / "data"
    subprocess.run([sys.executable, str(HERE / "prepare_ewt.py"), args.ewt, str(data)], check=True)
    out = work / "model"
    subprocess.run(
        [
            sys.executable, "-m", "spacy", "train", str(HERE / "tagger.cfg"),
            "--paths.train", str(data / "train.spacy"), "--paths.dev", str(data / "dev.spacy"),
            "-o", str(out),
        ],
        check=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "spacy", "evaluate", str(out / "model-best"), str(data / "test.spacy")],
        check=True,
    )
    shutil.rmtree(MODEL, ignore_errors=True)
    shutil.copytree(out / "model-best", MODEL)
    shutil.copy(HERE / "MODEL_README.md", MODEL / "README.md")
    shutil.copy(data / "verbs.json", MODEL / "verbs.json")
    meta_path = MODEL / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="therapy_kg_tagger",
        version="1.0.0",
        description="Part-of-speech tagger of therapy-kg, trained on UD English EWT (see README.md)",
        license="CC BY-SA 4.0",
        author="therapy-kg",
    )
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    print(f"installed {MODEL}")


if __name__ == "__main__":
    main()
