"""Pause Python's cyclic garbage collector for a scan.

A scan builds millions of short-lived, acyclic objects (facts, spans, outcomes)
while holding large long-lived ones (detector tables, results). Every so many
allocations CPython's cyclic collector walks the tracked objects, and its full
passes walk all of them: on a large tree that was about 15 % of the scan's CPU.
Reference counting frees everything a scan makes that is not part of a cycle;
the few cycles left (an exception and its traceback, say) are collected by
`collect_young` between batches of files, and in full when the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (nested blocks are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collect_young() -> None:
    """While paused (also in a worker forked during a pause): collect the cycles among
    the objects made since the last collection, a cheap pass."""
    if not gc.isenabled():
        gc.collect(1)
