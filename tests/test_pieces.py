"""A long document is cut into pieces that worker processes extract on their own: sentence
numbers stay the document's, each piece sees the abbreviations, the reference list and the own
study of the whole, and the graph is the same with one process or two, in a file, a store or a
server; a store build stopped between two pieces keeps no half document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from servers import OxigraphServer

import kg.pieces as pieces_module
from kg.cli import main
from kg.graph.build import document_iri
from kg.graph.encode import EncodedDocument, encode_document
from kg.graph.endpoint import Endpoint
from kg.graph.io import load_graph
from kg.graph.remote import endpoint_graph
from kg.graph.store import journal_path, open_store, query_store, store_graph
from kg.graph.writer import WriteStats, batches, load_encoded
from kg.interrupts import Interrupted
from kg.model import Document
from kg.namespaces import RDFS, TKG
from kg.pieces import Piece, pieces, split, units, windows_of
from kg.pipeline import Extractor, parallel_map, results_of

THERAPIES = ("Metformin", "Aspirin", "Exercise therapy", "Insulin", "Botulinum toxin")
OUTCOMES = ("HbA1c", "mortality", "pain", "fatigue", "blood pressure")
CONDITIONS = ("type 2 diabetes", "heart failure", "stroke", "gout", "hypertension")
OPENING = (
    "In this randomised controlled trial of 120 adults with cerebral palsy, intrathecal baclofen "
    "(ITB) reduced spasticity. Vitamin C increased heme irons absorption in anaemia."
)
CLOSING = (
    "ITB improved walking speed in adults with cerebral palsy. Heme iron supplements increased "
    "heme iron absorption in anaemia. Oral baclofen (OB) reduced spasticity [2].\n\n"
    "References\n1. Smith J. Baclofen in spasticity. Lancet. 2001;357:1-5.\n"
    "2. Garcia M. Oral baclofen for spinal spasticity. BMJ. 2003;326:10-14.\n"
)


def long_text(paragraphs: int = 30) -> str:
    """Return a long document: an opening that defines ITB and describes its own trial, paragraphs
    of four findings each, then sentences that use ITB and cite the reference list at the end."""
    body = [OPENING]
    for i in range(paragraphs):
        sentences = []
        for k in range(4):
            j = i + k
            t, o, c = THERAPIES[j % 5], OUTCOMES[(i // 2 + k) % 5], CONDITIONS[(i + 2 * k) % 5]
            sentences.append(f"{t} reduced {o} in {20 + 3 * i + k} patients with {c}.")
        body.append(" ".join(sentences))
    return "\n\n".join(body) + "\n\n" + CLOSING


@pytest.fixture
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # a "long" document of 1,000 characters, in pieces of about 12 sentences
    monkeypatch.setattr(pieces_module, "LONG_CHARS", 1_000)
    monkeypatch.setattr(pieces_module, "PIECE_SENTENCES", 12)


@pytest.fixture
def long_doc(tmp_path: Path) -> Path:
    path = tmp_path / "long.txt"
    path.write_text(long_text(), encoding="utf-8")
    return path


def test_windows_end_at_a_paragraph_in_their_second_half() -> None:
    text = "A one. A two. A three.\n\nB one. B two. B three.\n\nC one. C two. C three. C four."
    _, body, sentences = split(Document("d", text))
    assert [s.text for s in sentences][2:4] == ["A three.", "B one."]
    # windows of at most 4 sentences: each of the first two ends at the break in its second half
    assert list(windows_of(body, sentences, 4)) == [(0, 3), (3, 6), (6, 10)]
    # with a break only in a window's first half, the window is cut at its size
    assert list(windows_of(body, sentences, 6)) == [(0, 6), (6, 10)]
    assert list(windows_of(body, sentences, 8)) == [(0, 6), (6, 10)]


def test_a_window_without_a_break_is_cut_at_its_size() -> None:
    _, body, sentences = split(Document("d", " ".join(f"Sentence {i} ends." for i in range(7))))
    assert list(windows_of(body, sentences, 3)) == [(0, 3), (3, 6), (6, 7)]


def test_short_documents_are_read_whole(small_pieces: None) -> None:
    short = Document("s.txt", "Metformin reduced HbA1c in type 2 diabetes.")
    assert list(units([short])) == [short]


def test_pieces_number_their_sentences_as_in_the_whole(small_pieces: None) -> None:
    doc = Document("long.txt", long_text())
    parts = list(units([doc]))
    assert len(parts) > 3 and all(isinstance(p, Piece) for p in parts)
    assert [p.part for p in parts] == list(range(len(parts))) and [p.last for p in parts][-2:] == [
        False,
        True,
    ]
    assert all(p.doc.text == "" and p.doc.id == doc.id for p in parts)  # the text is not sent along
    _, _, whole = split(doc)
    assert [s for p in parts for s in p.sentences] == whole
    context = parts[0].context
    assert dict(context.abbreviations) == {"ITB": "intrathecal baclofen"}
    # a piece knows the abbreviations defined up to its end
    assert dict(parts[-1].context.abbreviations) == {"ITB": "intrathecal baclofen", "OB": "Oral baclofen"}
    assert set(context.references) == {"1", "2"}
    assert context.own is not None and context.own.design == "randomized controlled trial"


def test_the_last_piece_knows_the_abbreviations_references_and_study_of_the_whole(small_pieces: None) -> None:
    doc = Document("long.txt", long_text())
    last = list(pieces(doc))[-1]
    results = Extractor().piece(last)
    itb = [f for r in results for f in r.findings if f.therapy and f.therapy.label == "intrathecal baclofen"]
    assert itb and itb[0].study is not None and itb[0].study.design == "randomized controlled trial"
    cited = [s for r in results for s in r.studies if s.citation == "2"]
    assert cited and cited[0].label is not None and "Oral baclofen for spinal spasticity" in cited[0].label


def file_graph(doc: Path, jobs: int) -> Graph:
    out = doc.parent / f"jobs{jobs}.nt"
    assert main(["build", str(doc), "-o", str(out), "--jobs", str(jobs), "-q", "--no-page"]) == 0
    return load_graph(out)


def test_one_process_and_two_build_the_same_graph(small_pieces: None, long_doc: Path) -> None:
    one = file_graph(long_doc, 1)
    assert isomorphic(one, file_graph(long_doc, 2))
    # one document, its statements numbered through, one label per entity across the pieces
    assert len(set(one.subjects(None, TKG.Document))) == 1
    assert len(set(one.subjects(TKG.inDocument, None))) == len(split(Document("d", long_text()))[2])
    heme = [s for s, o in one.subject_objects(RDFS.label) if str(o).startswith("heme iron")]
    assert len(heme) == len(set(heme))


@pytest.mark.parametrize("batch", [0, 1])
def test_a_store_holds_the_file_graph_of_a_long_document(
    small_pieces: None, long_doc: Path, tmp_path: Path, batch: int
) -> None:
    store = tmp_path / "store"
    args = ["build", str(long_doc), "--store", str(store), "--jobs", "2", "-q"]
    assert main(args + (["--batch-quads", str(batch)] if batch else [])) == 0
    assert isomorphic(store_graph(open_store(store)), file_graph(long_doc, 1))
    # built again, the document replaces itself (its first piece drops the old build)
    assert main(args) == 0
    assert isomorphic(store_graph(open_store(store)), file_graph(long_doc, 1))


def test_a_server_holds_the_file_graph_of_a_long_document(
    small_pieces: None, long_doc: Path, oxigraph_server: OxigraphServer
) -> None:
    url = oxigraph_server.url
    args = ["build", str(long_doc), "--endpoint", url, "--batch-quads", "1", "-q"]
    assert main(args) == 0 and main(args) == 0
    assert isomorphic(endpoint_graph(Endpoint(url)), file_graph(long_doc, 1))
    Endpoint(url).update("DROP ALL")


def test_pieces_go_in_several_batches_unless_kept_whole(small_pieces: None, extractor: Extractor) -> None:
    encoded = [
        encode_document(p.doc, extractor.piece(p), p.part, p.last) for p in pieces(Document("l", long_text()))
    ]
    stats = WriteStats()
    assert len(list(batches(encoded, stats, 1))) == len(encoded)
    assert stats.documents == 1 and stats.sentences == sum(e.sentences for e in encoded)
    assert len(list(batches(encoded, WriteStats(), 1, whole=True))) == 1


def test_a_stop_between_two_pieces_keeps_no_half_document(
    small_pieces: None, extractor: Extractor, tmp_path: Path
) -> None:
    short = Document("short.txt", "Metformin reduced HbA1c in type 2 diabetes.")
    long = Document("long.txt", long_text())
    parts = list(pieces(long))

    def items() -> Iterator[EncodedDocument]:
        yield encode_document(short, extractor.document(short))
        yield from (encode_document(p.doc, extractor.piece(p), p.part, p.last) for p in parts[:2])
        raise KeyboardInterrupt

    folder = tmp_path / "st"
    store = open_store(folder, create=True)
    with pytest.raises(Interrupted) as caught:
        load_encoded(store, items(), 1, folder)
    assert caught.value.written == 1  # the short document; the long one is not in, not even in part
    assert not journal_path(folder).exists()
    docs = query_store(store, "SELECT ?d WHERE { ?d a tkg:Document }").rows
    assert [str(r[0]) for r in docs] == [str(document_iri(short))]
    statements = query_store(store, "SELECT ?s WHERE { ?s tkg:inDocument ?d }").rows
    assert len(statements) == 1
    texts = [str(r[0]) for r in query_store(store, "SELECT ?t WHERE { ?s tkg:text ?t }").rows]
    assert texts == [short.text]


def test_results_of_a_piece_say_whether_the_document_is_done(
    small_pieces: None, extractor: Extractor
) -> None:
    doc = Document("long.txt", long_text())
    reads = list(parallel_map(results_of, [doc], extractor))
    assert [r.last for r in reads] == [False] * (len(reads) - 1) + [True]
    assert all(r.doc.id == doc.id for r in reads)
    assert [r.results[0].sentence.index for r in reads] == sorted(r.results[0].sentence.index for r in reads)


def test_the_first_piece_comes_before_the_rest_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentences are split as the pieces need them, and the pieces are those of the whole split."""
    own = "In this randomised trial of 60 patients, drug A reduced pain.\n\n"
    text = own + "\n\n".join(f"Drug {i} reduced pain (p = 0.0{i % 9 + 1}). It was safe." for i in range(60))
    doc = Document("long.txt", text)
    made: list[int] = []
    split_lazily = pieces_module.iter_sentences

    def counted(*args: object) -> Iterator[object]:
        for s in split_lazily(*args):  # type: ignore[arg-type]
            made.append(s.index)
            yield s

    monkeypatch.setattr(pieces_module, "iter_sentences", counted)
    first = next(pieces(doc, 10))
    assert len(first.sentences) == 10 and len(made) <= 11 and first.context.own is not None
    lazy = [first, *pieces(doc, 10)][1:]
    whole = split(doc)[2]
    assert [s for p in lazy for s in p.sentences] == whole
    assert [p.last for p in lazy] == [False] * (len(lazy) - 1) + [True]


def test_sentences_before_a_released_mark_are_let_go() -> None:
    from kg.pieces import Sentences
    from kg.text.sentences import iter_sentences

    text = " ".join(f"Drug {i} reduced pain." for i in range(20))
    whole = list(iter_sentences(text))
    sentences = Sentences(iter_sentences(text))
    assert sentences[0:5] == whole[0:5]
    sentences.release(12)  # beyond what is split: only the five split are let go
    assert sentences[5:15] == whole[5:15]
    sentences.release(10)
    assert sentences[10:25] == whole[10:] and not sentences.reach(20)
    with pytest.raises(IndexError):
        sentences[9:11]
