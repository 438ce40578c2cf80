"""The evidence weights file: the shipped one reads, bad ones fail with one line naming the entry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import KgError
from kg.evidence.weights import read_weights
from kg.resources import ontology_file


def shipped() -> dict[str, object]:
    data: dict[str, object] = json.loads(ontology_file("evidence-weights.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hedged": 1.5}, "hedged must be a number in (0, 1]"),
        ({"no_design": "high"}, "no_design must be a number"),
        ({"designs": {"anecdote": 0.1}}, "unknown design 'anecdote'"),
        ({"contradiction_support": None}, "contradiction_support must be a number"),
    ],
)
def test_bad_entries_are_named(tmp_path: Path, change: dict[str, object], message: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({**shipped(), **change}), encoding="utf-8")
    with pytest.raises(KgError, match=message.replace("(", r"\(").replace(")", r"\)").replace("]", r"\]")):
        read_weights(path)


def test_missing_entry_and_not_json(tmp_path: Path) -> None:
    data = shipped()
    del data["sample_size"]
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KgError, match="lacks 'sample_size'"):
        read_weights(path)
    path.write_text("{designs: 1", encoding="utf-8")
    with pytest.raises(KgError, match="is not a JSON weights file"):
        read_weights(path)


def test_build_with_a_bad_weights_file_fails_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Metformin reduced HbA1c in type 2 diabetes.", encoding="utf-8")
    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({**shipped(), "hedged": 0}), encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(text), "-o", str(out), "--weights", str(bad), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "hedged must be a number" in err[0]
    assert not out.exists()
