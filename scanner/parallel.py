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
- `Feeder` overlaps the walk with the scan: it takes files as the walk finds
  them and hands chunks to the pool while the walk goes on (Linux, fork).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from scanner import pattern_cache
from scanner.gcpause import collect_young
from scanner.progress import Progress

if TYPE_CHECKING:
    from concurrent.futures import Future

    from scanner.detector import Detector
    from scanner.walk import WalkEntry

T = TypeVar("T")
ScanOne = Callable[["WalkEntry", Sequence["Detector"], Any], T]
SizeOf = Callable[[Any], int]  # the bytes a result says were read (for the progress rate)

CHUNK_FILES = 256  # at most this many files per task
CHUNK_BYTES = 4 << 20  # and about this many bytes
TASKS_PER_WORKER = 16  # at least this many tasks per worker, for balance

STREAM_CHUNK_FILES = 256  # Feeder: a task is at most this many files
STREAM_CHUNK_BYTES = 4 << 20  # and about this many bytes
WORKER_CACHE_WRITES = 5.0  # seconds: a worker writes new compiled patterns at most this often
NOMINAL_SIZE = 8 << 10  # bytes counted, when cutting chunks, for a file the walk did not measure

# what forked workers inherit: (entries, detectors, options, scan_one)
_JOB: tuple[Sequence[WalkEntry], Sequence[Detector], Any, Any] | None = None


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _no_size(_result: Any) -> int:
    return 0


def weight(size: int) -> int:
    """A file's bytes for cutting chunks: NOMINAL_SIZE when the walk did not measure it."""
    return size if size >= 0 else NOMINAL_SIZE


def chunks(sizes: Sequence[int], jobs: int) -> list[tuple[int, int]]:
    """Contiguous (start, stop) ranges of about equal bytes (`weight` of each size)."""
    sizes = [weight(x) for x in sizes]
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
    size_of: SizeOf = _no_size,
    before_pool: Callable[[], None] = lambda: None,
) -> list[T]:
    """scan_one(entry, detectors, options) for every entry, results in entry order.

    `size_of(result)`: the bytes read, for the progress bar's rate. `before_pool` runs
    only when a pool is about to start (workers inherit what it built).
    """
    bar = Progress(len(entries), enabled=progress)
    try:
        workers = min(jobs or available_cpus(), len(entries))
        fork = sys.platform.startswith("linux")  # elsewhere fork is unsafe or missing
        if workers <= 1 or len(entries) < threshold or not (fork or builtin):
            out: list[T] = []
            for e in entries:
                result = scan_one(e, detectors, options)
                out.append(result)
                bar.advance(1, size_of(result))
            return out
        before_pool()
        return _pooled(entries, detectors, options, scan_one, workers, fork, bar, size_of)
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
    size_of: SizeOf,
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
            pending: dict[Future[_Packed], int] = {}
            for n, (a, b) in enumerate(ranges):
                if fork:
                    fut = pool.submit(_forked_task, a, b)
                else:
                    fut = pool.submit(_spawned_task, _rows(entries[a:b]), options, scan_one)
                pending[fut] = n
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    n = pending.pop(fut)
                    got: list[T] = _unpack(fut.result())
                    results[n] = got
                    bar.advance(len(got), sum(map(size_of, got)) if bar.enabled else 0)
    finally:
        _JOB = None
    out: list[T] = []
    for part in results:
        assert part is not None
        out.extend(part)
    return out


