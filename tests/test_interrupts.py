"""Ctrl-C during `kg build` into a store or a SPARQL server: exit 130 with one line and no
traceback; every document in the store or server afterwards is whole (its triples are those of an
uninterrupted build); the same build again completes the graph, with nothing repeated. The
build runs as a subprocess in its own process group, and SIGINT goes to the whole group, as a
terminal's Ctrl-C does (the extraction workers get it too). So that the Ctrl-C comes at a known
point, in the middle of writing a batch, the subprocess notes in a file when each batch write
begins and ends, and one batch write is made to take a while (a slow disk or server)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import OxigraphServer

from kg.cli import main
from kg.graph.encode import EncodedDocument
from kg.graph.endpoint import Endpoint
from kg.graph.query import PREFIXES as QUERY_PREFIXES
from kg.graph.remote import duplicates, query_endpoint
from kg.graph.store import journal_path, open_store, query_store
from kg.graph.writer import load_encoded
from kg.interrupts import Interrupted, shielded
from kg.model import Document
from kg.namespaces import ID, SHARED_GRAPH, SUMMARY_GRAPH
from kg.pipeline import Extractor, encoded_of

DOCUMENTS = 30
THERAPIES = ("Metformin", "Aspirin", "Intrathecal baclofen", "Botulinum toxin", "Exercise", "Insulin")
OUTCOMES = ("HbA1c", "mortality", "spasticity", "pain", "fatigue", "blood pressure")
CONDITIONS = ("type 2 diabetes", "heart failure", "cerebral palsy", "stroke", "gout", "hypertension")
AUTHORS = ("Smith", "Garcia", "Chen", "Okafor", "Rossi", "Tanaka")
TEMPLATES = (
    "{T} reduced {o} in {n} patients with {c} ({a} et al. {y}).",
    "{T} did not reduce {o} in adults with {c} [{r}].",
    "In a randomized controlled trial of {n} patients with {c}, {t} improved {o}.",
    "{T} may reduce {o} in older adults with {c}, although further trials are needed.",
    "There was no significant difference in {o} between {t} and placebo in {c} ({a} {y}).",
)
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DOCUMENT = ox.NamedNode("https://w3id.org/therapy-kg/ontology#Document")
# the batch (one document each) whose write is slowed down and interrupted, and by how long
SLOW_BATCH = 3
SLOW_S = 1.0
# `python -m kg.cli`, with each batch write noted in a file and batch SLOW_BATCH made slow
NOTED_WRITES = f"""
import runpy, sys, time
from pathlib import Path
import kg.graph.remote as remote
import kg.graph.writer as writer

notes = Path(sys.argv.pop(1))
real = writer.write_batches

def note(line):
    with notes.open("a", encoding="utf-8") as f:
        f.write(line + "\\n")

def write_batches(items, batch, write, finish, **options):
    done = []
    def noted(docs):
        note(f"begin {{len(done)}}")
        time.sleep({SLOW_S} if len(done) == {SLOW_BATCH} else 0)
        write(docs)
        done.append(docs)
        note(f"end {{len(done)}}")
    return real(items, batch, noted, finish, **options)

