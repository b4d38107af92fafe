"""The scan pipeline: walk -> classify -> read/decode -> prefilter -> parse
once -> detect -> suppress -> (infer and report happen in the caller).

`scan()` is the single entry point. Files are processed independently (in a
process pool when there are many), and results are sorted at the end, so the
output is the same whatever the number of workers.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from typing import NamedTuple

from scanner import classify as k
from scanner.decode import decode, looks_binary
from scanner.detector import Detector, FileContext, Hit
from scanner.fingerprint import content_key, line_hash_map
from scanner.lazy_registry import LazyRegistry
from scanner.model import FileStats, Finding, Notification, NotificationLevel, Rule, ScanResult
from scanner.parsers import parse_facts
from scanner.paths import is_test_path
from scanner.prefilter import Prefilter
from scanner.redact import redact
from scanner.suppress import MARKER_BYTES, apply_inline_suppressions, unused_in_bytes
from scanner.walk import WalkEntry, walk

DEFAULT_MAX_FILE_SIZE = 4 * 1024 * 1024
PARALLEL_THRESHOLD = 64  # below this many files a pool costs more than it saves


class ScanOptions(NamedTuple):
    """How to scan: size limit, line hashes, excludes, jobs, enabled rules, progress."""

    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    line_hashes: bool = True  # GitHub primaryLocationLineHash (needed for SARIF only)
    excludes: tuple[str, ...] = ()
    jobs: int = 0  # 0 = one per CPU
    enabled_rules: frozenset[str] | None = None  # None = all
    # every rule's metadata in the result (SARIF lists them all); without it only the
    # detectors some file needed are imported
    rule_metadata: bool = True
    progress: bool = False  # progress bar on stderr (drawn only when stderr is a terminal)


class FileOutcome(NamedTuple):
    """What one file gave. One per file travels back from the workers: a named tuple
    pickles and unpickles at a fraction of a frozen dataclass's cost."""

    findings: tuple[Finding, ...]
    notifications: tuple[Notification, ...]
    bytes_read: int
    scanned: bool
    kind: str


# --- per-file work -------------------------------------------------------------


_STATE: dict[str, tuple[Sequence[Detector], Prefilter]] = {}


_LAST: list[tuple[Sequence[Detector], tuple[Sequence[Detector], Prefilter]]] = []


def _setup(detectors: Sequence[Detector]) -> tuple[Sequence[Detector], Prefilter]:
    if _LAST and _LAST[0][0] is detectors:  # the same detectors as the previous file
        return _LAST[0][1]
    found = _setup_by_names(detectors)
    _LAST[:] = [(detectors, found)]
    return found


def _setup_by_names(detectors: Sequence[Detector]) -> tuple[Sequence[Detector], Prefilter]:
    # a LazyRegistry is read through its index stubs: nothing is imported until a file needs it
    stubs = detectors.stubs if isinstance(detectors, LazyRegistry) else detectors
    key = ",".join(d.name for d in stubs)
    cached = _STATE.get(key)
    if cached is None:
        dets = detectors if isinstance(detectors, LazyRegistry) else tuple(detectors)
        cached = (dets, Prefilter(stubs, marker=MARKER_BYTES))
        _STATE[key] = cached
    return cached


def _too_big(path: str, size: int, max_size: int, *, grew: bool = False) -> Notification:
    message = (
        f"file grew over the {max_size}-byte limit while being read"
        if grew
        else f"file is {size} bytes, over the {max_size}-byte limit (--max-file-size)"
    )
    return Notification(path, "skipped-size", message, NotificationLevel.WARNING)


def _binary(path: str, kind: str, nbytes: int) -> FileOutcome:
    note = Notification(
        path, "skipped-binary", "binary content; not scanned", NotificationLevel.NOTE
    )
    return FileOutcome((), (note,), nbytes, False, kind)


