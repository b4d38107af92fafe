"""Prefilter engines agree, exported patterns match what the prefilter matches,
chunks cover every file once, the progress bar stays silent off a terminal."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner

from detectors import REGISTRY
from scanner import parallel, progress
from scanner.cli import main
from scanner.prefilter import Prefilter, anchor_bytes, export_patterns
from scanner.walk import WalkEntry

SAMPLES = [
    b"",
    b"import smpplib.client\nclient = smpplib.client.Client('10.0.0.1', 2775)\n",
    b"from tencentcloud.sms.v20210111 import sms_client",
    b"nothing to see here, just words and 12345",
    "短信 SMPP 网关 CMPP_SUBMIT".encode(),
    bytes(range(256)) * 4,
]


def _with_python_fallback() -> Prefilter:
    pf = Prefilter(REGISTRY, use_hyperscan=False)
    pf.prepare()
    return pf


def _with_hyperscan() -> Prefilter:
    pf = Prefilter(REGISTRY)
    pf.prepare()
    return pf


@pytest.mark.parametrize("data", SAMPLES)
def test_engines_agree_and_match_plain_substring_search(data):
    fast, slow, small = _with_hyperscan(), _with_python_fallback(), Prefilter(REGISTRY)
    low = data.lower()
    expected = [i for i, a in enumerate(fast.anchor_list) if a in low]
    assert fast.anchors_in(data) == expected
    assert slow.anchors_in(data) == expected
    assert small.anchors_in(data) == expected  # small scans: no engine built
    for kind in ("python", "java", "yaml", "markdown"):
        assert fast.wanted(data, kind) == slow.wanted(data, kind) == small.wanted(data, kind)
        assert all(kind in REGISTRY[i].kinds for i in fast.wanted(data, kind))


@pytest.mark.parametrize(
    "data",
    [*SAMPLES, b"x = 1  # smsscan: ignore[SMS1001]\n", b"SMSSCAN: upper case", b"# smsscan:"],
)
def test_marker_is_found_in_the_same_pass_by_every_engine(data):
    marker = b"smsscan:"
    engines = [Prefilter(REGISTRY, marker=marker, use_hyperscan=h) for h in (True, False)]
    for pf in engines:
        pf.prepare()
    engines.append(Prefilter(REGISTRY, marker=marker))  # small scans: no engine built
    for kind in ("python", "java", "yaml", "markdown", "no-such-kind"):
        for pf in engines:
            wanted, marked = pf.wanted_marked(data, kind)
            assert wanted == pf.wanted(data, kind)
            # may occur: never missed, and only where some case of it occurs
            assert (marker in data) <= marked <= (marker in data.lower())


def test_every_anchor_is_covered_by_a_trigram_group():
    pf = _with_python_fallback()
    covered = {i for _gram, members in pf._groups for i in members}
    assert covered == set(range(len(pf.anchor_list)))


def test_exported_patterns_match_exactly_their_anchor():
    anchors = list(anchor_bytes(REGISTRY))
    patterns = export_patterns(REGISTRY)
    assert len(patterns) == len(anchors)
    for anchor, pattern in zip(anchors, patterns, strict=True):
        text = anchor.decode()
        assert re.fullmatch(pattern, text, re.IGNORECASE)
        assert re.fullmatch(pattern, text.upper(), re.IGNORECASE)


def test_patterns_command():
    runner = CliRunner()
    out = runner.invoke(main, ["patterns"])
    assert out.exit_code == 0
    assert out.output.splitlines() == export_patterns(REGISTRY)
    semgrep = runner.invoke(main, ["patterns", "--format", "semgrep"])
    assert semgrep.exit_code == 0 and semgrep.output.startswith("rules:\n")
    literal = runner.invoke(main, ["patterns", "--format", "literal"])
    assert "smpp" in literal.output.splitlines()


@pytest.mark.parametrize("jobs", [1, 2, 8])
def test_chunks_cover_every_file_once_in_order(jobs):
    sizes = [0, 10, 5_000_000, 3, 70_000, *([1000] * 600)]
    ranges = parallel.chunks(sizes, jobs)
    flat = [i for a, b in ranges for i in range(a, b)]
    assert flat == list(range(len(sizes)))
    assert all(b - a <= parallel.CHUNK_FILES for a, b in ranges)


def test_chunks_count_unmeasured_files_at_a_nominal_size():
    # the walk does not measure files it lists (size -1): they weigh NOMINAL_SIZE each, so
    # such a list is cut like one of files of that size, never into one chunk
    unknown = [-1] * 2000
    measured = [parallel.NOMINAL_SIZE] * 2000
    assert parallel.chunks(unknown, 2) == parallel.chunks(measured, 2)
    assert len(parallel.chunks(unknown, 2)) > 2 * parallel.TASKS_PER_WORKER // 2


class _FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "_DELAY", 0.0)
    monkeypatch.setattr(progress, "_EVERY", 0.0)
    plain = io.StringIO()
    bar = progress.Progress(10, enabled=True, stream=plain)
    for _ in range(10):
        bar.advance(1, 100)
    bar.close()
    assert plain.getvalue() == ""
    tty = _FakeTty()
    bar = progress.Progress(10, enabled=True, stream=tty)
    bar.advance(5, 500)
    bar.close()
    assert "5/10 files" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[K")
    off = _FakeTty()
    bar = progress.Progress(10, enabled=False, stream=off)
    bar.advance(5, 500)
    bar.close()
    assert off.getvalue() == ""


def test_progress_rate_counts_the_bytes_the_results_report(monkeypatch):
    # the walk does not measure files: the bar's rate comes from what the reads returned
    seen: list[tuple[int, int]] = []

    class Recording(progress.Progress):
        def advance(self, files: int, nbytes: int) -> None:
            seen.append((files, nbytes))
            super().advance(files, nbytes)

    monkeypatch.setattr(parallel, "Progress", Recording)
    monkeypatch.setattr(progress, "_is_tty", lambda _stream: True)
    entries = [WalkEntry(f"/nowhere/{i}", str(i), -1) for i in range(5)]
    out = parallel.run(
        entries,
        (),
        None,
        lambda e, _d, _o: int(e.relpath) * 10,
        jobs=1,
        threshold=100,
        builtin=False,
        progress=True,
        size_of=lambda r: r,
    )
    assert out == [0, 10, 20, 30, 40]
    assert seen == [(1, 0), (1, 10), (1, 20), (1, 30), (1, 40)]
