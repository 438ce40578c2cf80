"""Let Ctrl-C stop a build between two writes, never in the middle of one.

A write to a store or a server runs shielded: a Ctrl-C that comes during it is held until the
write is done and then stops the build as usual; a second Ctrl-C stops it at once (the store's
journal then removes the batch in flight when it is next opened)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a build, raised once the write in flight is done: says how much is in."""

    def __init__(self, written: int) -> None:
        super().__init__(
            f"{written} document(s) were written in full; the same command again completes the build"
        )
        self.written = written


@contextmanager
def shielded() -> Iterator[None]:
    """Run a block to its end when Ctrl-C comes during it, then raise KeyboardInterrupt; a second
    Ctrl-C raises at once. Off the main thread, or when SIGINT has a handler of the caller's
    (or is ignored), the block runs as it is."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    held: list[int] = []

    def hold(signum: int, frame: FrameType | None) -> None:
        if held:
            raise KeyboardInterrupt
        held.append(signum)

    signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if held:
        raise KeyboardInterrupt


def ignore_in_worker() -> None:
    """Leave Ctrl-C to the parent in a worker process: the parent stops the workers itself, and
    a worker interrupted on its own would print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
