"""Test abbreviations defined in a document and their resolution to the long form's entity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal

from kg.extractors.entities.abbreviations import CHUNK_CHARS, find_abbreviations, long_form
from kg.model import Document
from kg.namespaces import RDF, RDFS, SKOS, TKG, entity_iri
from kg.pipeline import build, extract

ITB_TEXT = "Intrathecal baclofen (ITB) reduces spasticity. ITB is safe."


def test_find_abbreviations_maps_short_to_long_form() -> None:
    assert find_abbreviations(ITB_TEXT) == {"ITB": "Intrathecal baclofen"}


def test_no_brackets_no_abbreviations() -> None:
    # without a bracket nothing can be defined
    assert find_abbreviations("ITB reduces spasticity. ITB is safe.") == {}


def test_citation_in_brackets_is_not_an_abbreviation() -> None:
    # "(12)" and "(Eek et al 2018)" define nothing
    assert find_abbreviations("Baclofen reduces spasticity (12). It helps sitting (Eek et al 2018).") == {}


def test_first_definition_wins() -> None:
    # the same short form defined twice keeps its first long form
    text = "Cerebral palsy (CP) is common. Chronic pain (CP) is also common."
    assert find_abbreviations(text)["CP"] == "Cerebral palsy"


def test_later_short_form_resolves_to_the_long_form_entity() -> None:
    # through the pipeline, "ITB" in the next sentence names the intrathecal baclofen entity
    first, second = extract(ITB_TEXT)
    long = [m for m in first.mentions if m.kind == "therapy"]
    short = [m for m in second.mentions if m.kind == "therapy"]
    assert [m.label for m in long] == ["intrathecal baclofen"]
    assert [m.label for m in short] == ["intrathecal baclofen"]
    assert short[0].text == "ITB"
    assert second.sentence.text[short[0].start : short[0].end] == "ITB"
    assert "ITB" in long[0].alt_labels
    assert "ITB" in short[0].alt_labels


def test_short_form_findings_name_the_long_form() -> None:
    # a finding stated with the short form is about the long form's therapy
    results = extract(
        "Intrathecal baclofen (ITB) is used in children. ITB reduces spasticity in cerebral palsy."
    )
    therapies = {f.therapy.label for r in results[1:] for f in r.findings}
    assert therapies == {"intrathecal baclofen"}


def test_short_form_is_an_alt_label_of_one_graph_node() -> None:
    # in the graph the short and the long form are one node whose skos:altLabel is "ITB"
    g = build([Document("itb.txt", ITB_TEXT)])
    node = entity_iri("therapy", "intrathecal baclofen")
    assert (node, RDF.type, TKG.Therapy) in g
    assert (node, SKOS.altLabel, Literal("ITB")) in g
    assert set(g.objects(node, RDFS.label)) == {Literal("intrathecal baclofen")}
    statements = set(g.subjects(TKG.mentions, node))
    assert len(statements) == 2
    itb_nodes = {s for s, _, o in g.triples((None, None, Literal("ITB"))) if (s, RDF.type, TKG.Therapy) in g}
    assert itb_nodes == {node}


def test_long_text_read_in_pieces_gives_the_definitions_of_each() -> None:
    # definitions far apart (past CHUNK_CHARS) are all found; the first of a short form still wins
    filler = "The weather was fine and the patients walked home. " * (CHUNK_CHARS // 50)
    text = (
        "Intrathecal baclofen (ITB) reduced spasticity. "
        + filler
        + "Botulinum toxin (BoNT) reduced pain. "
        + filler
        + "Insulin-based treatment (ITB) was given. "
    )
    pairs = find_abbreviations(text)
    assert pairs == {"ITB": "Intrathecal baclofen", "BoNT": "Botulinum toxin"}


def test_the_detector_reads_the_words_around_brackets_alone() -> None:
    from kg.extractors.entities.abbreviations import WINDOW_GAP, bracket_windows

    filler = " ".join(f"word{i}" for i in range(400))
    text = (
        f"{filler} Patients received intrathecal baclofen (ITB) daily. {filler} "
        f"Then cognitive behavioural therapy (CBT) was given. {filler}"
    )
    windows = bracket_windows(text)
    assert windows.count(WINDOW_GAP) == 1 and len(windows) < len(text) / 2
    assert "intrathecal baclofen (ITB)" in windows and "cognitive behavioural therapy (CBT)" in windows
    assert find_abbreviations(text) == {"ITB": "intrathecal baclofen", "CBT": "cognitive behavioural therapy"}
    assert bracket_windows("no brackets here") == ""


def test_hyphenated_short_form_is_found() -> None:
    # a hyphen inside a short form keeps it one word for the detector
    text = "Azilsartan medoxomil (AZL-M) lowers blood pressure. AZL-M was well tolerated."
    assert find_abbreviations(text) == {"AZL-M": "Azilsartan medoxomil"}


def test_long_form_stops_at_a_bracket_it_does_not_open() -> None:
    assert long_form("OLM)-hydrochlorothiazide") == "hydrochlorothiazide"
    assert (
        long_form("olmesartan (OLM) plus hydrochlorothiazide") == "olmesartan (OLM) plus hydrochlorothiazide"
    )
    assert long_form("intrathecal baclofen") == "intrathecal baclofen"


def test_long_form_after_another_definition() -> None:
    text = "Olmesartan (OLM)-hydrochlorothiazide (HCTZ) was given. HCTZ lowered pressure."
    assert find_abbreviations(text)["HCTZ"] == "hydrochlorothiazide"


def test_bracket_matcher_gives_the_matches_scispacy_keeps_in_spacy_order() -> None:
    """The bracket matcher gives what spaCy's Matcher with scispaCy's pattern gives, less the
    matches the detector drops (more than 8 tokens inside, or opened by the first token)."""
    from spacy.matcher import Matcher

    from kg.extractors.entities.abbreviations import _pipeline

    nlp = _pipeline()
    spacy_matcher = Matcher(nlp.vocab)
    spacy_matcher.add("parenthesis", [[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]])
    texts = [
        "x ( a ( b ) c ) d ( e ) ) f ( g",
        "(x) y (a b c d e f g h) (a b c d e f g h i) ((( ))) )( ()",
        "Intrathecal baclofen (ITB) and oral baclofen (OB; n = 12 (40%)) were compared (p < 0.05).",
    ]
    for text in texts:
        doc = nlp.make_doc(text)
        kept = [(k, s, e) for k, s, e in spacy_matcher(doc) if e - s - 2 <= 8 and s != 0]
        assert nlp.get_pipe("abbreviation_detector").matcher(doc) == kept


def test_narrow_windows_give_what_the_detector_finds_in_the_whole_piece() -> None:
    """Each piece is read on the words near its brackets; the definitions, their order and every
    short form as written are those the detector finds in the whole piece, at its edges too, and
    a short form of several tokens spaced otherwise elsewhere sends the whole piece to it."""
    from kg.extractors.entities.abbreviations import _definitions, _pipeline

    filler = " ".join(f"word{i}" for i in range(60))
    texts = [
        f"\n(ITB) first. {filler} intrathecal baclofen (ITB) and the ITB group. {filler} (SD) 3.1 (CI",
        f"{filler} Transient evoked otoacoustic emissions (TEOAE's) rose. {filler} TEOAE 's fell.",
        f"{filler} the Bypass Angioplasty Revascularization Investigation 2 Diabetes (BARI 2D) trial",
        f"\n\nglucagon-like peptide-1 (GLP-1) (n = 12; p < 0.05) {filler} GLP-1 (ref) words (a b c d e)",
        "baclofen (oral baclofen tablets given daily) and placebo (P = 0.03)",
    ]
    for text in texts:
        whole = [(s.text, long_form(s._.long_form.text)) for s in _pipeline()(text)._.abbreviations]
        assert _canonical(_definitions(text)) == _canonical(whole)
    assert _first(_definitions(texts[0])) == [("ITB", "intrathecal baclofen")]


def _canonical(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return each short form with its first long form, long forms in order and the short forms of
    one long form sorted: scispaCy keeps a long form's short forms in a set of spans, whose order
    changes from one Doc to the next ("TEOAE's" and "TEOAE 's")."""
    firsts = _first(pairs)
    order = list(dict.fromkeys(long for _, long in firsts))
    return sorted(firsts, key=lambda p: (order.index(p[1]), p[0]))


