"""Define the error types that the command line reports as a single clear line."""

from __future__ import annotations


class KgError(Exception):
    """A user-facing failure (bad input, unknown format, bad query): printed as one line, exit 1."""

    exit_code = 1


class UsageError(KgError):
    """A bad value for an option (as click's own usage errors): printed as one line, exit 2."""

    exit_code = 2


def first_line(exc: BaseException) -> str:
    """Return the first non-empty line of an exception's message (at most 300 characters)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0][:300] if lines else type(exc).__name__
