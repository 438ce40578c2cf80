"""Write small corpora of text documents for tests."""

from __future__ import annotations

from pathlib import Path


def write_docs(folder: Path, docs: dict[str, str]) -> Path:
    """Write each text into a file of its name in a new folder, and return the folder."""
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
