"""Split a document into sentences with character offsets, robust to abbreviations and citations."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources

import pysbd

from kg.model import Sentence

# paragraphs are split first: a line break that ends with sentence punctuation, or a blank line,
# always ends a sentence; pysbd then splits each paragraph.
PARAGRAPH_RE = re.compile(r"\n\s*\n|(?<=[.!?)\]])[ \t]*\n")
# a line that is a Markdown heading or a list item stands alone; a numbered item that goes on in
# lower case ("1) to reduce pain and") continues the sentence that introduced the list
BLOCK_LINE_RE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|[-*•+][ \t]|\d+[.)][ \t](?![a-z]))[^\n]*$", re.MULTILINE)
# a piece that begins as an item of an enumeration in lower case ("2) tizanidine") is not a sentence
ENUMERATED_RE = re.compile(r"^\s*\(?\d{1,2}[.)]\s+[a-z]")
# a plain boundary: a word, sentence punctuation and closing marks, space, then a capital, digit or
# opening mark; group 1 is the word before the period, group 2 ends the punctuation and closers,
# group 3 is the next sentence's first character (a non-ASCII one counts when it is a capital: "Á")
# (a match can only begin where a run of such characters begins, and the lookbehind says so first,
# so that the lazy group is not tried again from every character of every word: the same matches)
BOUNDARY = r"([^\s(\[]*?)[.!?]+([\"'”’)\]]*)(?=\s+[\"'“‘(\[]?([A-Z0-9]|[^\x00-\x7f]))"
BOUNDARY_RE = re.compile(r"(?<![^\s(\[])" + BOUNDARY)
# pysbd splits after "et al." when a year or a capital follows; such a piece is glued back.
ET_AL_END_RE = re.compile(r"\bet al\.\s*$")
# a piece that is only a citation or closing bracket belongs to the sentence before it.
CITATION_ONLY_RE = re.compile(r"^\s*[(\[][^()\[\]]{0,80}[)\]]\s*\.?\s*$")
# a longer "sentence" (a table, a run-on line with no punctuation) is cut into pieces at spaces,
# so that extraction time stays linear in the text; real sentences are far shorter
MAX_SENTENCE_CHARS = 1500
# a capitalised word after a word and a space: where a title without its period may end
CAPITAL_RE = re.compile(r"(?<=[A-Za-z0-9)\]™®])\s+([A-Z][a-z]*)(?=\s+[a-z0-9(])")
TITLE_MIN_WORDS = 4
# a title that ends in its study's design ("...: A double blind clinical trial"), then a capitalised
# word: the title ends there
DESIGN_END_RE = re.compile(
    r":\s+(?:(?i:an?|the)\s+)?(?:[\w-]+\s+){0,6}?(?i:trial|study|analysis|review|experiment|evaluation)"
    r"(?=\s+[A-Z][a-z])",  # the next word capitalised, whatever the case of the title
)


@cache
def _openers() -> tuple[frozenset[str], frozenset[str]]:
    """Return the words that start a sentence after a title without its period, and the words
    after which a capitalised word goes on the same phrase (kg/text/openers.json)."""
    raw = json.loads(resources.files(__package__).joinpath("openers.json").read_text(encoding="utf-8"))
    return frozenset(raw["openers"]), frozenset(raw["not_before"])


def title_end(piece: str) -> int | None:
    """Return where a title copied without its final period ends inside the first sentence of a
    paragraph ("... in Madagascar The aim of ..."), or None: before the first opener capitalised
    after a word that ends a phrase, at least TITLE_MIN_WORDS words in."""
    openers, not_before = _openers()
    design = DESIGN_END_RE.search(piece)
    if design is not None and len(piece[: design.start()].split()) >= TITLE_MIN_WORDS:
        return design.end()
    for m in CAPITAL_RE.finditer(piece):
        before = piece[: m.start()].split()
        if len(before) < TITLE_MIN_WORDS:
            continue
        if m.group(1).lower() in openers and before[-1].lower() not in not_before:
            return m.start()
        if piece[m.start() - 1] in ")]":
            return m.start()  # "... (MOS HIP 2) Uncertainty remains", "... [ISRCTN67566265] It is"
    return None


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    """Return the shared pysbd segmenter (English, no cleaning: pieces are verbatim substrings)."""
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _pysbd_spans(flat: str) -> list[tuple[int, int]]:
    """Return pysbd's sentence spans, found by a forward search for each sentence it returns.

    Segmenter.segment locates its sentences with one regular expression compiled per sentence,
    which costs more than the segmentation; its processor gives the same sentences, and a plain
    string search from the end of the previous one places them."""
    seg = _segmenter()
    spans, cursor = [], 0
    for piece in seg.processor(flat).process():
        piece = piece.strip()
        start = flat.find(piece, cursor) if piece else -1
        if start < 0:  # pysbd changed the text of a piece: let it place the pieces itself
            return _slow_spans(flat)
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    return spans


@lru_cache(maxsize=1)
def _placing_segmenter() -> pysbd.Segmenter:
    """Return a pysbd segmenter that places its sentences itself (character spans)."""
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def _slow_spans(flat: str) -> list[tuple[int, int]]:
    """Return sentence spans through pysbd's own (regex-based) placement of its sentences."""
    return [(t.start, t.end) for t in _placing_segmenter().segment(flat)]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the paragraphs of a text; a Markdown heading or list item
    line is a paragraph of its own."""
    spans, start = [], 0
    for m in PARAGRAPH_RE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        for line in BLOCK_LINE_RE.finditer(text, s, e):
            if line.start() > s:
                out.append((s, line.start()))
            out.append((line.start(), line.end()))
            s = line.end()
        out.append((s, e))
    return [(s, e) for s, e in out if text[s:e].strip()]


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Return pysbd's English abbreviations (lower case, without the final period)."""
    from pysbd.lang.english import English

    return frozenset(a.lower() for a in English.Abbreviation.ABBREVIATIONS)


