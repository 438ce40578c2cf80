"""How many processes a build extracts with: no more than its documents, but a long file, cut into
pieces, keeps every process busy."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.pieces as pieces_module
from kg.streaming import _workers


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(pieces_module, "LONG_CHARS", 1_000)
    (tmp_path / "short.txt").write_text("Metformin reduced HbA1c in type 2 diabetes.\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text("Aspirin reduced pain in adults with gout.\n" * 40, encoding="utf-8")
    return tmp_path


def test_no_more_processes_than_documents(files: Path) -> None:
    assert _workers([str(files / "short.txt")], 2, 1) == 1
    assert _workers([str(files / "short.txt"), "-"], 4, 2) == 2
    assert _workers([str(files / "short.txt"), str(files / "long.txt")], 2, 2) == 2


def test_a_long_file_gets_every_process(files: Path) -> None:
    assert _workers([str(files / "long.txt")], 2, 1) == 2
    assert _workers([str(files)], 4, 2) == 4  # a folder that holds one
