"""The word tables as data: every shipped file loads and is checked; a file of the wrong shape
gives one clear error."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from kg.extractors.syntax import grammar
from kg.extractors.words import WordTableError, cues, load_tables, mapping, table


def test_every_shipped_table_file_loads() -> None:
    files = [p for p in resources.files("kg.extractors.words").iterdir() if p.name.endswith(".json")]
    assert len(files) >= 7
    for f in files:
        name = f.name.removesuffix(".json")
        tables = {**table(name), **mapping(name)}
        assert tables and all(tables.values()), name


def test_lists_and_mappings() -> None:
    assert "placebo" in table("arms")["controls"]
    assert mapping("claims")["superiority"] == {"superior": "imp", "inferior": "wor"}
    assert cues.VERB_TRIGGERS["reduced"] == "-" and cues.VERB_TRIGGERS["improved"] == "imp"
    assert ("given", "with") in cues.COTHERAPY_MARKERS
    assert "mab".endswith(cues.DRUG_SUFFIXES) and "the" in grammar.DETERMINERS
    with pytest.raises(FileNotFoundError):
        table("no-such-table")


@pytest.mark.parametrize(
    "content",
    [["a", "list"], {"words": "not a list"}, {"words": ["ok", ""]}, {"pairs": {"a": 1}}],
)
def test_a_file_of_the_wrong_shape_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: object
) -> None:
    package = tmp_path / "wordpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bad.json").write_text(json.dumps(content))
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(WordTableError, match=r"bad\.json"):
            load_tables("bad.json", "wordpkg")
    finally:
        sys.modules.pop("wordpkg", None)
