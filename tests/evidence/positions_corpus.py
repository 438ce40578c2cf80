"""A corpus for the label positions' tests: 24 short texts of two sentences, each a finding of one
of eight therapies in a study of one of four designs, with or without a condition."""

from __future__ import annotations

from pathlib import Path

THERAPIES = (
    "baclofen",
    "tizanidine",
    "natalizumab",
    "metformin",
    "insulin glargine",
    "exercise therapy",
    "botulinum toxin",
    "gabapentin",
)
CONDITIONS = ("multiple sclerosis", "cerebral palsy", "type 2 diabetes", "", "spinal cord injury")
AUTHORS = ("Smith", "Okafor", "Lee", "Brown", "Patel")
SENTENCES = (
    "In a randomized controlled trial of 120 patients{c}, {t} reduced pain ({a} et al 20{y}).",
    "A meta-analysis showed that {t} improved quality of life{c} ({a} et al 20{y}).",
    "In a case series of 12 patients{c}, {t} reduced spasticity ({a} et al 20{y}).",
    "{t} did not change mortality{c} in a retrospective study ({a} et al 20{y}).",
)


def _sentence(k: int, therapy: str, condition: str, author: str, year: int) -> str:
    text = SENTENCES[k % len(SENTENCES)].format(
        t=therapy, c=f" with {condition}" if condition else "", a=author, y=year
    )
    return text[0].upper() + text[1:]


def write_corpus(folder: Path, count: int = 24) -> list[Path]:
    """Write the texts under folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        first = _sentence(i, THERAPIES[i % 8], CONDITIONS[i % 5], AUTHORS[i % 5], 10 + i % 9)
        second = _sentence(i + 1, THERAPIES[i * 3 % 8], CONDITIONS[(i + 2) % 5], "Garcia", 11 + i % 7)
        path = folder / f"d{i:02d}.txt"
        path.write_text(f"{first} {second}", encoding="utf-8")
        paths.append(path)
    return paths
