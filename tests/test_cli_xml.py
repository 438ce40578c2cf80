"""`kg build` on hostile and huge XML: deep nesting and entity tricks give one line per file and a
non-zero exit when nothing is left, or the findings of the records before the fault; a PubMed
file of thousands of records is built whole, in memory that does not hold the file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import xml_inputs as x

from kg.cli import main
from kg.graph.store import open_store, query_store

LARGE_RECORDS = 4_000
# `python -m kg.cli`, then the high-water marks of its memory and of its largest worker's (KB)
MEASURED = """
import re, resource, sys
from pathlib import Path
from kg.cli import main

code = main(sys.argv[1:])
own = int(re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text()).group(1))
print(f"memory: {own} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""
# each finding once per name of its entities (a node's label and alt labels, lower-cased): the text
# says "type 2 diabetes", its node is MeSH's "diabetes mellitus, type 2"
FINDINGS = """
SELECT ?f ?pmid ?therapy ?outcome ?condition WHERE {
  ?f a tkg:Finding ; tkg:therapy/tkg:labelKey ?therapy ; tkg:outcome/tkg:labelKey ?outcome ;
     tkg:condition/tkg:labelKey ?condition ; prov:wasDerivedFrom/tkg:inDocument/dcterms:source ?source .
  BIND(STRAFTER(?source, "#") AS ?pmid)
}
"""


def findings_named(store: Path) -> dict[str, set[tuple[str | None, ...]]]:
    """Return each finding of a store with the (PMID, therapy, outcome, condition) names it has."""
    out: dict[str, set[tuple[str | None, ...]]] = {}
    for f, *names in query_store(open_store(store), FINDINGS).rows:
        out.setdefault(str(f), set()).add(tuple(names))
    return out


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m kg.cli ARGS`."""
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, check=False, timeout=600
    )


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("deep.xml", x.article_set(x.nested("x", x.article(1, x.GOOD))), "1 too deep XML"),
        ("deep_bioc.xml", x.collection(x.bioc_document(1, x.nested("i", x.GOOD))), "1 too deep XML"),
        ("laughs.xml", x.article_set(x.article(1, "&lol9;"), head=x.LAUGHS), "1 refused XML"),
        (
            "external.xml",
            x.collection(x.bioc_document(1, "&xxe;"), head=x.EXTERNAL.replace("{root}", "collection")),
            "1 refused XML",
        ),
    ],
)
def test_nothing_readable_is_one_line_and_exit_1(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    done = kg("build", str(path), "-o", str(tmp_path / "g.ttl"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [
        lines[0],
        f"kg: error: no documents to build: 0 document(s) read, 1 skipped ({reason})",
    ]
    assert lines[0].startswith(f"kg: {path}: refused XML")
    assert not (tmp_path / "g.ttl").exists()


def test_records_before_a_deep_one_are_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the first record is built with its finding; the file then stops at the deep one, said once
    path = tmp_path / "mixed.xml"
    path.write_bytes(
        x.article_set(x.article(1, x.GOOD), x.article(2, x.nested("i", x.GOOD)), x.article(3, x.GOOD))
    )
    capsys.readouterr()
    assert main(["build", str(path), "--store", str(tmp_path / "st")]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2
    assert err[0] == (
        f"kg: {path}: refused XML: <i> is nested more than 256 elements deep; "
        "the 1 document(s) before it were read"
    )
    assert err[1].startswith("1 document(s) read, 1 skipped (1 too deep XML), 2 sentences, 1 findings")
    (names,) = findings_named(tmp_path / "st").values()
    assert ("1", "metformin", "hba1c", "type 2 diabetes") in names


@pytest.mark.slow
def test_large_pubmed_file_is_built_whole(tmp_path: Path) -> None:
    path = x.write_large_pubmed(tmp_path / "large.xml", LARGE_RECORDS)
    size_kb = path.stat().st_size // 1024
    store = tmp_path / "st"
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "build", str(path), "--store", str(store), "--jobs", "2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    summary, memory = done.stderr.strip().splitlines()
    n = LARGE_RECORDS
    assert summary.startswith(f"{n} document(s) read, 0 skipped, {2 * n} sentences, {n} findings, ")
    own_kb, worker_kb = (int(x) for x in re.findall(r"\d+", memory))
    print(f"{n:,} records, {size_kb:,} KB: peak memory {own_kb:,} KB, a worker's {worker_kb:,} KB")
    # the building process loads the extraction models once before it forks, and the workers share
    # them: measured on this file, the parent's peak went from 329 to 398 MB and a worker's from 293
    # to 186 MB; a small file of 40 records peaks at 227 MB in the parent (the rest is a batch of
    # quads, bounded by --batch-quads, never the file)
    assert own_kb < 450_000
    assert worker_kb < 250_000
    # every record's finding is there, from its own abstract
    found = findings_named(store)
    expected = [
        (
            str(x.FIRST_PMID + i),
            x.THERAPIES[i % 6].lower(),
            x.OUTCOMES[i // 6 % 6].lower(),
            x.CONDITIONS[i // 36 % 6],
        )
        for i in range(n)
    ]
    assert len(found) == n
    by_pmid = {next(iter(names))[0]: names for names in found.values()}
    assert all(e in by_pmid[e[0]] for e in expected)
