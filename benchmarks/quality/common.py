"""Shared pieces of the quality benchmarks: where the data is, word matching, counts and scores.

Matching of entity strings follows the shared referee (`../shared/eval/score.py`, read, not imported):
lower-cased alphanumeric words, a plural `-ies` -> `-y` and a final `-s` dropped (not `-ss`, `-us`,
`-is`), a few function words removed ("content words"); two strings name the same entity when one's
content words lie inside the other's (a longer prediction with at most three extra words) or their
Jaccard overlap is at least 0.5.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_EXTERNAL = ROOT.parent / "shared" / "external"
# the referee's function words
STOP = frozenset("the a an of in with for and to on by at as its".split())
WORD_RE = re.compile(r"[a-z0-9]+")


class DataError(Exception):
    """The benchmark data is missing or not in the expected format (one line for the user)."""


def words(text: str | None) -> list[str]:
    """Return the normalised words of a text, as the referee computes them."""
    out = []
    for w in WORD_RE.findall((text or "").lower()):
        if len(w) > 3 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        out.append(w)
    return out


def content(text: str | None) -> frozenset[str]:
    """Return the content words of a text (its normalised words minus function words)."""
    return frozenset(w for w in words(text) if w not in STOP)


def same_entity(pred: Iterable[str], gold: str | None) -> bool:
    """Return whether any of the predicted strings (a label and its variants) names the gold entity."""
    g = content(gold)
    for text in pred:
        p = content(text)
        if not p or not g:
            continue
        if p <= g or (g <= p and len(p) <= len(g) + 3) or len(p & g) / len(p | g) >= 0.5:
            return True
    return False


@dataclass
class Counts:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        """Add one item's counts."""
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def precision(self) -> float:
        """Return tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Return tp / (tp + fn), 0 when there is no gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Return counts and scores (percentages, two decimals)."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(100 * self.precision, 2),
            "recall": round(100 * self.recall, 2),
            "f1": round(100 * self.f1, 2),
        }


def pct(num: int, den: int) -> float:
    """Return num/den as a percentage with two decimals (0 when den is 0)."""
    return round(100 * num / den, 2) if den else 0.0


def external_dir(value: str | None) -> Path:
    """Return the folder of external data (default ../shared/external beside the repository)."""
    path = Path(value) if value else DEFAULT_EXTERNAL
    if not path.is_dir():
        raise DataError(f"no external data folder at {path} (give --external)")
    return path


def add_external_option(parser: argparse.ArgumentParser) -> None:
    """Add the --external option (the folder holding evidence_inference/, ebm_nlp/, semrep_gold/)."""
    parser.add_argument(
        "--external",
        default=None,
        help=f"folder of the external benchmark data (default: {DEFAULT_EXTERNAL})",
    )


def read_text(path: Path) -> str:
    """Return a UTF-8 file's text, or raise DataError naming the missing file."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None


def report(run: Callable[[], tuple[dict[str, Any], Iterable[str]]], errors: Path | None = None) -> int:
    """Run a benchmark, print its totals, and write its error listing when asked; return the exit code.

    The listing is written whole or not at all (write_lines)."""
    try:
        totals, lines = run()
        for key, value in totals.items():
            print(f"{key}: {value}")
        if errors is not None:
            write_lines(errors, lines)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def write_lines(path: Path, lines: Iterable[str]) -> None:
    """Write lines to a temporary file renamed into place; raise DataError when it cannot be written."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise DataError(f"cannot write {path}: {exc.strerror or exc}") from None
