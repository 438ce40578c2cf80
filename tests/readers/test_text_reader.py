"""Test reading documents from files, directories and standard input, and refusing what is not text."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.readers.base import Skipped
from kg.readers.dispatch import read_inputs
from kg.readers.text import read_file


def _error(inputs: list[str]) -> str:
    """Return the message of the KgError that reading the inputs raises, checking it is one line."""
    with pytest.raises(KgError) as info:
        list(read_inputs(inputs))
    message = str(info.value)
    assert message.strip()
    assert "\n" not in message
    return message


def test_single_file(tmp_path: Path) -> None:
    path = tmp_path / "itb.txt"
    path.write_text("Intrathecal baclofen reduces spasticity.\n", encoding="utf-8")
    (doc,) = read_inputs([str(path)])
    assert doc.id == "itb.txt"
    assert doc.title == "itb"
    assert doc.text == "Intrathecal baclofen reduces spasticity.\n"


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    # a byte-order mark would otherwise shift every offset by one
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 au lait.")
    assert read_file(path).text == "Café au lait."


def test_directory_is_read_recursively_text_files_only(tmp_path: Path) -> None:
    # .txt and .md files at any depth, sorted; other files (csv, json, no extension) are skipped;
    # identifiers are paths inside the folder, so a file built alone ("a.md") is the same document
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "b.txt").write_text("B.", encoding="utf-8")
    (root / "a.md").write_text("A.", encoding="utf-8")
    (root / "sub" / "c.TXT").write_text("C.", encoding="utf-8")  # upper-case extension
    (root / "sub" / "deeper" / "d.md").write_text("D.", encoding="utf-8")
    (root / "table.csv").write_text("x,y\n", encoding="utf-8")
    (root / "data.json").write_text("{}", encoding="utf-8")
    (root / "README").write_text("no extension", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # binary, skipped by extension
    docs = list(read_inputs([str(root)]))
    assert [d.id for d in docs] == [
        "a.md",
        "b.txt",
        "sub/c.TXT",
        "sub/deeper/d.md",
    ]
    assert [d.text for d in docs] == ["A.", "B.", "C.", "D."]


def test_several_inputs_keep_their_order(tmp_path: Path) -> None:
    first, second = tmp_path / "z.txt", tmp_path / "a.txt"
    first.write_text("Z.", encoding="utf-8")
    second.write_text("A.", encoding="utf-8")
    assert [d.text for d in read_inputs([str(first), str(second)])] == ["Z.", "A."]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    # '-' reads the bytes of standard input as UTF-8
    data = "Baclofen reduces spasticity (17).\nCafé.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    (doc,) = read_inputs(["-"])
    assert doc.id == "stdin"
    assert doc.text == "Baclofen reduces spasticity (17).\nCafé.\n"


def _skipped(inputs: list[str]) -> tuple[list[str], list[Skipped]]:
    """Return the documents read from the inputs (their ids) and the inputs skipped."""
    skipped: list[Skipped] = []
    docs = [d.id for d in read_inputs(inputs, skipped.append)]
    return docs, skipped


def test_binary_stdin_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02"), encoding="utf-8"))
    docs, (skip,) = _skipped(["-"])
    assert docs == [] and skip.reason == "binary file" and "standard input" in skip.message


def test_missing_file(tmp_path: Path) -> None:
    message = _error([str(tmp_path / "missing.txt")])
    assert "missing.txt" in message
    assert "no such file" in message


def test_directory_without_text_files(tmp_path: Path) -> None:
    # an empty directory and one holding only other kinds of file both fail, naming the directory
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "empty" in _error([str(empty)])
    other = tmp_path / "other"
    other.mkdir()
    (other / "table.csv").write_text("x,y\n", encoding="utf-8")
    assert "other" in _error([str(other)])


def test_binary_file_is_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    # a NUL byte marks a binary file even with a .txt extension; the next input is still read
    path = tmp_path / "binary.txt"
    path.write_bytes(b"Some text\x00\x01\x02 more")
    (tmp_path / "a.txt").write_text("Baclofen reduces spasticity.", encoding="utf-8")
    docs, (skip,) = _skipped([str(path), str(tmp_path / "a.txt")])
    assert docs == ["a.txt"]
    assert skip.message == f"{path}: binary data, not text; skipped"


@pytest.mark.parametrize(
    ("name", "data", "advice"),
    [
        ("real.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file: convert it to text first"),
        ("paper.docx", b"PK\x03\x04\x14\x00\x06\x00", "a Word file: convert it to text first"),
        ("renamed.txt", b"%PDF-1.4\n", "a PDF file: convert it to text first"),  # by content too
    ],
)
def test_pdf_and_word_files_say_what_to_do(tmp_path: Path, name: str, data: bytes, advice: str) -> None:
    (tmp_path / name).write_bytes(data)
    docs, (skip,) = _skipped([str(tmp_path / name)])
    assert docs == [] and skip.reason == "binary file"
    assert skip.message.startswith(f"{tmp_path / name}: {advice}") and skip.message.endswith("; skipped")


def test_non_utf8_file_is_decoded_with_one_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # Latin-1 "é" and a stray byte are not UTF-8: they become U+FFFD, the rest is read, one warning
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café au lait \xff.".encode("latin-1"))
    with caplog.at_level("WARNING", logger="kg"):
        doc = read_file(path)
    assert doc.text == "Caf\ufffd au lait \ufffd."
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert "latin1.txt" in message and "2 undecodable" in message and "byte 3" in message


def test_utf8_text_with_a_replacement_character_gives_no_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("Already \ufffd here.", encoding="utf-8")
    with caplog.at_level("WARNING", logger="kg"):
        assert read_file(path).text == "Already \ufffd here."
    assert not caplog.records


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  "])
def test_empty_file_is_an_empty_document(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert read_file(path).text == content.decode()


def test_bad_file_inside_a_directory(tmp_path: Path) -> None:
    # a file that is not text inside a directory is skipped with one line naming it; the rest is read
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text("A.", encoding="utf-8")
    (root / "b.txt").write_bytes(b"\xff\xfe\x00\x00")
    (root / "c.txt").write_text("C.", encoding="utf-8")
    docs, (skip,) = _skipped([str(root)])
    assert docs == ["a.txt", "c.txt"] and "b.txt" in skip.message
