"""Define the one error type that the command line reports as a single clear line."""

from __future__ import annotations


class KgError(Exception):
    """A user-facing failure (bad input, unknown format, bad query): printed as one line, exit 1."""