class Feeder(Generic[T]):
    """scan_one on every file the walk finds, started while the walk goes on.

    `add` takes each entry as the walk finds it. Once `threshold` files are known (and
    there is more than one job, on Linux), a fork pool starts and every chunk of
    `STREAM_CHUNK_FILES` files or `STREAM_CHUNK_BYTES` bytes goes to it at once: the
    workers read, prefilter and parse while the parent is still walking. `results`
    waits for the rest and gives the results in the order asked for, so the output
    does not depend on workers or scheduling. Smaller scans, and platforms without
    fork, run as `run` does.
    """

    def __init__(
        self,
        detectors: Sequence[Detector],
        options: Any,
        scan_one: ScanOne[T],
        *,
        jobs: int,
        threshold: int,
        builtin: bool,
        progress: bool = False,
        size_of: SizeOf = _no_size,
        before_fork: Callable[[], None] = lambda: None,
    ) -> None:
        self.detectors = detectors
        self.options = options
        self.scan_one = scan_one
        self.jobs = jobs or available_cpus()
        self.threshold = threshold
        self.builtin = builtin
        self.progress = progress
        self.size_of = size_of
        self.before_fork = before_fork
        self.entries: list[WalkEntry] = []
        self._buffer: list[WalkEntry] = []
        self._buffer_bytes = 0
        self._pool: Any = None
        self._pending: dict[Future[_Packed], list[WalkEntry]] = {}
        self._done: dict[str, T] = {}
        self._bar: Progress | None = None
        self._streaming = self.jobs > 1 and sys.platform.startswith("linux")

    def add(self, entry: WalkEntry) -> None:
        self.entries.append(entry)
        if not self._streaming:
            return
        self._buffer.append(entry)
        self._buffer_bytes += weight(entry.size)
        if self._pool is None:
            if len(self.entries) < self.threshold:
                return
            self._start()
        if len(self._buffer) >= STREAM_CHUNK_FILES or self._buffer_bytes >= STREAM_CHUNK_BYTES:
            self._submit()

    def results(self, order: Sequence[WalkEntry]) -> list[T]:
        """The results of `order` (the walk's sorted entries), in that order."""
        if self._pool is None:  # few files (or no fork): no stream was started
            return run(
                order,
                self.detectors,
                self.options,
                self.scan_one,
                jobs=self.jobs,
                threshold=self.threshold,
                builtin=self.builtin,
                progress=self.progress,
                size_of=self.size_of,
                before_pool=self.before_fork,
            )
        global _JOB
        try:
            if self._buffer:
                self._submit()
            self._collect()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            _JOB = None
            if self._bar is not None:
                self._bar.close()
        return [self._done[e.relpath] for e in order]

    def _start(self) -> None:
        global _JOB
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.before_fork()
        _JOB = ((), self.detectors, self.options, self.scan_one)
        self._bar = Progress(0, enabled=self.progress)
        self._pool = ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=multiprocessing.get_context("fork")
        )

    def _submit(self) -> None:
        chunk, self._buffer, self._buffer_bytes = self._buffer, [], 0
        if self._bar is not None:
            self._bar.found(len(chunk))
        fut = self._pool.submit(_streamed_task, _rows(chunk))
        self._pending[fut] = chunk
        fut.add_done_callback(self._finished)  # no polling while the walk goes on

    def _finished(self, fut: Future[_Packed]) -> None:
        chunk = self._pending[fut]
        if fut.cancelled() or fut.exception() is not None:
            return  # `results` re-raises when it gets to it
        if self._bar is not None:
            nbytes = sum(map(self.size_of, _unpack(fut.result()))) if self._bar.enabled else 0
            self._bar.advance(len(chunk), nbytes)

    def _collect(self) -> None:
        from concurrent.futures import wait

        wait(list(self._pending))
        for fut, chunk in self._pending.items():
            for entry, result in zip(chunk, _unpack(fut.result()), strict=True):
                self._done[entry.relpath] = result
        self._pending.clear()


# What travels between processes. Named tuples (the entries one way, the outcomes the
# other) go as plain tuples, with their class once per task: pickle writes and reads a
# plain tuple without calling back into Python for each one.
_new = tuple.__new__
_Packed = tuple[type | None, list[Any]]


def _rows(entries: Sequence[WalkEntry]) -> list[tuple[Any, ...]]:
    return [tuple(e) for e in entries]


def _entries(rows: list[tuple[Any, ...]]) -> list[WalkEntry]:
    from scanner.walk import WalkEntry

    return [_new(WalkEntry, r) for r in rows]


def _pack(results: list[Any]) -> _Packed:
    """(class, rows) when every result is the same named tuple class, else (None, results)."""
    cls = type(results[0]) if results else None
    if cls is None or cls is tuple or not issubclass(cls, tuple):
        return None, results
    if any(type(r) is not cls for r in results):
        return None, results
    return cls, [tuple(r) for r in results]


def _unpack(packed: _Packed) -> list[Any]:
    cls, rows = packed
    return rows if cls is None else [_new(cls, r) for r in rows]


def _streamed_task(rows: list[tuple[Any, ...]]) -> _Packed:
    assert _JOB is not None, "worker started without an inherited job"
    _, detectors, options, scan_one = _JOB
    out = _pack([scan_one(e, detectors, options) for e in _entries(rows)])
    _after_task()
    return out


def _forked_task(start: int, stop: int) -> _Packed:
    assert _JOB is not None, "worker started without an inherited job"
    entries, detectors, options, scan_one = _JOB
    out = _pack([scan_one(e, detectors, options) for e in entries[start:stop]])
    _after_task()
    return out


def _spawned_task(rows: list[tuple[Any, ...]], options: Any, scan_one: Any) -> _Packed:
    from detectors import REGISTRY

    out = _pack([scan_one(e, REGISTRY, options) for e in _entries(rows)])
    _after_task()
    return out


def _after_task() -> None:
    """A worker ends with os._exit (no atexit): it tidies up after each task instead."""
    collect_young()
    pattern_cache.flush(every=WORKER_CACHE_WRITES)
