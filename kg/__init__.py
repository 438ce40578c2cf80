"""therapy-kg: a knowledge-graph builder for clinical literature."""

from __future__ import annotations

__version__ = "0.1.0"
