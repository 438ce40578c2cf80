"""Compute node positions in Python for graphs too large to lay out with in-browser physics."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from numpy.typing import NDArray

SEED = 7
ITERATIONS = 80
SPACING_PX = 90.0
GRID_CELLS = 16
GRAVITY = 0.5
CHUNK = 2048

Array = NDArray[np.float64]


def _edge_index(nxg: nx.MultiDiGraph, index: dict[str, int]) -> NDArray[np.int64]:
    """Return the distinct undirected node pairs of a graph as an (m, 2) index array."""
    pairs = {tuple(sorted((index[u], index[v]))) for u, v in nxg.edges() if u != v}
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def _sum_forces(n: int, idx: NDArray[np.int64], force: Array) -> Array:
    """Return per-node sums of pairwise forces (bincount is much faster than np.add.at)."""
    return np.stack(
        [
            np.bincount(idx, weights=force[:, 0], minlength=n),
            np.bincount(idx, weights=force[:, 1], minlength=n),
        ],
        axis=1,
    )


def _repulsion(pos: Array, radius: float) -> Array:
    """Return Fruchterman-Reingold repulsion k²/d between nodes closer than radius (grid variant)."""
    try:
        from scipy.spatial import cKDTree
    except ImportError:  # edge case: scipy is optional; the grid repulsion alone still spreads nodes
        return np.zeros_like(pos)
    n = len(pos)
    pairs = cKDTree(pos).query_pairs(radius, output_type="ndarray").astype(np.int64)
    if not len(pairs):
        return np.zeros_like(pos)
    delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
    dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-3)
    force = delta / (dist * dist)[:, None]  # unit vector times k²/d with k = 1
    return _sum_forces(n, pairs[:, 0], force) - _sum_forces(n, pairs[:, 1], force)


def _far_repulsion(pos: Array, cells: int = GRID_CELLS) -> Array:
    """Return repulsion from every occupied grid cell's centre of mass (a Barnes-Hut-like estimate)."""
    n = len(pos)
    low = pos.min(axis=0)
    size = max(float((pos.max(axis=0) - low).max()) / cells, 1e-6)
    ij = np.minimum(((pos - low) / size).astype(np.int64), cells - 1)
    cell = ij[:, 0] * cells + ij[:, 1]
    mass = np.bincount(cell, minlength=cells * cells).astype(np.float64)
    occupied = mass > 0
    centres = np.stack(
        [
            np.bincount(cell, weights=pos[:, 0], minlength=cells * cells),
            np.bincount(cell, weights=pos[:, 1], minlength=cells * cells),
        ],
        axis=1,
    )
    centres = centres[occupied] / mass[occupied, None]
    weights = mass[occupied]
    out = np.empty_like(pos)
    for start in range(0, n, CHUNK):
        delta = pos[start : start + CHUNK, None, :] - centres[None, :, :]
        # softened by the cell size: a node's own cell pushes it only weakly
        d2 = (delta * delta).sum(axis=2) + size * size
        out[start : start + CHUNK] = (delta * (weights / d2)[:, :, None]).sum(axis=1)
    return out


def _attraction(pos: Array, edges: NDArray[np.int64]) -> Array:
    """Return Fruchterman-Reingold attraction d²/k along edges (k = 1)."""
    n = len(pos)
    if not len(edges):
        return np.zeros_like(pos)
    delta = pos[edges[:, 0]] - pos[edges[:, 1]]
    dist = np.hypot(delta[:, 0], delta[:, 1])
    force = delta * dist[:, None]
    return _sum_forces(n, edges[:, 1], force) - _sum_forces(n, edges[:, 0], force)


def _pull_in(pos: Array) -> Array:
    """Move far-flung nodes (isolated ones pushed out by repulsion) back to the rim of the rest."""
    radius = np.hypot(pos[:, 0], pos[:, 1])
    rim = max(float(np.percentile(radius, 98)) * 1.1, 1.0)
    factor = np.where(radius > rim, rim / np.maximum(radius, 1e-9), 1.0)
    return pos * factor[:, None]


def spread_layout(
    nxg: nx.MultiDiGraph, seed: int = SEED, iterations: int = ITERATIONS
) -> dict[str, tuple[int, int]]:
    """Return integer pixel positions from a grid-approximated Fruchterman-Reingold force layout."""
    nodes = list(nxg.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    edges = _edge_index(nxg, index)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)  # about one node per unit square: the ideal distance k is 1
    pos = rng.uniform(0.0, side, size=(n, 2))
    temperature = side / 4
    cooling = (0.05 / temperature) ** (1 / max(iterations, 1)) if temperature > 0.05 else 1.0
    for _ in range(iterations):
        # gravity towards the centre keeps small components and isolated nodes from drifting away
        gravity = GRAVITY * (pos - pos.mean(axis=0))
        disp = _far_repulsion(pos) + _repulsion(pos, 1.0) + _attraction(pos, edges) - gravity
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, temperature)[:, None]
        temperature *= cooling
    pos = _pull_in(pos - pos.mean(axis=0))
    pixels = np.rint(pos * SPACING_PX).astype(np.int64)
    return {v: (int(pixels[i, 0]), int(pixels[i, 1])) for i, v in enumerate(nodes)}
