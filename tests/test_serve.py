"""kg serve: a graph file or a store served read-only on 127.0.0.1, every document visible without
a GRAPH clause, its URLs printed, and Ctrl-C (SIGINT) stopping it cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from corpora import write_docs
from servers import free_port

from kg.cli import main
from kg.graph.io import load_graph

DOCS = {
    "a.txt": "Metformin reduced HbA1c in patients with type 2 diabetes (Smith et al. 2019).",
    "b.txt": "Aspirin did not reduce mortality in patients with heart failure [4].",
}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DOCUMENTS = "SELECT ?label WHERE { ?d a tkg:Document ; rdfs:label ?label } ORDER BY ?label"
TKG = "https://w3id.org/therapy-kg/ontology#"
PREFIXES = f"PREFIX tkg: <{TKG}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """Two documents built into a Turtle file and into a store."""
    folder = write_docs(tmp_path / "docs", DOCS)
    assert main(["build", str(folder), "-o", str(tmp_path / "g.ttl"), "-q"]) == 0
    assert main(["build", str(folder), "--store", str(tmp_path / "st"), "-q"]) == 0
    return tmp_path / "g.ttl", tmp_path / "st"


def start(args: list[str], cwd: Path) -> tuple[subprocess.Popen[str], list[str]]:
    """Start `kg serve` and return it with the lines it printed up to 'Ctrl-C stops'."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    assert proc.stdout is not None
    while not lines or not lines[-1].startswith("Ctrl-C"):
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"kg serve ended early: {proc.stderr.read() if proc.stderr else ''}")
        lines.append(line.strip())
    return proc, lines


def select(url: str, sparql: str) -> list[dict[str, dict[str, str]]]:
    """Return the bindings of a SELECT sent over the SPARQL protocol."""
    resp = requests.post(
        url, data={"query": PREFIXES + sparql}, headers={"Accept": "application/sparql-results+json"}
    )
    resp.raise_for_status()
    return list(resp.json()["results"]["bindings"])


def stop(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """Send SIGINT (Ctrl-C) and return the exit code and what it wrote on stderr."""
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    return proc.returncode, err


@pytest.mark.parametrize("kind", ["file", "store"])
def test_serve_answers_queries_and_stops_on_ctrl_c(
    built: tuple[Path, Path], tmp_path: Path, kind: str
) -> None:
    graph, store = built
    port = free_port()
    args = [str(graph)] if kind == "file" else ["--store", str(store)]
    proc, lines = start([*args, "--port", str(port)], tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/query"
        assert f"SPARQL endpoint: {url}" in lines
        page = next(line.split(": ", 1)[1].strip() for line in lines if line.startswith("graph page"))
        assert page.startswith("file://")
        assert "metformin" in Path(page.removeprefix("file://")).read_text(encoding="utf-8")
        # a graph file's page is a temporary copy, and the server says so
        temporary = any("removed when the server stops" in line for line in lines)
        assert temporary == (kind == "file")
        labels = [b["label"]["value"] for b in select(url, DOCUMENTS)]
        assert labels == ["a", "b"]  # both documents, no GRAPH clause
        n = int(select(url, COUNT)[0]["n"]["value"])
        assert n == len(load_graph(graph))  # each triple once, as in the file
        refused = requests.post(url.replace("/query", "/update"), data={"update": "DROP ALL"})
        assert refused.status_code >= 400  # read-only
        assert int(select(url, COUNT)[0]["n"]["value"]) == n
    finally:
        code, err = stop(proc)
    assert code == 0, err
    assert "Traceback" not in err
    time.sleep(0.2)
    with pytest.raises(requests.ConnectionError):
        requests.get(url, params={"query": "ASK {}"}, timeout=2)  # the server is gone too


def test_serve_busy_port_is_one_error_line(built: tuple[Path, Path], tmp_path: Path) -> None:
    graph, _ = built
    port = free_port()
    first, _ = start([str(graph), "--port", str(port), "--no-page"], tmp_path)
    try:
        second = subprocess.run(
            [sys.executable, "-m", "kg.cli", "serve", str(graph), "--port", str(port), "--no-page"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        stop(first)
    assert second.returncode == 1
    lines = [line for line in second.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: cannot serve on 127.0.0.1:{port}")
