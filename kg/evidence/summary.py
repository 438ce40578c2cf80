"""Summarise the findings behind each (therapy, outcome) and (therapy, outcome, condition).

Each finding weighs design x sample size x hedging (kg.evidence.weights). Within a direction a
study counts once, with its strongest finding; a direction's support is the chance that at least
one of its studies is right (1 - prod(1 - w), as INDRA combines evidence), its weight the sum of
its studies'. The consensus is the heaviest of increase, decrease and no change; its strength is
its support times its share of the weight of all three. A claim is contradicted when two of them
each reach the weights file's contradiction support.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.evidence.weights import Weights
from kg.model import DIRECTIONS

DEFINITE = ("increase", "decrease", "no_change")
Key = tuple[str, str, str | None]  # therapy IRI, outcome IRI, condition IRI (None: any condition)


@dataclass(frozen=True)
class FindingRow:
    """What a summary needs of one finding (IRIs as strings)."""

    finding: str
    therapy: str
    outcome: str
    condition: str | None
    direction: str  # one of DIRECTIONS
    hedged: bool
    study: str  # the study IRI, else the document's: the unit counted once per direction
    design: str | None
    sample_size: int | None


@dataclass
class Summary:
    """The evidence behind one key: counts, weights, consensus, strength, contradiction."""

    key: Key
    findings: dict[str, list[str]] = field(default_factory=lambda: {d: [] for d in DIRECTIONS})
    studies: dict[str, dict[str, float]] = field(default_factory=lambda: {d: {} for d in DIRECTIONS})
    designs: dict[str, int] = field(default_factory=dict)
    consensus: str = "unspecified"
    strength: float = 0.0
    contradicted: bool = False

    @property
    def finding_count(self) -> int:
        """Return how many findings the summary rests on."""
        return sum(len(v) for v in self.findings.values())

    @property
    def study_count(self) -> int:
        """Return how many distinct studies the findings come from."""
        return len({s for v in self.studies.values() for s in v})

    def support(self, direction: str) -> float:
        """Return the chance that at least one study of a direction is right."""
        miss = 1.0
        for w in self.studies[direction].values():
            miss *= 1.0 - w
        return 1.0 - miss

    def weight(self, direction: str) -> float:
        """Return the summed weight of a direction's studies."""
        return sum(self.studies[direction].values())


def finding_weight(row: FindingRow, weights: Weights) -> float:
    """Return a finding's weight."""
    return weights.finding(row.design, row.sample_size, row.hedged)


def _add(s: Summary, row: FindingRow, w: float) -> None:
    """Count one finding into a summary (a study keeps its strongest finding per direction)."""
    s.findings[row.direction].append(row.finding)
    known = s.studies[row.direction].get(row.study, 0.0)
    s.studies[row.direction][row.study] = max(known, w)
    design = row.design or "no stated design"
    s.designs[design] = s.designs.get(design, 0) + 1


def conclude(s: Summary, weights: Weights) -> Summary:
    """Set a summary's consensus, strength and contradiction from its studies' weights."""
    total = sum(s.weight(d) for d in DEFINITE)
    if total <= 0:
        s.consensus, s.strength, s.contradicted = "unspecified", 0.0, False
        return s
    s.consensus = max(DEFINITE, key=lambda d: (s.weight(d), -DEFINITE.index(d)))
    s.strength = round(s.support(s.consensus) * s.weight(s.consensus) / total, 3)
    strong = [d for d in DEFINITE if s.studies[d] and s.support(d) >= weights.contradiction_support]
    s.contradicted = len(strong) >= 2
    return s


def summarise(rows: Iterable[FindingRow], weights: Weights) -> Iterator[Summary]:
    """Yield the summary of every (therapy, outcome) and (therapy, outcome, condition) the rows
    name, each finding counted once (rows repeat a finding whose study has two designs)."""
    out: dict[Key, Summary] = {}
    seen: dict[str, float] = {}
    best: dict[str, FindingRow] = {}
    for row in rows:
        w = finding_weight(row, weights)
        if row.finding in seen and seen[row.finding] >= w:
            continue
        seen[row.finding], best[row.finding] = w, row
    for row in best.values():
        keys: list[Key] = [(row.therapy, row.outcome, None)]
        if row.condition:
            keys.append((row.therapy, row.outcome, row.condition))
        for key in keys:
            _add(out.setdefault(key, Summary(key)), row, seen[row.finding])
    for key in sorted(out, key=lambda k: (k[0], k[1], k[2] or "")):
        yield conclude(out[key], weights)