def _first(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return each short form with its first long form, in order."""
    out: dict[str, str] = {}
    for short, long in pairs:
        out.setdefault(short, long)
    return list(out.items())


def test_window_spaces_are_white_space() -> None:
    """The code points bracket_windows cuts words at are those str.isspace (and a regular
    expression's \\s) calls white space."""
    import sys

    from kg.extractors.entities.abbreviations import SOLID

    spaces = [c for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert (SOLID == 0).nonzero()[0].tolist() == spaces and spaces[-1] < len(SOLID) - 1


def _windows_by_regex(text: str, before: int, after: int, edges: bool) -> str:
    """bracket_windows as a regular expression finds the words (the reference it must equal)."""
    import bisect
    import re

    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    starts, last = [w[0] for w in words], len(words) - 1
    windows: list[list[int]] = []
    for pos in (m.start() for m in re.finditer(r"\(", text)):
        k = bisect.bisect_right(starts, pos) - 1
        start = 0 if edges and k <= before else words[max(0, k - before)][0]
        end = len(text) if edges and k + after >= last else words[min(last, k + after)][1]
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    return "\n\n".join(text[a:b] for a, b in windows)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "(", ")", " ", "\n", "\u00a0", "\u2003", "é", "x1", "\t "]), max_size=60),
    st.integers(0, 6),
    st.integers(0, 6),
    st.booleans(),
)
def test_windows_are_those_of_the_words_a_regular_expression_finds(
    parts: list[str], before: int, after: int, edges: bool
) -> None:
    from kg.extractors.entities.abbreviations import bracket_windows

    text = "".join(parts)
    assert bracket_windows(text, before, after, edges) == _windows_by_regex(text, before, after, edges)
