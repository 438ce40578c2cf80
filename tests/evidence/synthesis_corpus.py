"""The small corpus of the evidence synthesis tests: two randomized trials and a meta-analysis agree,
a case series disagrees, one document names the entities by other surface forms ("MS", "QoL"),
and another defines "MS" as mitral stenosis."""

from __future__ import annotations

from pathlib import Path

from kg.cli import main

DOCS = {
    "rct_a.txt": "In a randomized controlled trial of 240 patients with multiple sclerosis, natalizumab "
    "improved quality of life (Smith et al 2019).",
    # other surface forms: "MS" defined in the document, "QoL"
    "rct_b.txt": "Natalizumab is used in multiple sclerosis (MS). In a randomized controlled trial of 180 "
    "patients with MS, natalizumab improved QoL (Okafor et al 2020).",
    "meta.txt": "A meta-analysis of 2400 patients with multiple sclerosis showed that natalizumab improved "
    "health-related quality of life (Lindqvist et al 2021).",
    "case_series.txt": "In a case series of 24 patients with multiple sclerosis, natalizumab reduced quality "
    "of life (Brown et al 2018).",
    # "MS" means something else here
    "mitral.txt": "Mitral stenosis (MS) limits exercise. In patients with MS, balloon valvuloplasty improved "
    "exercise capacity (Patel et al 2017).",
}


def write_corpus(folder: Path, skip: tuple[str, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCS.items():
        if name not in skip:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_corpus(root: Path) -> dict[str, Path]:
    """Build the corpus into a graph file and a store under root; return where they are."""
    corpus = write_corpus(root / "docs")
    assert main(["build", str(corpus), "-o", str(root / "g.ttl"), "-q"]) == 0
    assert main(["build", str(corpus), "--store", str(root / "st"), "-q"]) == 0
    return {"docs": corpus, "file": root / "g.ttl", "store": root / "st", "root": root}