# never follow a symlink swapped in after the walk, never block on a FIFO
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_S_IFMT, _S_IFREG = 0o170000, stat.S_IFREG


def read_file(entry: WalkEntry, max_size: int) -> tuple[bytes | None, Notification | None]:
    """Read a regular file without following symlinks and without blocking on FIFOs."""
    if entry.size > max_size:
        return None, _too_big(entry.relpath, entry.size, max_size)
    try:
        fd = os.open(entry.abspath, _OPEN_FLAGS)
    except OSError as exc:
        code = "symlink-swapped" if exc.errno == errno.ELOOP else "unreadable"
        return None, Notification(
            entry.relpath, code, f"cannot open: {exc.strerror}", NotificationLevel.ERROR
        )
    try:
        st = os.fstat(fd)
        if st.st_mode & _S_IFMT != _S_IFREG:
            return None, Notification(
                entry.relpath,
                "skipped-special",
                "not a regular file; not read",
                NotificationLevel.WARNING,
            )
        size = st.st_size
        if size > max_size:
            return None, _too_big(entry.relpath, size, max_size)
        # one read of the whole file (and one byte more: a file that grew is noticed); a
        # short read means the end of the file, so most files need no second read
        want = size + 1
        data = os.read(fd, want)
        if len(data) == want:  # the file is larger than fstat said: read on, up to the limit
            chunks = [data]
            remaining = max_size + 1 - len(data)
            while remaining > 0:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                remaining -= len(chunk)
            data = b"".join(chunks)
            if len(data) > max_size:
                return None, _too_big(entry.relpath, len(data), max_size, grew=True)
    except OSError as exc:
        return None, Notification(
            entry.relpath, "unreadable", f"cannot read: {exc.strerror}", NotificationLevel.ERROR
        )
    finally:
        os.close(fd)
    return data, None


def scan_entry(
    entry: WalkEntry, detectors: Sequence[Detector], options: ScanOptions
) -> FileOutcome:
    dets, prefilter = _setup(detectors)
    head = b""
    kind = k.classify_name(entry.relpath)
    notes: list[Notification] = []
    if kind in k.NAME_ONLY_KINDS:
        return _run(entry.relpath, kind or "", "", dets, range(len(dets)), notes, 0, options)
    if kind is None and "." in entry.relpath.rsplit("/", 1)[-1].lstrip("."):
        return FileOutcome((), (), 0, False, "")  # unknown extension: not a format we read
    data, problem = read_file(entry, options.max_file_size)
    if problem is not None:
        return FileOutcome((), (problem,), 0, False, kind or "")
    assert data is not None
    if kind is None:
        head = data[:128]
        kind = k.classify(entry.relpath, head)
        if kind is None:
            return FileOutcome((), (), len(data), False, "")
    if looks_binary(data):  # before the prefilter, so binary files are reported whatever they hold
        return _binary(entry.relpath, kind, len(data))
    wanted, marked = prefilter.wanted_marked(data, kind, entry.relpath)
    if not wanted:  # no detector ran: any suppression directive here is unused
        unused = unused_in_bytes(entry.relpath, kind, data) if marked else ()
        return FileOutcome(unused, (), len(data), True, kind)
    decoded = decode(data)
    if decoded.text is None:
        return _binary(entry.relpath, kind, len(data))
    if decoded.lossy:
        notes.append(
            Notification(
                entry.relpath,
                "decode-lossy",
                "not valid UTF-8, UTF-16 or GB18030; undecodable bytes were replaced",
                NotificationLevel.WARNING,
            )
        )
    elif decoded.encoding == "gb18030":
        notes.append(
            Notification(
                entry.relpath, "decoded-gb18030", "decoded as GB18030", NotificationLevel.NOTE
            )
        )
    return _run(entry.relpath, kind, decoded.text, dets, wanted, notes, len(data), options)


