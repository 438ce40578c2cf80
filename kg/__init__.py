"""therapy-kg: a knowledge-graph builder for clinical literature.

The steps are plain functions: ``kg.extract(text)`` gives the findings of each sentence,
``kg.build_graph(paths)`` an rdflib Graph, ``kg.query(graph, name=..., condition=...)`` runs a
named SPARQL query, ``kg.render_page``, ``kg.export_graph`` and ``kg.validate_graph`` do the rest.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "extract": "kg.api",
    "build_graph": "kg.api",
    "build_text_graph": "kg.api",
    "query": "kg.api",
    "load_graph": "kg.graph.io",
    "write_graph": "kg.graph.io",
    "export_graph": "kg.export",
    "render_html": "kg.render.page",
    "write_page": "kg.render.page",
    "validate_graph": "kg.graph.validate",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    """Import the public functions on first use, so that `import kg` stays light."""
    if name in _API:
        import importlib

        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
