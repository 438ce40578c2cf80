"""Read the weights that an evidence summary gives each finding: a JSON file users can override.

A finding weighs design x sample size x (hedged, when hedged); the file also says how much
support each of two directions needs before a claim counts as contradicted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.graph.io import write_atomic
from kg.namespaces import DESIGN_IRIS
from kg.resources import ontology_file

WEIGHTS_FILE = "evidence-weights.json"
# a store keeps the weights it was built with beside its data, so that later commands agree
STORE_WEIGHTS = "therapy-kg-weights.json"


@dataclass(frozen=True)
class Weights:
    """The weight of each design, of sample sizes, of hedging, and the contradiction threshold."""

    designs: dict[str, float]
    no_design: float
    unknown_size: float
    sizes: tuple[tuple[int, float], ...]  # (at least this many patients, weight), ascending
    hedged: float
    contradiction_support: float

    def design(self, name: str | None) -> float:
        """Return the weight of a design (its label), or of no stated design."""
        return self.designs.get(name, self.no_design) if name else self.no_design

    def size(self, n: int | None) -> float:
        """Return the weight of a sample size: the step of the largest threshold it reaches."""
        if n is None:
            return self.unknown_size
        reached = [w for least, w in self.sizes if n >= least]
        return reached[-1] if reached else self.sizes[0][1]

    def finding(self, design: str | None, n: int | None, hedged: bool) -> float:
        """Return the weight of one finding."""
        return self.design(design) * self.size(n) * (self.hedged if hedged else 1.0)


def _unit(value: Any, what: str, path: Path) -> float:
    """Return a weight in (0, 1], or fail with one line naming the entry."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise KgError(f"{path}: {what} must be a number in (0, 1], not {value!r}")
    return float(value)


def parse_weights(data: Any, path: Path) -> Weights:
    """Check a weights document and return its Weights (one-line errors naming the entry)."""
    if not isinstance(data, dict):
        raise KgError(f"{path}: the weights file must hold a JSON object")
    try:
        designs = {str(k): _unit(v, f"designs[{k!r}]", path) for k, v in dict(data["designs"]).items()}
        unknown = [k for k in designs if k not in DESIGN_IRIS]
        if unknown:
            raise KgError(f"{path}: unknown design {unknown[0]!r} (known: {', '.join(DESIGN_IRIS)})")
        size = dict(data["sample_size"])
        steps = tuple(sorted((int(n), _unit(w, f"sample_size step {n}", path)) for n, w in size["at_least"]))
        if not steps:
            raise KgError(f"{path}: sample_size.at_least needs at least one [patients, weight] step")
        return Weights(
            designs=designs,
            no_design=_unit(data["no_design"], "no_design", path),
            unknown_size=_unit(size["unknown"], "sample_size.unknown", path),
            sizes=steps,
            hedged=_unit(data["hedged"], "hedged", path),
            contradiction_support=_unit(data["contradiction_support"], "contradiction_support", path),
        )
    except KeyError as exc:
        raise KgError(f"{path}: the weights file lacks {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        raise KgError(f"{path}: malformed weights ({exc})") from None


def read_weights(path: Path | None = None) -> Weights:
    """Read a weights file (default: the shipped one)."""
    path = path or ontology_file(WEIGHTS_FILE)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KgError(f"cannot read weights file {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KgError(f"{path} is not a JSON weights file: {exc}") from None
    return parse_weights(data, path)


def store_weights(folder: Path, given: Path | None) -> Weights:
    """Return the weights of a store: those given (kept in the store for later commands), else
    the ones it was built with, else the shipped ones."""
    kept = folder / STORE_WEIGHTS
    if given is not None:
        weights = read_weights(given)
        if folder.is_dir():
            write_atomic(kept, given.read_bytes())
        return weights
    return read_weights(kept if kept.is_file() else None)
