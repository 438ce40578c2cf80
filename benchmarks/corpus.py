"""Generate a realistic synthetic corpus: abstract-sized documents of varied clinical sentences.

Therapies, conditions and outcomes are drawn (with a fixed seed) from the installed drug and
disease vocabularies and the bundled end points, and numbers, citations and designs vary, so no
sentence repeats another. Run `python benchmarks/corpus.py N OUT_DIR` to write N sentences.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

from kg.resources import ontology_file
from kg.vocab.skos import skos_entries
from kg.vocab.sources import drugs, mesh_diseases

SENTENCES_PER_DOC = 10
SEED = 20261125

TEMPLATES = (
    "In a randomized controlled trial of {n} patients with {c}, {t} significantly reduced {o} "
    "compared with placebo ({a} et al., {y}).",
    "{T} improved {o} in adults with {c} [{r}].",
    "{T} did not reduce {o} in patients with {c} ({r}).",
    "A meta-analysis of {k} trials found that {t} lowered the risk of {o} (hazard ratio 0.{h}).",
    "{O} was significantly reduced by {t} in {n} children with {c} ({a} and {b} {y}).",
    "Patients receiving {t} had fewer {o} than those receiving {t2}.",
    "There was no significant difference in {o} between {t} and {t2} [{r}-{r2}].",
    "{T} may improve {o} in older adults with {c}, although further trials are needed.",
    "In a retrospective study of {n} adults with {c}, {t} was associated with a lower risk of {o}.",
    "{O} and {o2} were more frequent with {t} than with {t2} ({a} et al. {y}).",
    "{C} affects about {p}% of adults and is a common cause of disability.",
    "Low-dose {t} plus {t2} increased {o} at {w} weeks in a prospective cohort study of {n} patients.",
    "{T} was non-inferior to {t2} for {o} in patients with {c} ({r}).",
    "The benefit of {t} on {o} persisted at {w} months without increasing {o2}.",
)


def _pools(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """Return sampled therapy, condition and outcome names from the vocabularies."""
    therapies = sorted({v for v, e in drugs() if v.isalpha() and 6 <= len(v) <= 14 and not e.proper})
    conditions = sorted({v for v, _ in mesh_diseases() if "," not in v and 2 <= len(v.split()) <= 3})
    outcomes = sorted(
        {
            v
            for v, e in skos_entries(ontology_file("vocabulary.ttl"), "vocabulary")
            if e.kind == "outcome" and v.islower()
        }
    )
    return rng.sample(therapies, 400), rng.sample(conditions, 400), outcomes


def sentences(n: int, seed: int = SEED) -> Iterator[str]:
    """Yield n varied sentences."""
    rng = random.Random(seed)
    therapies, conditions, outcomes = _pools(rng)
    authors = ["Smith", "Garcia", "Chen", "Okafor", "Müller", "Rossi", "Tanaka", "Novak", "Silva", "Kim"]
    for i in range(n):
        t, t2 = rng.sample(therapies, 2)
        o, o2 = rng.sample(outcomes, 2)
        c = rng.choice(conditions)
        values = {
            "t": t,
            "T": t.capitalize(),
            "t2": t2,
            "o": o,
            "O": o.capitalize(),
            "o2": o2,
            "c": c,
            "C": c.capitalize(),
            "n": f"{rng.randint(20, 12000):,}",
            "k": rng.randint(3, 60),
            "h": rng.randint(40, 95),
            "p": rng.randint(1, 30),
            "w": rng.choice((4, 8, 12, 24, 52)),
            "a": rng.choice(authors),
            "b": rng.choice(authors),
            "y": rng.randint(1985, 2025),
            "r": rng.randint(1, 80),
            "r2": rng.randint(81, 99),
        }
        yield TEMPLATES[i % len(TEMPLATES)].format(**values)


def write_corpus(n: int, out: Path, seed: int = SEED) -> list[Path]:
    """Write n sentences as abstract-sized text files under out; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    batch: list[str] = []
    for s in sentences(n, seed):
        batch.append(s)
        if len(batch) == SENTENCES_PER_DOC:
            files.append(out / f"doc{len(files):07d}.txt")
            files[-1].write_text(" ".join(batch) + "\n", encoding="utf-8")
            batch = []
    if batch:
        files.append(out / f"doc{len(files):07d}.txt")
        files[-1].write_text(" ".join(batch) + "\n", encoding="utf-8")
    return files


if __name__ == "__main__":
    print(len(write_corpus(int(sys.argv[1]), Path(sys.argv[2]))), "documents")