writer.write_batches = remote.write_batches = write_batches
sys.argv[0] = "kg"
runpy.run_module("kg.cli", run_name="__main__", alter_sys=True)
"""
# the triples a document owns in a store: itself, its statements and their findings
OWNED = """
CONSTRUCT { ?x ?p ?o } WHERE {
  { BIND(?doc AS ?x) } UNION { ?x tkg:inDocument ?doc }
  UNION { ?st tkg:inDocument ?doc . ?x prov:wasDerivedFrom ?st . ?x a tkg:Finding }
  ?x ?p ?o
}
"""
ALL_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
INTERRUPTED_RE = re.compile(
    r"^kg: interrupted: (\d+) document\(s\) were written in full; the same command again completes the build$"
)

Triple = tuple[object, object, object]


def write_corpus(folder: Path, n: int = DOCUMENTS) -> Path:
    """Write n small documents, each of five findings-bearing sentences, none like another."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sentences = []
        for k, template in enumerate(TEMPLATES):
            j = i + k
            t = THERAPIES[j % len(THERAPIES)]
            values = {"T": t, "t": t.lower(), "o": OUTCOMES[(i // 2 + k) % len(OUTCOMES)]}
            values |= {"c": CONDITIONS[(i + 2 * k) % len(CONDITIONS)], "a": AUTHORS[j % len(AUTHORS)]}
            values |= {"n": str(20 + 7 * i + k), "y": str(1990 + (i + k) % 30), "r": str(i + k + 1)}
            sentences.append(template.format(**values))
        (folder / f"doc{i:03d}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """A folder of DOCUMENTS small documents (their first one extracted here, so that the models
    are loaded once, before the builds in this process fork their workers)."""
    folder = write_corpus(tmp_path_factory.mktemp("interrupt") / "docs")
    first = folder / "doc000.txt"
    assert extractor.document(Document(first.name, first.read_text(encoding="utf-8")))
    return folder


@contextmanager
def default_sigint() -> Iterator[None]:
    """Let children start with SIGINT at its default, as from a terminal (an ignored SIGINT would be
    inherited, and Python would then ignore Ctrl-C)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def build_then_ctrl_c(args: list[str], notes: Path) -> tuple[int, str, float]:
    """Run `kg build ARGS` in its own process group, send SIGINT to the group while batch
    SLOW_BATCH is being written, and return the exit code, stderr and seconds it took to stop."""
    with default_sigint():
        proc = subprocess.Popen(
            [sys.executable, "-c", NOTED_WRITES, str(notes), "build", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 180
        while not (notes.exists() and f"begin {SLOW_BATCH}" in notes.read_text(encoding="utf-8")):
            if proc.poll() is not None or time.monotonic() > deadline:
                _, err = proc.communicate()
                raise AssertionError(f"the build ended (or hung) before the Ctrl-C: {err}")
            time.sleep(0.05)
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        return proc.returncode, err, time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def written_in_full(code: int, err: str) -> int:
    """Check the exit of an interrupted build (130, one line, no traceback) and return the number
    of documents the line says are in."""
    assert code == 130, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    m = INTERRUPTED_RE.match(lines[0])
    assert m, lines[0]
    return int(m.group(1))


def store_triples(folder: Path) -> set[Triple]:
    """Return every triple of a store."""
    store = open_store(folder)
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)}


def owned_by_document(folder: Path) -> dict[str, set[Triple]]:
    """Return, for each document of a store, the triples it owns."""
    store = open_store(folder)
    docs = [q.subject for q in store.quads_for_pattern(None, TYPE, DOCUMENT, ox.DefaultGraph())]
    out: dict[str, set[Triple]] = {}
    for doc in docs:
        result = store.query(OWNED.replace("?doc", str(doc)), prefixes=QUERY_PREFIXES)
        out[doc.value] = {(t.subject, t.predicate, t.object) for t in result}
    return out


def test_ctrl_c_during_store_build_leaves_whole_documents(corpus: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    assert main(["build", str(corpus), "--store", str(reference), "-q"]) == 0
    expected = owned_by_document(reference)
    assert len(expected) == DOCUMENTS

    store = tmp_path / "store"
    args = [str(corpus), "--store", str(store), "--batch-quads", "1", "--jobs", "2", "-q"]
    code, err, stop_s = build_then_ctrl_c(args, tmp_path / "notes.txt")
    n = written_in_full(code, err)
    print(f"store build stopped {stop_s:.2f} s after the Ctrl-C, {n} of {DOCUMENTS} documents in")
    # the batch being written when Ctrl-C came was finished, and no other was begun
    assert n == SLOW_BATCH + 1
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8").split("\n")[-3:] == [
        f"begin {n - 1}",
        f"end {n}",
        "",
    ]
    assert not journal_path(store).exists()  # nothing was left half written for the next open
    got = owned_by_document(store)
    assert len(got) == n
    assert all(got[doc] == expected[doc] for doc in got)  # every document in is whole
    # and nothing else is there, but the evidence summaries of the documents in
    assert not_summaries(store_triples(store)) <= store_triples(reference)
    assert not_summaries(store_triples(store)) != store_triples(store)

    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0  # the same build again
    assert store_triples(store) == store_triples(reference)


def not_summaries(triples: set[Triple]) -> set[Triple]:
    """Return the triples whose subject is not an evidence summary or a label position (both depend
    on every document in)."""
    derived = (str(ID["summary/"]), str(ID["position/"]))
    return {t for t in triples if not str(getattr(t[0], "value", t[0])).startswith(derived)}


def server_quads(url: str) -> dict[str, set[Triple]]:
    """Return the triples of each named graph of a server."""
    out: dict[str, set[Triple]] = {}
    for g, s, p, o in query_endpoint(Endpoint(url), ALL_QUADS).cells:
        out.setdefault(str(g), set()).add((s, p, o))
    return out


def test_ctrl_c_during_server_build_leaves_whole_graphs(
    oxigraph_server: OxigraphServer, corpus: Path, tmp_path: Path
) -> None:
    url = oxigraph_server.url
    assert main(["build", str(corpus), "--endpoint", url, "-q"]) == 0
    expected = server_quads(url)
    shared = str(SHARED_GRAPH)
    assert len(expected) == DOCUMENTS + 2  # the documents, the shared graph, the summaries
    Endpoint(url).update("DROP ALL")

    args = [str(corpus), "--endpoint", url, "--batch-quads", "1", "--jobs", "2", "-q"]
    code, err, stop_s = build_then_ctrl_c(args, tmp_path / "notes.txt")
    n = written_in_full(code, err)
    print(f"server build stopped {stop_s:.2f} s after the Ctrl-C, {n} of {DOCUMENTS} documents in")
    assert n == SLOW_BATCH + 1  # the request in flight was answered, and no other was sent
    got = server_quads(url)
    assert len(got) == n + 2 and got[str(SUMMARY_GRAPH)]  # the summaries of the documents in
    # every document graph is whole
    assert all(got[g] == expected[g] for g in got if g not in (shared, str(SUMMARY_GRAPH)))
    assert got[shared] <= expected[shared]

    assert main(["build", str(corpus), "--endpoint", url, "-q"]) == 0  # the same build again
    assert server_quads(url) == expected
    assert duplicates(Endpoint(url))[1] == 0


def test_ctrl_c_in_a_block_waits_for_its_end() -> None:
    # the Ctrl-C is held while the block runs, and raised once it is done (raised in this thread,
    # so that its handler has run before the next line, however loaded the machine is)
    done = []
    with pytest.raises(KeyboardInterrupt), shielded():
        signal.raise_signal(signal.SIGINT)
        done.append(True)
    assert done == [True]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_second_ctrl_c_stops_at_once() -> None:
    done = []
    with pytest.raises(KeyboardInterrupt), shielded():
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)
        done.append(True)
    assert done == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ignored_sigint_stays_ignored() -> None:
    # a caller's own SIGINT setting is left alone: the block runs and nothing is raised
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with shielded():
            signal.raise_signal(signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)


def test_interrupted_load_says_how_much_is_in(extractor: Extractor, tmp_path: Path) -> None:
    # Ctrl-C while the next document is extracted: the ones before it are in, whole, and said so
    docs = [Document(f"d{i}.txt", f"Metformin reduced HbA1c in type {i} diabetes.") for i in range(3)]

    def items() -> Iterator[EncodedDocument]:
        yield from (encoded_of(extractor, d) for d in docs[:2])
        raise KeyboardInterrupt

    store = open_store(tmp_path / "st", create=True)
    with pytest.raises(Interrupted) as caught:
        load_encoded(store, items(), 1, tmp_path / "st")
    assert caught.value.written == 2
    assert str(caught.value).startswith("2 document(s) were written in full")
    assert not journal_path(tmp_path / "st").exists()
    texts = query_store(store, "SELECT ?t WHERE { ?s tkg:text ?t } ORDER BY ?t").rows
    assert [r[0] for r in texts] == [d.text for d in docs[:2]]