def _run(
    path: str,
    kind: str,
    text: str,
    dets: Sequence[Detector],
    wanted: Sequence[int],
    notes: list[Notification],
    nbytes: int,
    options: ScanOptions,
) -> FileOutcome:
    ctx = FileContext(path=path, kind=kind, text=text, parse=parse_facts)
    name = ctx.name
    hits: list[tuple[Rule, Hit]] = []
    minified: bool | None = None
    for i in wanted:
        det = dets[i]
        if kind not in det.kinds or (det.gate is not None and not det.gate(text, kind, name)):
            continue
        if det.skips_minified:
            if minified is None:
                minified = is_minified(text, kind)
                if minified:
                    notes.append(_minified_note(path, text))
            if minified:
                continue
        try:
            for hit in det.check(ctx):
                rule = det.rule(hit.rule_id)
                if options.enabled_rules is None or rule.id in options.enabled_rules:
                    hits.append((rule, hit))
        except RecursionError:
            notes.append(
                Notification(
                    path,
                    "detector-error",
                    f"detector {det.name} gave up: input nested too deeply",
                    NotificationLevel.ERROR,
                )
            )
        except Exception as exc:  # isolate: one detector bug must not lose the file's other results
            notes.append(
                Notification(
                    path,
                    "detector-error",
                    f"detector {det.name} failed: {type(exc).__name__}: {str(exc)[:200]}",
                    NotificationLevel.ERROR,
                )
            )
    for code, message in ctx.notes:
        level = NotificationLevel.WARNING if code.startswith("parse") else NotificationLevel.NOTE
        notes.append(Notification(path, code, message, level))
    findings = _to_findings(ctx, hits, line_hashes=options.line_hashes)
    findings = apply_inline_suppressions(ctx, findings)
    return FileOutcome(tuple(findings), tuple(sorted(set(notes))), nbytes, True, kind)


MINIFIED_KINDS = frozenset({k.JAVASCRIPT, k.TYPESCRIPT, k.TSX})
MINIFIED_MIN_CHARS = 20_000  # smaller files are cheap to parse whatever their shape
MINIFIED_LINE_CHARS = 300  # average line length above which a file is a minified bundle


def is_minified(text: str, kind: str) -> bool:
    """A minified / bundled JavaScript or TypeScript file (a build output, not source)."""
    if kind not in MINIFIED_KINDS or len(text) < MINIFIED_MIN_CHARS:
        return False
    return len(text) / (text.count("\n") + 1) > MINIFIED_LINE_CHARS


def _minified_note(path: str, text: str) -> Notification:
    average = len(text) // (text.count("\n") + 1)
    return Notification(
        path,
        "minified",
        f"minified bundle (lines average {average} characters): HTTP routes, dormant code and "
        "code logging are not checked here; SDKs, endpoints and credentials are",
        NotificationLevel.NOTE,
    )


def _to_findings(
    ctx: FileContext, hits: list[tuple[Rule, Hit]], *, line_hashes: bool = True
) -> list[Finding]:
    if not hits:
        return []
    # GitHub's line hash is a per-character loop over the whole file: only when SARIF is written
    hashes = line_hash_map(ctx.text) if ctx.text and line_hashes else {}
    test_path = is_test_path(ctx.path)
    seen: dict[tuple[str, str], int] = {}
    out: list[Finding] = []
    unique: dict[tuple[str, int, int, str], tuple[Rule, Hit]] = {}
    for rule, hit in hits:  # one finding per rule and place
        unique.setdefault(
            (rule.id, hit.span.start_line, hit.span.start_column, hit.message), (rule, hit)
        )
    # every secret found in the file is masked in every finding of the file (a line may hold
    # an id and its secret, or another rule may report the line a secret sits on)
    secrets = tuple(sorted({h.secret for _, h in hits if h.secret}, key=len, reverse=True))
    for rule, hit in sorted(unique.values(), key=lambda rh: (rh[1].span, rh[0].id)):
        line_text = (
            ctx.lines[hit.span.start_line - 1] if 0 < hit.span.start_line <= len(ctx.lines) else ""
        )
        snippet = redact(line_text.strip()[:300], secrets)
        key = redact(hit.key or _span_text(ctx, hit), secrets)
        occ = seen.get((rule.id, key), 0)
        seen[(rule.id, key)] = occ + 1
        out.append(
            Finding(
                rule_id=rule.id,
                path=ctx.path,
                span=hit.span,
                message=redact(hit.message, secrets),
                snippet=snippet,
                scenario=hit.scenario or rule.scenario,
                severity=rule.severity,
                confidence=hit.confidence,
                evidence=rule.evidence,
                fingerprint=content_key(rule.id, ctx.path, key, occ),
                line_hash=hashes.get(hit.span.start_line, ""),
                attributes=tuple(sorted(hit.attributes)),
                test_only=hit.test_only or test_path,
            )
        )
    return out


