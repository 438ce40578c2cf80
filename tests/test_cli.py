"""Test the command line end to end: build, extract, query, validate, export; errors and determinism."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from kg import __version__
from kg.cli import main
from kg.namespaces import RDF, TKG
from kg.resources import EXAMPLE_TEXT
from kg.text.sentences import split_sentences

# three sentences: a decrease with a condition and a numbered citation, a negated no-change through an
# abbreviation with two author-year citations, and a hedged increase after a blank line
TEXT = (
    "Intrathecal baclofen (ITB) reduces spasticity in children with cerebral palsy (12).\n"
    "ITB did not increase mortality (Smith et al., 2019; Jones 2020).\n\n"
    "Botulinum toxin may improve gait in adults with stroke [3, 4].\n"
)
INJECTION = 'x" } ; DROP ALL ; #'
RDF_EXTENSIONS = (".ttl", ".nt", ".jsonld", ".rdf", ".trig", ".nq")
RDFLIB_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".trig": "trig",
    ".nq": "nquads",
}
OXIGRAPH_FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".jsonld": pyoxigraph.RdfFormat.JSON_LD,
    ".rdf": pyoxigraph.RdfFormat.RDF_XML,
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
KG_SCRIPT = Path(sys.executable).parent / "kg"


# ---------------------------------------------------------------- helpers


def _kg_command() -> list[str]:
    """Return the installed `kg` script beside the interpreter, or `python -m kg.cli` without it."""
    return [str(KG_SCRIPT)] if KG_SCRIPT.is_file() else [sys.executable, "-m", "kg.cli"]


def _run(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run kg in a real subprocess; COLUMNS is unset so that the terminal width is the default."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    kw: dict[str, object] = {"input": stdin} if stdin is not None else {"stdin": subprocess.DEVNULL}
    proc = subprocess.run([*_kg_command(), *args], cwd=cwd, capture_output=True, env=env, timeout=600, **kw)  # type: ignore[call-overload]
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def _main(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """Run kg in-process and return its exit code, stdout and stderr."""
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _stderr_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def _assert_clean_failure(code: int, err: str) -> None:
    """A user error: exit 1, an error line on stderr, no traceback."""
    assert code == 1
    assert "Traceback" not in err
    lines = _stderr_lines(err)
    assert lines
    assert "error" in lines[-1]  # after the lines of any inputs skipped


def _rdflib_graph(path: Path) -> Graph:
    """Parse a file with rdflib directly (quad formats merged into one graph)."""
    fmt = RDFLIB_FORMATS[path.suffix]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own parsers use deprecated APIs
        if fmt not in ("trig", "nquads", "json-ld"):
            return Graph().parse(path, format=fmt)
        ds = Dataset()
        ds.parse(path, format=fmt)
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _from_oxigraph(term: object) -> Node:
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    assert isinstance(term, pyoxigraph.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _oxigraph_graph(path: Path) -> Graph:
    """Parse a file with oxigraph (all graphs merged) into an rdflib graph."""
    g = Graph()
    for q in pyoxigraph.parse(path=str(path), format=OXIGRAPH_FORMATS[path.suffix]):
        g.add((_from_oxigraph(q.subject), _from_oxigraph(q.predicate), _from_oxigraph(q.object)))
    return g


def _no_temp_files(folder: Path) -> None:
    """The atomic writer leaves no '.NAME.xxxx.tmp' file behind."""
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled example built once into Turtle (in-process)."""
    out = tmp_path_factory.mktemp("example") / "example.ttl"
    assert main(["build", str(EXAMPLE_TEXT), "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def small_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small text built once into Turtle (in-process), the reference for the other formats."""
    folder = tmp_path_factory.mktemp("small")
    src = folder / "small.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = folder / "small.ttl"
    assert main(["build", str(src), "-o", str(out), "-q"]) == 0
    return out


# ---------------------------------------------------------------- build


def test_build_writes_statements_and_findings(
    capsys: pytest.CaptureFixture[str], text_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.ttl"
    code, stdout, err = _main(capsys, "build", text_file, "-o", out)
    assert code == 0, err
    assert stdout == ""
    g = Graph().parse(out, format="turtle")
    assert len(set(g.subjects(RDF.type, TKG.Statement))) == 3
    assert len(set(g.subjects(RDF.type, TKG.Finding))) >= 3
    assert len(set(g.subjects(RDF.type, TKG.Study))) >= 4  # 12, Smith et al., Jones, 3, 4
    assert "3 sentences" in err  # the summary goes to stderr
    _no_temp_files(tmp_path)


def test_build_subprocess(text_file: Path, tmp_path: Path) -> None:
    # the installed script, run for real
    proc = _run(["build", text_file.name, "-o", "out.ttl", "-q"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    g = Graph().parse(tmp_path / "out.ttl", format="turtle")
    assert set(g.subjects(RDF.type, TKG.Finding))


def test_build_from_stdin(text_file: Path, tmp_path: Path) -> None:
    # '-' reads the text from standard input
    proc = _run(["build", "-", "-o", "stdin.ttl", "-q"], cwd=tmp_path, stdin=TEXT.encode())
    assert proc.returncode == 0, proc.stderr
    g = Graph().parse(tmp_path / "stdin.ttl", format="turtle")
    assert len(set(g.subjects(RDF.type, TKG.Statement))) == 3


@pytest.mark.parametrize("ext", RDF_EXTENSIONS)
def test_every_output_format_is_the_same_graph(
    capsys: pytest.CaptureFixture[str], text_file: Path, tmp_path: Path, small_ttl: Path, ext: str
) -> None:
    # the extension picks the format; rdflib and oxigraph both read back the graph of the Turtle build
    out = tmp_path / f"graph{ext}"
    code, _, err = _main(capsys, "build", text_file, "-o", out, "-q")
    assert code == 0, err
    reference = Graph().parse(small_ttl, format="turtle")
    assert len(reference) > 50
    assert isomorphic(_rdflib_graph(out), reference)
    assert isomorphic(_oxigraph_graph(out), reference)


def test_unknown_format_fails_before_any_work(
    capsys: pytest.CaptureFixture[str], text_file: Path, tmp_path: Path
) -> None:
    # exit 1, an error on stderr, no traceback, no output file
    out = tmp_path / "x.xyz"
    code, stdout, err = _main(capsys, "build", text_file, "-o", out)
    _assert_clean_failure(code, err)
    assert ".xyz" in err
    assert stdout == ""
    assert not out.exists()
    _no_temp_files(tmp_path)


def test_unknown_format_subprocess(text_file: Path, tmp_path: Path) -> None:
    proc = _run(["build", text_file.name, "-o", "x.xyz"], cwd=tmp_path)
    _assert_clean_failure(proc.returncode, proc.stderr)
    assert not (tmp_path / "x.xyz").exists()


def test_unknown_format_error_is_one_line(text_file: Path, tmp_path: Path) -> None:
    # the message lists every known extension, so it is longer than a default terminal line
    proc = _run(["build", text_file.name, "-o", "x.xyz"], cwd=tmp_path)
    assert proc.returncode == 1
    assert len(_stderr_lines(proc.stderr)) == 1, proc.stderr


def test_a_binary_input_is_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    # one line for the PDF (with what to do), the text after it is read, exit 0
    (tmp_path / "real.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00")
    (tmp_path / "a.txt").write_text("Metformin reduced HbA1c in type 2 diabetes.", encoding="utf-8")
    proc = _run(["build", "real.pdf", "a.txt", "-o", "out.ttl"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = _stderr_lines(proc.stderr)
    assert lines[0] == "kg: real.pdf: a PDF file: convert it to text first (e.g. pdftotext FILE.pdf); skipped"
    assert "1 document(s) read, 1 skipped (1 binary file)" in proc.stderr
    assert set(_rdflib_graph(tmp_path / "out.ttl").subjects(RDF.type, TKG.Finding))


def test_only_binary_input_fails_without_output(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"ab\x00cd")
    proc = _run(["build", "bin.txt", "-o", "out.ttl"], cwd=tmp_path)
    _assert_clean_failure(proc.returncode, proc.stderr)
    assert _stderr_lines(proc.stderr) == [
        "kg: bin.txt: binary data, not text; skipped",
        "kg: error: no documents to build: 0 document(s) read, 1 skipped (1 binary file)",
    ]
    assert not (tmp_path / "out.ttl").exists()


def test_bad_input_gives_one_error_line(tmp_path: Path) -> None:
    name = "missing.txt"  # the input does not exist
    proc = _run(["build", name, "-o", "out.ttl"], cwd=tmp_path)
    _assert_clean_failure(proc.returncode, proc.stderr)
    assert len(_stderr_lines(proc.stderr)) == 1, proc.stderr
    assert name in proc.stderr
    assert not (tmp_path / "out.ttl").exists()
    _no_temp_files(tmp_path)


def test_non_utf8_input_is_built_with_one_warning_line(tmp_path: Path) -> None:
    # what decodes is read; undecodable bytes become U+FFFD and stderr says so in one line
    (tmp_path / "latin.txt").write_bytes(
        "Metformin reduced HbA1c in caf\xe9 type 2 diabetes.".encode("latin-1")
    )
    proc = _run(["build", "latin.txt", "-o", "out.ttl", "-q"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = _stderr_lines(proc.stderr)
    assert len(lines) == 1 and "latin.txt" in lines[0] and "UTF-8" in lines[0], proc.stderr
    assert "caf\ufffd type 2 diabetes" in (tmp_path / "out.ttl").read_text(encoding="utf-8")


def test_empty_input_builds_an_empty_document(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = _run(["build", "empty.txt", "-o", "out.ttl"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "1 document(s) read, 0 skipped, 0 sentences, 0 findings" in proc.stderr
    g = _rdflib_graph(tmp_path / "out.ttl")
    assert len(list(g.subjects(RDF.type, TKG.Document))) == 1
    assert not list(g.subjects(RDF.type, TKG.Statement))


@pytest.mark.parametrize("bad", ["missing.txt", "bin.txt"])
def test_failing_build_keeps_the_old_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: str
) -> None:
    # an existing output keeps its content when the build fails; no half-written file appears
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.ttl"
    out.write_text("# the previous graph\n", encoding="utf-8")
    code, _, err = _main(capsys, "build", tmp_path / bad, "-o", out)
    _assert_clean_failure(code, err)
    assert out.read_text(encoding="utf-8") == "# the previous graph\n"
    _no_temp_files(tmp_path)


def test_default_build_writes_the_example_graph_and_page(tmp_path: Path) -> None:
    # no input: the bundled example goes into ./exports as Turtle and an HTML page
    if importlib.util.find_spec("kg.render.page") is None:
        pytest.skip("kg.render.page is not written yet")
    proc = _run(["build", "-q"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    ttl = tmp_path / "exports" / "therapy-kg.ttl"
    html = tmp_path / "exports" / "therapy-kg.html"
    g = Graph().parse(ttl, format="turtle")
    assert set(g.subjects(RDF.type, TKG.Finding))
    page = html.read_text(encoding="utf-8")
    assert "<html" in page.lower()
    assert "baclofen" in page.lower()


def test_two_builds_are_byte_identical_sorted_ntriples(text_file: Path, tmp_path: Path) -> None:
    # determinism across processes (different hash seeds): the same triples, the same IRIs
    first = _run(["build", str(text_file), "-o", "one.nt", "-q"], cwd=tmp_path)
    second = _run(["build", str(text_file), "-o", "two.nt", "-q"], cwd=tmp_path)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one = (tmp_path / "one.nt").read_bytes().splitlines()
    two = (tmp_path / "two.nt").read_bytes().splitlines()
    assert one
    assert sorted(one) == sorted(two)
    assert isomorphic(Graph().parse(tmp_path / "one.nt"), Graph().parse(tmp_path / "two.nt"))


def test_same_therapy_in_two_input_files_is_one_node(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # stable IRIs: a directory of two documents mentioning one therapy has one node for it
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Intrathecal baclofen reduces spasticity in cerebral palsy.", encoding="utf-8"
    )
    (corpus / "b.md").write_text("Intrathecal baclofen reduced pain in multiple sclerosis.", encoding="utf-8")
    out = tmp_path / "out.ttl"
    code, _, err = _main(capsys, "build", corpus, "-o", out, "-q")
    assert code == 0, err
    g = Graph().parse(out, format="turtle")
    therapies = set(g.subjects(RDF.type, TKG.Therapy))
    assert len(therapies) == 1
    (itb,) = therapies
    docs = {d for st in g.subjects(TKG.mentions, itb) for d in g.objects(st, TKG.inDocument)}
    assert len(docs) == 2


# ---------------------------------------------------------------- extract


def test_extract_prints_one_json_line_per_sentence(
    capsys: pytest.CaptureFixture[str], text_file: Path
) -> None:
    code, out, err = _main(capsys, "extract", text_file)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    sentences = split_sentences(TEXT)
    assert len(records) == len(sentences) == 3
    for r, s in zip(records, sentences, strict=False):
        assert (r["sentence"], r["start"], r["end"], r["text"]) == (s.index, s.start, s.end, s.text)
        assert r["doc"] == "small.txt"
    assert [len(r["findings"]) >= 1 for r in records] == [True, True, True]
    first = records[0]["findings"][0]
    assert (first["therapy"], first["outcome"], first["direction"]) == (
        "intrathecal baclofen",
        "spasticity",
        "decrease",
    )
    negated = [f for f in records[1]["findings"] if f["outcome"] == "mortality"]
    assert negated and negated[0]["negated"] is True and negated[0]["therapy"] == "intrathecal baclofen"
    assert any(f["hedged"] for f in records[2]["findings"])
    assert {s["citation"] for s in records[1]["studies"]} == {"Smith et al., 2019", "Jones 2020"}
    assert all(f["found_by"] for r in records for f in r["findings"])
    assert all(m["source"] for r in records for m in r["mentions"])


def test_extract_subprocess_stdout_is_json_and_stderr_is_empty(text_file: Path, tmp_path: Path) -> None:
    # nothing but JSON on stdout, and no library warning noise on stderr
    proc = _run(["extract", text_file.name], cwd=text_file.parent)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["sentence"] for line in proc.stdout.splitlines()] == [0, 1, 2]
    assert proc.stderr == ""


# ---------------------------------------------------------------- query


def test_named_query_with_binding_returns_rows(
    capsys: pytest.CaptureFixture[str], example_graph: Path
) -> None:
    code, out, err = _main(
        capsys,
        "query",
        example_graph,
        "--name",
        "therapies-for-condition",
        "--bind",
        "condition=spasticity",
        "--format",
        "json",
    )
    assert code == 0, err
    bindings = json.loads(out)["results"]["bindings"]
    assert bindings
    assert {b["conditionLabel"]["value"] for b in bindings} == {"spasticity"}
    assert "intrathecal baclofen" in {b["therapy"]["value"] for b in bindings}


def test_named_query_table_subprocess(example_graph: Path, tmp_path: Path) -> None:
    proc = _run(
        ["query", str(example_graph), "--name", "therapies-for-condition", "--bind", "condition=spasticity"],
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    # the table fits 100 columns; a label may wrap inside its column, never cut
    assert "intrathecal" in proc.stdout and "baclofen" in proc.stdout
    assert max(len(line) for line in proc.stdout.splitlines()) <= 100
    assert "(0 rows)" not in proc.stdout and "…" not in proc.stdout


def test_bad_sparql_fails_cleanly(capsys: pytest.CaptureFixture[str], example_graph: Path) -> None:
    code, out, err = _main(capsys, "query", example_graph, "SELECT bad")
    _assert_clean_failure(code, err)
    assert "SPARQL" in err
    assert out == ""


def test_bad_sparql_error_is_one_line(example_graph: Path, tmp_path: Path) -> None:
    proc = _run(["query", str(example_graph), "SELECT bad"], cwd=tmp_path)
    assert proc.returncode == 1
    assert len(_stderr_lines(proc.stderr)) == 1, proc.stderr


def test_injection_looking_binding_is_a_plain_value(example_graph: Path, tmp_path: Path) -> None:
    # the value is bound as a literal, never pasted into the query: no rows, no error, graph untouched
    before = example_graph.read_bytes()
    mtime = example_graph.stat().st_mtime_ns
    proc = _run(
        [
            "query",
            str(example_graph),
            "--name",
            "therapies-for-condition",
            "--bind",
            f"condition={INJECTION}",
            "--format",
            "json",
        ],
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["results"]["bindings"] == []
    assert example_graph.read_bytes() == before
    assert example_graph.stat().st_mtime_ns == mtime


# ---------------------------------------------------------------- validate and export


def test_validate_example_graph(capsys: pytest.CaptureFixture[str], example_graph: Path) -> None:
    code, out, err = _main(capsys, "validate", example_graph)
    assert code == 0, out + err
    assert "conforms" in out


def test_validate_subprocess(example_graph: Path, tmp_path: Path) -> None:
    proc = _run(["validate", str(example_graph)], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_export_graphml(capsys: pytest.CaptureFixture[str], example_graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.graphml"
    code, _, err = _main(capsys, "export", example_graph, "-o", out)
    assert code == 0, err
    nxg = nx.read_graphml(out)
    assert nxg.number_of_nodes() > 0
    assert nxg.number_of_edges() > 0
    labels = {str(a.get("label", "")).lower() for _, a in nxg.nodes(data=True)}
    assert "intrathecal baclofen" in labels


def test_export_csv(capsys: pytest.CaptureFixture[str], example_graph: Path, tmp_path: Path) -> None:
    # "-o out.csv" writes a nodes table and an edges table beside it
    code, _, err = _main(capsys, "export", example_graph, "-o", tmp_path / "out.csv")
    assert code == 0, err
    with (tmp_path / "out.nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (tmp_path / "out.edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert nodes and edges
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)


def test_export_unknown_format(
    capsys: pytest.CaptureFixture[str], example_graph: Path, tmp_path: Path
) -> None:
    code, _, err = _main(capsys, "export", example_graph, "-o", tmp_path / "out.xyz")
    _assert_clean_failure(code, err)
    assert not (tmp_path / "out.xyz").exists()


def test_query_missing_graph(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _main(capsys, "query", tmp_path / "nope.ttl", "--name", "treatments")
    _assert_clean_failure(code, err)
    assert "nope.ttl" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [(["build", "--bogus"], "No such option: --bogus"), (["nope"], "No such command 'nope'")],
)
def test_usage_error_is_a_usage_message(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    # a mistyped option or command: click's usage lines and exit 2, not an "internal error"
    code, _, err = _main(capsys, *args)
    assert code == 2
    assert "Traceback" not in err and "internal error" not in err
    assert _stderr_lines(err)[0].startswith("Usage: kg")
    assert f"Error: {message}" in err


def test_version_option(tmp_path: Path) -> None:
    proc = _run(["--version"], cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == __version__


@pytest.mark.parametrize("command", [[], ["build"], ["query"], ["render"], ["serve"], ["export"]])
def test_help_reads_as_ordinary_cli_help(tmp_path: Path, command: list[str]) -> None:
    # value names as click writes them (PATH, INTEGER), none of typer's <bool>, <int>, <list[str]>
    proc = _run([*command, "--help"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "<" not in proc.stdout and "list[" not in proc.stdout, proc.stdout
    if command == ["build"]:
        assert "-o, --output PATH" in proc.stdout and "--batch-quads INTEGER RANGE" in proc.stdout


def test_default_build_says_where_it_wrote(tmp_path: Path) -> None:
    proc = _run(["build"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    where = tmp_path.resolve() / "exports"
    assert f"-> {where / 'therapy-kg.ttl'}, {where / 'therapy-kg.html'}" in proc.stderr
