"""Test the first view's layout: every node placed, no two estimated label boxes overlapping,
the findings of a hub around it, nodes without edges below the rest."""

from __future__ import annotations

import networkx as nx

from kg.render.first_view import first_view, label_box


def _hub(leaves: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("t", label="intrathecal baclofen", shape="box")
    for i in range(leaves):
        g.add_node(f"o{i}", label=f"outcome number {i}", shape="diamond")
        g.add_edge("t", f"o{i}")
    g.add_node("lone", label="a study without findings", shape="triangle")
    g.add_node("t2", label="oral baclofen", shape="box")
    g.add_node("o-t2", label="pain", shape="diamond")
    g.add_edge("t2", "o-t2")
    return g


def _boxes(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    return {n: label_box(a["label"], a["shape"]) for n, a in g.nodes(data=True)}


def test_no_two_labels_overlap_and_findings_surround_their_hub() -> None:
    g = _hub(40)
    boxes = _boxes(g)
    pos = first_view(g, boxes)
    assert set(pos) == set(g)
    nodes = sorted(pos)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            dx, dy = abs(pos[a][0] - pos[b][0]), abs(pos[a][1] - pos[b][1])
            # rounding to whole pixels may bring two boxes one pixel closer
            assert dx >= (boxes[a][0] + boxes[b][0]) / 2 - 1 or dy >= (boxes[a][1] + boxes[b][1]) / 2 - 1, (
                a,
                b,
            )
    # the leaves lie on every side of the hub, not in one corner
    hx, hy = pos["t"]
    sides = {(pos[f"o{i}"][0] > hx, pos[f"o{i}"][1] > hy) for i in range(40)}
    assert len(sides) == 4
    # the node with no edge lies below everything connected
    assert pos["lone"][1] > max(y for n, (_, y) in pos.items() if n != "lone")


def test_the_layout_is_the_same_on_every_run() -> None:
    g = _hub(12)
    assert first_view(g, _boxes(g)) == first_view(g, _boxes(g))