def _span_text(ctx: FileContext, hit: Hit) -> str:
    s = hit.span
    lines = ctx.lines[s.start_line - 1 : s.end_line]
    if not lines:
        return hit.message
    if len(lines) == 1:
        return lines[0][s.start_column - 1 : s.end_column - 1] or lines[0]
    return "\n".join([lines[0][s.start_column - 1 :], *lines[1:-1], lines[-1][: s.end_column - 1]])


# --- the whole scan ----------------------------------------------------------------


def scan(
    targets: Sequence[str], root: str, detectors: Sequence[Detector], options: ScanOptions
) -> ScanResult:
    from scanner.gcpause import paused

    with paused():
        return _scan(targets, root, detectors, options)


def _scan(
    targets: Sequence[str], root: str, detectors: Sequence[Detector], options: ScanOptions
) -> ScanResult:
    from scanner import parallel

    prefilter = _setup(detectors)[1]

    def before_fork() -> None:  # run once, just before a pool starts: workers inherit it
        prefilter.prepare()
        if isinstance(detectors, LazyRegistry):
            detectors.load_all()

    feeder = parallel.Feeder(
        detectors,
        options,
        scan_entry,
        jobs=options.jobs,
        threshold=PARALLEL_THRESHOLD,
        builtin=isinstance(detectors, LazyRegistry) or _is_builtin(detectors),
        progress=options.progress,
        size_of=_bytes_read,
        before_fork=before_fork,
    )
    walked = walk(targets, root, excludes=options.excludes, on_entry=feeder.add)
    outcomes = feeder.results(walked.entries)
    findings: list[Finding] = []
    notes: list[Notification] = list(walked.notifications)
    stats_scanned = stats_skipped = nbytes = 0
    for outcome in outcomes:
        findings.extend(outcome.findings)
        notes.extend(outcome.notifications)
        nbytes += outcome.bytes_read
        if outcome.scanned:
            stats_scanned += 1
        elif outcome.notifications:
            stats_skipped += 1
    stats_skipped += sum(1 for n in walked.notifications if n.level is not NotificationLevel.NOTE)
    rules = (
        tuple(sorted({r.id: r for d in detectors for r in d.rules}.values(), key=lambda r: r.id))
        if options.rule_metadata
        else ()
    )
    return ScanResult(
        root=root.replace(os.sep, "/").rstrip("/") or "/",  # as given: stable across machines
        findings=tuple(sorted(findings, key=lambda f: f.sort_key)),
        notifications=tuple(sorted(set(notes))),
        stats=FileStats(scanned=stats_scanned, skipped=stats_skipped, bytes_read=nbytes),
        rules=rules,
    )


def _bytes_read(outcome: FileOutcome) -> int:
    return outcome.bytes_read


def _is_builtin(detectors: Sequence[Detector]) -> bool:
    """The built-in registry? (Spawned workers, where fork is missing, re-import it.)"""
    from detectors import REGISTRY

    return tuple(detectors) == tuple(REGISTRY)
