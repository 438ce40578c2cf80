"""Quality floors on the gold files, measured by the shared referee (skipped without ../shared)."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

KG_SCRIPT = Path(sys.executable).parent / "kg"


DATA = Path(__file__).parent / "data"


def _score(shared: Path, gold: str | Path) -> dict[str, Any]:
    """Run the referee, which builds the gold passages with the installed `kg`, and return its scores."""
    kg = shlex.quote(str(KG_SCRIPT)) if KG_SCRIPT.is_file() else f"{shlex.quote(sys.executable)} -m kg.cli"
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            "--gold",
            str(gold if isinstance(gold, Path) else shared / "gold" / gold),
            "--build",
            f"{kg} build {{input}} -o {{output}}",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@pytest.mark.slow
def test_seed_floors(shared_dir: Path) -> None:
    # the hand-checked seed sentences: what works today must keep working
    r = _score(shared_dir, "seed.jsonl")
    assert r["finding_f1"] >= 0.85, r
    assert r["therapy"]["f1"] >= 0.90, r["therapy"]
    assert r["condition"]["f1"] >= 0.90, r["condition"]
    assert r["citation"]["f1"] >= 0.95, r["citation"]


@pytest.mark.slow
def test_dev_floors(shared_dir: Path) -> None:
    # the larger development set: lower floors, still well above zero
    r = _score(shared_dir, "dev.jsonl")
    assert r["finding_f1"] >= 0.65, r
    assert r["citation"]["f1"] >= 0.9, r["citation"]


@pytest.mark.slow
def test_written_field_floors(shared_dir: Path) -> None:
    # the project's own sentences from other fields (tests/data/README.md): the development one
    # and the one whose errors are never read; floors below today's figures (0.83 and 0.65)
    r = _score(shared_dir, DATA / "proxy_fields.jsonl")
    assert r["finding_f1"] >= 0.75, r
    assert r["therapy"]["f1"] >= 0.8, r["therapy"]
    r = _score(shared_dir, DATA / "blind_fields.jsonl")
    assert r["finding_f1"] >= 0.58, r
    assert r["citation"]["f1"] >= 0.9, r["citation"]


@pytest.mark.slow
def test_real_abstract_floors(shared_dir: Path) -> None:
    # verbatim published abstracts (tests/data/README.md): the blind set and the development set;
    # floors below today's figures (0.29 and 0.57), above where the extractor stood before its
    # syntax and real-text readers (0.21 and 0.20) and, for the development set, before the
    # comparisons between arms and the patients' adjectives (0.35)
    r = _score(shared_dir, DATA / "real_abstracts.jsonl")
    assert r["finding_f1"] >= 0.26, r
    assert r["therapy"]["f1"] >= 0.6, r["therapy"]
    r = _score(shared_dir, DATA / "real_abstracts_dev.jsonl")
    assert r["finding_f1"] >= 0.5, r
