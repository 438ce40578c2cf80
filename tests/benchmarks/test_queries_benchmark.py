"""The corpus of the query benchmark: real texts in turn and again until the sentences reach a count."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from queries import source_texts, write_corpus  # noqa: E402

from kg.model import Document  # noqa: E402
from kg.pieces import split  # noqa: E402

ABSTRACT = "TITLE: \nA trial.\n\nABSTRACT.RESULTS::\nNausea fell with ondansetron. Survival was equal.\n"


def test_corpus_repeats_the_texts_until_the_count(tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / "abstracts").mkdir(parents=True)
    (source / "txt").mkdir()
    (source / "abstracts" / "PMC1.abst").write_text(ABSTRACT, encoding="utf-8")
    (source / "txt" / "PMC2.txt").write_text("One sentence here. And a second one.", encoding="utf-8")
    texts = dict(source_texts(source))
    assert "TITLE" not in texts["abstracts-PMC1"] and "ABSTRACT" not in texts["abstracts-PMC1"]
    out = tmp_path / "corpus"
    written = write_corpus(source, 9, out)
    files = sorted(out.iterdir())
    assert [p.name for p in files[:2]] == ["r00-abstracts-PMC1.txt", "r00-txt-PMC2.txt"]
    counts = {p.name: len(split(Document(p.stem, p.read_text(encoding="utf-8")))[2]) for p in files}
    assert written == sum(counts.values()) >= 9
    assert written - counts[files[-1].name] < 9  # whole texts (in the order written), no more than needed
