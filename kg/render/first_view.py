"""Lay out the page's first view so that it reads without touching it: the findings of each hub
spread around it, no two labels overlapping, compact enough to fit the window at a readable zoom;
nodes with no edge (entities and studies without findings) set apart, hidden until asked for.

Each node is placed, in breadth-first order from the best connected ones, at the free spot nearest
to the node it hangs from: rings of growing radius around it, each tried at angles spaced by the
size of a label. Labels are boxes estimated from their length at the page's font size."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

FONT_PX = 14
CHAR_PX = 8.0  # a conservative width of one character of the page's sans-serif at FONT_PX
LABEL_PAD = 14.0  # room around a label (a box's margin, the gap to the next label)
SHAPE_PX = 28.0  # the outline of a diamond, triangle or dot, with its label drawn beneath
RING_STEP = 40.0
MAX_RINGS = 60
MAX_LAID_OUT = 400  # past this the page keeps its physics: placing is quadratic in the nodes

Box = tuple[float, float]  # width, height


def label_box(label: str, shape: str) -> Box:
    """Return the width and height a node takes on the canvas: its label inside a box or an
    ellipse, or beneath a small shape."""
    text = len(label) * CHAR_PX + LABEL_PAD
    if shape in ("box", "ellipse"):
        return text + (20.0 if shape == "ellipse" else 0.0), FONT_PX + 2 * LABEL_PAD
    return max(text, SHAPE_PX), SHAPE_PX + FONT_PX + LABEL_PAD


class Placer:
    """The boxes placed so far, and the search for the free spot nearest to a point."""

    def __init__(self) -> None:
        self.centres: list[tuple[float, float]] = []
        self.sizes: list[Box] = []

    def free(self, x: float, y: float, box: Box) -> bool:
        """Return whether a box centred at (x, y) overlaps no placed box."""
        if not self.centres:
            return True
        c, s = np.array(self.centres), np.array(self.sizes)
        apart_x = np.abs(c[:, 0] - x) >= (s[:, 0] + box[0]) / 2
        apart_y = np.abs(c[:, 1] - y) >= (s[:, 1] + box[1]) / 2
        return bool(np.all(apart_x | apart_y))

    def place(self, near: tuple[float, float], box: Box, start: float = 0.0) -> tuple[float, float]:
        """Place a box at the free spot nearest to a point, on rings around it, and return it."""
        x0, y0 = near
        if self.free(x0, y0, box):
            return self._put(x0, y0, box)
        for ring in range(1, MAX_RINGS + 1):
            radius = ring * RING_STEP + box[0] / 4
            steps = max(8, int(2 * math.pi * radius / (FONT_PX * 1.5)))
            for k in range(steps):
                # alternate either side of the preferred angle, so that leaves fan out evenly
                turn = (k + 1) // 2 * (1 if k % 2 else -1)
                a = start + 2 * math.pi * turn / steps
                x, y = x0 + radius * math.cos(a), y0 + radius * math.sin(a)
                if self.free(x, y, box):
                    return self._put(x, y, box)
        return self._put(x0, y0 + (len(self.centres) + 1) * RING_STEP, box)  # edge case: no room

    def _put(self, x: float, y: float, box: Box) -> tuple[float, float]:
        self.centres.append((x, y))
        self.sizes.append(box)
        return x, y


def _order(nxg: nx.MultiDiGraph) -> list[tuple[str, str | None]]:
    """Return every connected node with the node it hangs from, breadth first from the best
    connected node of each component, the largest component first."""
    undirected = nx.Graph(nxg.to_undirected(as_view=True))
    undirected.remove_nodes_from([n for n in list(undirected) if undirected.degree(n) == 0])
    parts = sorted(nx.connected_components(undirected), key=lambda c: (-len(c), min(c)))
    out: list[tuple[str, str | None]] = []
    for part in parts:
        root = max(sorted(part), key=lambda n: undirected.degree(n))
        out.append((root, None))
        for parent, child in nx.bfs_edges(undirected, root, sort_neighbors=lambda ns: sorted(ns)):
            out.append((child, parent))
    return out


def first_view(nxg: nx.MultiDiGraph, boxes: dict[str, Box]) -> dict[str, tuple[int, int]]:
    """Return canvas positions for every node: connected ones radially around their hubs, labels
    apart; nodes without edges in rows below them (hidden on the page until shown)."""
    placer = Placer()
    pos: dict[str, tuple[float, float]] = {}
    for node, parent in _order(nxg):
        if parent is None:
            # a new component starts beside what is placed, to the right
            right = max(
                (x + w / 2 for (x, _), (w, _) in zip(placer.centres, placer.sizes, strict=True)), default=0
            )
            pos[node] = placer.place((right + boxes[node][0] if placer.centres else 0.0, 0.0), boxes[node])
            continue
        px, py = pos[parent]
        grand = next((pos[p] for p in nxg.predecessors(parent) if p in pos and p != node), None)
        start = math.atan2(py - grand[1], px - grand[0]) if grand else 0.0  # away from where it came
        pos[node] = placer.place((px, py), boxes[node], start)
    lone = sorted(n for n in nxg if n not in pos)
    bottom = max((y + h / 2 for (_, y), (_, h) in zip(placer.centres, placer.sizes, strict=True)), default=0)
    for i, node in enumerate(lone):
        pos[node] = placer.place((0.0, bottom + 60.0 + 40.0 * (i // 6)), boxes[node])
    return {n: (round(x), round(y)) for n, (x, y) in pos.items()}
