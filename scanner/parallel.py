"""Run the per-file work over many files: serially, or in a process pool.

- The pool starts only when it pays: more than one job and at least
  `threshold` files (a pre-commit run on a handful of files never forks).
- On platforms with `fork` the workers inherit the detectors, the compiled
  prefilter and the list of files from the parent: a task is just a
  (start, stop) range and only the results travel back. Elsewhere (spawn) the
  built-in registry is re-imported in each worker and the entries are sent.
- Files are cut into many small chunks of about equal bytes, handed out
  dynamically, so one slow file (a big parse) does not leave a core idle.
- Results are put back in walk order: the output does not depend on the
  number of workers or on scheduling.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from scanner.progress import Progress

if TYPE_CHECKING:
    from concurrent.futures import Future

    from scanner.detector import Detector
    from scanner.walk import WalkEntry

T = TypeVar("T")
ScanOne = Callable[["WalkEntry", Sequence["Detector"], Any], T]

CHUNK_FILES = 256  # at most this many files per task
CHUNK_BYTES = 4 << 20  # and about this many bytes
TASKS_PER_WORKER = 16  # at least this many tasks per worker, for balance

# what forked workers inherit: (entries, detectors, options, scan_one)
_JOB: tuple[Sequence[WalkEntry], Sequence[Detector], Any, Any] | None = None


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def chunks(sizes: Sequence[int], jobs: int) -> list[tuple[int, int]]:
    """Contiguous (start, stop) ranges of about equal bytes."""
    total = sum(sizes)
    target = max(64 * 1024, min(CHUNK_BYTES, total // max(1, jobs * TASKS_PER_WORKER)))
    out: list[tuple[int, int]] = []
    start = acc = 0
    for i, size in enumerate(sizes):
        acc += size
        if acc >= target or i + 1 - start >= CHUNK_FILES:
            out.append((start, i + 1))
            start, acc = i + 1, 0
    if start < len(sizes):
        out.append((start, len(sizes)))
    return out


def run(
    entries: Sequence[WalkEntry],
    detectors: Sequence[Detector],
    options: Any,
    scan_one: ScanOne[T],
    *,
    jobs: int,
    threshold: int,
    builtin: bool,
    progress: bool = False,
) -> list[T]:
    """scan_one(entry, detectors, options) for every entry, results in entry order."""
    bar = Progress(len(entries), sum(e.size for e in entries), enabled=progress)
    try:
        workers = min(jobs or available_cpus(), len(entries))
        fork = sys.platform.startswith("linux")  # elsewhere fork is unsafe or missing
        if workers <= 1 or len(entries) < threshold or not (fork or builtin):
            out: list[T] = []
            for e in entries:
                out.append(scan_one(e, detectors, options))
                bar.advance(1, e.size)
            return out
        return _pooled(entries, detectors, options, scan_one, workers, fork, bar)
    finally:
        bar.close()


def _pooled(
    entries: Sequence[WalkEntry],
    detectors: Sequence[Detector],
    options: Any,
    scan_one: ScanOne[T],
    workers: int,
    fork: bool,
    bar: Progress,
) -> list[T]:
    global _JOB
    import multiprocessing  # imported only when a pool is really started
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    ranges = chunks([e.size for e in entries], workers)
    results: list[list[T] | None] = [None] * len(ranges)
    if fork:
        _JOB = (entries, detectors, options, scan_one)
    # spawn (no fork on this platform): workers re-import the built-in registry
    ctx: Any = multiprocessing.get_context("fork" if fork else None)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            pending: dict[Future[list[T]], int] = {}
            for n, (a, b) in enumerate(ranges):
                if fork:
                    fut = pool.submit(_forked_task, a, b)
                else:
                    fut = pool.submit(_spawned_task, list(entries[a:b]), options, scan_one)
                pending[fut] = n
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    n = pending.pop(fut)
                    results[n] = fut.result()
                    a, b = ranges[n]
                    bar.advance(b - a, sum(e.size for e in entries[a:b]))
    finally:
        _JOB = None
    out: list[T] = []
    for part in results:
        assert part is not None
        out.extend(part)
    return out


def _forked_task(start: int, stop: int) -> list[Any]:
    assert _JOB is not None, "worker started without an inherited job"
    entries, detectors, options, scan_one = _JOB
    return [scan_one(e, detectors, options) for e in entries[start:stop]]


def _spawned_task(entries: list[WalkEntry], options: Any, scan_one: Any) -> list[Any]:
    from detectors import REGISTRY

    return [scan_one(e, REGISTRY, options) for e in entries]
