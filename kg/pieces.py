"""Cut a long document into pieces that worker processes extract on their own.

A book, a long review or a corpus concatenated into one file is one document: one process would
read it all, and hold all its results. A document longer than LONG_CHARS is cut instead into
pieces of about PIECE_SENTENCES sentences (each ending at a paragraph break where one is near),
and what a piece needs of the rest of the document is given to it: the abbreviations defined up to
its end, the reference list, and the study the document describes as its own.
Sentence numbers and offsets stay those of the whole document. Whatever the number of processes,
a document is cut the same way, so the graph is the same; a shorter document is read whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from kg.extractors.entities.abbreviations import find_abbreviations
from kg.extractors.studies.document import stated_study
from kg.extractors.studies.references import References, reference_list
from kg.model import Document, Sentence, Study
from kg.text.sentences import iter_sentences, split_sentences

# a document longer than this (in characters; a long review article is some 100,000) is cut
LONG_CHARS = 250_000
# sentences in a piece: enough that a piece costs far more than sending it to a worker
PIECE_SENTENCES = 400
# a blank line between two sentences: a paragraph ends there
PARAGRAPH_RE = re.compile(r"\n[^\S\n]*\n")


@dataclass(frozen=True)
class Context:
    """What every piece of a document needs of the whole: its abbreviations (short -> long form),
    its reference list (number -> text) and its own study."""

    abbreviations: Mapping[str, str] = field(default_factory=dict)
    references: Mapping[str, str] = field(default_factory=dict)
    own: Study | None = None


@dataclass(frozen=True)
class Piece:
    """Consecutive sentences of a long document, numbered as in the whole; the document comes
    without its text (each piece would otherwise carry all of it to its worker)."""

    doc: Document
    part: int
    last: bool
    sentences: tuple[Sentence, ...]
    context: Context


Unit = Document | Piece


def split(doc: Document) -> tuple[References | None, str, list[Sentence]]:
    """Return a document's reference list (if it ends with one), its text before it and the
    sentences of that text."""
    refs = reference_list(doc.text)
    body = doc.text[: refs.start] if refs else doc.text
    return refs, body, split_sentences(body, doc.id, doc.breaks)


def units(documents: Iterable[Document]) -> Iterator[Unit]:
    """Yield each document, or its pieces when it is long, in order."""
    for doc in documents:
        if len(doc.text) > LONG_CHARS:
            yield from pieces(doc)
        else:
            yield doc


def pieces(doc: Document, size: int = 0) -> Iterator[Piece]:
    """Yield the pieces of a document (of about `size` sentences; 0: PIECE_SENTENCES). A piece
    knows the abbreviations defined up to its end: they are looked for piece by piece, as the
    pieces go to the workers, rather than in the whole text before the first one goes; the
    sentences too are split as the pieces need them."""
    refs = reference_list(doc.text)
    body = doc.text[: refs.start] if refs else doc.text
    sentences = Sentences(iter_sentences(body, doc.id, doc.breaks))
    references = refs.entries if refs else {}
    own = stated_study(doc, (s.text for s in sentences))
    light = replace(doc, text="", breaks=())
    defined: dict[str, str] = {}
    i = 0
    for start, end in windows_of(body, sentences, size or PIECE_SENTENCES):
        part = sentences[start:end]
        if part:
            for short, long in find_abbreviations(body[part[0].start : part[-1].end]).items():
                defined.setdefault(short, long)
        context = Context(dict(defined), references, own)
        yield Piece(light, i, not sentences.reach(end), tuple(part), context)
        sentences.release(end)  # the next windows begin at end
        i += 1
    if i == 0:  # no sentence at all: one empty piece
        yield Piece(light, 0, True, (), Context({}, references, own))


class Sentences:
    """The sentences of a text, split as far as they are asked for; those before a mark set by
    `release` are let go (a long document's pieces go by in order)."""

    def __init__(self, sentences: Iterator[Sentence]) -> None:
        self._rest = sentences
        self._split: list[Sentence] = []
        self._gone = 0  # the sentences released, before self._split[0]

    def reach(self, i: int) -> bool:
        """Return whether the text has a sentence i (splitting it up to there)."""
        while self._gone + len(self._split) <= i:
            nxt = next(self._rest, None)
            if nxt is None:
                return False
            self._split.append(nxt)
        return True

    def release(self, i: int) -> None:
        """Let go of the sentences before sentence i: they are not asked for again."""
        i = min(i, self._gone + len(self._split))  # (a sentence not split yet is still to come)
        if i > self._gone:
            del self._split[: i - self._gone]
            self._gone = i

    def __getitem__(self, part: slice) -> list[Sentence]:
        self.reach(part.stop - 1)
        if part.start < self._gone:
            raise IndexError(f"sentence {part.start} was released")
        return self._split[part.start - self._gone : part.stop - self._gone]

    def __iter__(self) -> Iterator[Sentence]:
        k = 0
        while self.reach(k):
            yield self[k : k + 1][0]
            k += 1


def windows_of(body: str, sentences: Sentences | Sequence[Sentence], size: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) sentence ranges of at most `size` sentences, each ending after the last
    paragraph break of its second half when it has one."""
    if not isinstance(sentences, Sentences):
        sentences = Sentences(iter(sentences))
    start = 0
    while sentences.reach(start):
        end = start + size
        if sentences.reach(end):
            end = next(
                (j for j in range(end, start + size // 2, -1) if _paragraph_between(body, sentences, j)), end
            )
        else:
            end = len(sentences[start:end]) + start
        yield start, end
        start = end


def _paragraph_between(body: str, sentences: Sentences, j: int) -> bool:
    """Return whether a paragraph ends between sentence j - 1 and sentence j."""
    before, after = sentences[j - 1 : j + 1]
    return PARAGRAPH_RE.search(body, before.end, after.start) is not None


def placement(unit: Unit) -> tuple[Document, int, bool]:
    """Return a unit's document, its part number and whether it is the document's last part."""
    if isinstance(unit, Piece):
        return unit.doc, unit.part, unit.last
    return unit, 0, True
