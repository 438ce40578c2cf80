"""Wire the steps: documents -> sentences -> findings -> graph. The one place that does so."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rdflib import Graph

from kg.extractors.abbreviations import find_abbreviations, resolve
from kg.extractors.entities import recognise
from kg.extractors.sentence import extract_sentence
from kg.graph.build import add_document, new_graph
from kg.model import Document, Mention, SentenceResult
from kg.resources import ontology_file
from kg.text.sentences import split_sentences
from kg.text.tokens import tokenize
from kg.vocab.lexicon import Lexicon, load_lexicon, with_user_vocabulary

# documents handed to a worker at a time
CHUNK = 4


# documents handed to a worker at a time
CHUNK = 4


@dataclass
class Extractor:
    """The configured extractors: the compiled vocabularies, with user vocabularies on top."""

    vocabularies: Sequence[Path] = ()
    lexicon: Lexicon = field(init=False)

    def __post_init__(self) -> None:
        base = load_lexicon(ontology_file("vocabulary.ttl"))
        self.lexicon = with_user_vocabulary(base, list(self.vocabularies)) if self.vocabularies else base

    def abbreviations(self, text: str) -> dict[str, Mention]:
        """Return the abbreviations a document defines, resolved to the entities they name."""
        return resolve(find_abbreviations(text), partial(self._recognise_phrase))

    def _recognise_phrase(self, phrase: str) -> list[Mention]:
        """Return the mentions of a short phrase (an abbreviation's long form)."""
        return recognise(phrase, tokenize(phrase), self.lexicon)

    def document(self, doc: Document) -> list[SentenceResult]:
        """Return the extraction results of every sentence of a document."""
        abbrevs = self.abbreviations(doc.text)
        return [extract_sentence(s, self.lexicon, abbrevs) for s in split_sentences(doc.text, doc.id)]


def extract(text: str, doc_id: str = "text", vocabularies: Sequence[Path] = ()) -> list[SentenceResult]:
    """Return the sentence results (mentions, studies, findings) of a text."""
    return Extractor(vocabularies).document(Document(doc_id, text))


def build(
    documents: Iterable[Document], extractor: Extractor | None = None, graph: Graph | None = None
) -> Graph:
    """Return a graph with every document's statements, entities, studies and findings."""
    extractor = extractor or Extractor()
    g = graph if graph is not None else new_graph()
    for doc in documents:
        add_document(g, doc, extractor.document(doc))
    return g


# the extractor of a worker process (inherited from the parent when processes are forked)
_WORKER: Extractor | None = None


def _init_worker(vocabularies: Sequence[Path]) -> None:
    """Prepare a worker process: reuse the parent's extractor if forked, else load one."""
    global _WORKER
    if _WORKER is None or list(_WORKER.vocabularies) != list(vocabularies):
        _WORKER = Extractor(vocabularies)


def _work(doc: Document) -> tuple[Document, list[SentenceResult]]:
    """Extract one document in a worker process."""
    if _WORKER is None:
        raise RuntimeError("worker not initialised")
    return doc, _WORKER.document(doc)


def iter_results(
    documents: Iterable[Document], extractor: Extractor, jobs: int = 1
) -> Iterator[tuple[Document, list[SentenceResult]]]:
    """Yield each document with its results, in input order, using jobs processes.

    The order and content are the same whatever the number of processes, so a parallel build
    gives the same graph as a one-process build."""
    if jobs <= 1:
        for doc in documents:
            yield doc, extractor.document(doc)
        return
    global _WORKER
    _WORKER = extractor  # forked workers inherit the loaded vocabularies
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(list(extractor.vocabularies),)) as pool:
        yield from pool.imap(_work, documents, chunksize=CHUNK)