def _plain_spans(flat: str) -> list[tuple[int, int]]:
    """Return sentence spans, cut at every plain boundary ("word. Next"); a stretch between plain
    boundaries where a period may end an abbreviation ("et al.", "Fig.", "J.") is left to pysbd."""
    spans: list[tuple[int, int]] = []
    start, doubtful = 0, False
    for m in BOUNDARY_RE.finditer(flat):
        word = m.group(1).lower()
        if not m.group(3).isupper() and not m.group(3).isascii():
            continue  # "... ñ": a non-ASCII letter that is not a capital starts no sentence
        if word == "al" and flat[m.end() :].lstrip()[:1].isdigit():
            continue  # "et al. 2018": a citation's year follows, never a sentence end
        if len(word) <= 1 or word in _abbreviations() or "." in word or not m.group(1)[0].isalnum():
            doubtful = True
            continue
        spans += _stretch(flat, start, m.end(2), doubtful)
        start, doubtful = m.end(2), False
    return spans + _stretch(flat, start, len(flat), doubtful)


def _stretch(flat: str, start: int, end: int, doubtful: bool) -> list[tuple[int, int]]:
    """Return the sentence spans of a stretch of text: itself, or pysbd's split when in doubt."""
    if not doubtful:
        return [(start, end)]
    return [(start + s, start + e) for s, e in _pysbd_spans(flat[start:end])]


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return sentence spans of one paragraph, merging pieces that pysbd split wrongly."""
    out: list[tuple[int, int]] = []
    # a line break inside a paragraph is a soft wrap: pysbd sees a space (offsets are unchanged)
    flat = text[start:end].replace("\r\n", " \n").replace("\n", " ").replace("\r", " ")
    for seg_start, seg_end in _plain_spans(flat):
        s, e = start + seg_start, start + seg_end
        if out and s < out[-1][1]:
            s = out[-1][1]  # pysbd finds spans by searching the text: never let two overlap
        if s >= e:
            continue
        piece = text[s:e]
        glued = CITATION_ONLY_RE.match(piece) or ENUMERATED_RE.match(piece)
        if out and (ET_AL_END_RE.search(text[out[-1][0] : out[-1][1]]) or glued):
            out[-1] = (out[-1][0], e)
        elif piece.strip():
            out.append((s, e))
    if out and (cut := title_end(text[out[0][0] : out[0][1]])) is not None:
        first, rest = _trim(text, out[0][0], out[0][0] + cut), _trim(text, out[0][0] + cut, out[0][1])
        out[0:1] = [first, rest]
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _at_breaks(spans: list[tuple[int, int]], breaks: tuple[int, ...]) -> list[tuple[int, int]]:
    """Return paragraph spans cut at the offsets where a passage begins."""
    out = []
    for s, e in spans:
        for b in sorted(b for b in breaks if s < b < e):
            out.append((s, b))
            s = b
        out.append((s, e))
    return out


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the span cut into pieces of at most MAX_SENTENCE_CHARS, at the last space of each."""
    out: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
        cut = cut if cut > start else limit  # no space at all: cut anywhere
        s, e = _trim(text, start, cut)
        if s < e:
            out.append((s, e))
        start, _ = _trim(text, cut, end)
    if start < end:
        out.append((start, end))
    return out


def split_sentences(text: str, doc_id: str = "", breaks: tuple[int, ...] = ()) -> list[Sentence]:
    """Split a text into sentences whose offsets point into the text; no sentence runs across an
    offset in breaks (where a title, a section or a passage begins)."""
    return list(iter_sentences(text, doc_id, breaks))


def iter_sentences(text: str, doc_id: str = "", breaks: tuple[int, ...] = ()) -> Iterator[Sentence]:
    """Yield the sentences of `split_sentences` one paragraph after another, so that a long text's
    first sentences come before the rest of it is split."""
    n = 0
    for p_start, p_end in _at_breaks(_paragraphs(text), breaks):
        for s, e in _pieces(text, p_start, p_end):
            for cs, ce in _capped(text, *_trim(text, s, e)):
                yield Sentence(doc_id, n, cs, ce, text[cs:ce])
                n += 1
