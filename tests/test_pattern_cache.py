"""The compiled-pattern cache: what it stores is what `re` computes, and it can only be bypassed.

Each test runs against a fresh module state and a temporary cache directory.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner import pattern_cache as pc

ROOT = Path(__file__).resolve().parent.parent

SAMPLES: list[tuple[str | bytes, int]] = [
    (r"(?P<host>[a-z0-9.-]+):(?P<port>\d{2,5})", 0),
    (r"\bCMPP_(?:CONNECT|SUBMIT)\b", re.I),
    (r"^\s*#.*$", re.M),
    (rb"\x00\x00\x00[\x01-\x09]", 0),
    (r"短信|验证码", 0),
    (r"(?s)a.+?b(?=c)", 0),
]
TEXTS = ["db.example:7890 CMPP_connect", "# note\n x", "短信验证码", "a\nxxb c abc", "cmpp_submit"]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Empty in-process state, the cache in tmp_path; state restored afterwards."""
    monkeypatch.setenv("SMSSCAN_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SMSSCAN_NO_CACHE", raising=False)
    saved = (pc._loaded, dict(pc._new), dict(pc._compiled), pc._usable, pc._unwritable)
    last_write = pc._last_write
    _reset()
    yield tmp_path
    pc._loaded, pc._usable, pc._unwritable = saved[0], saved[3], saved[4]
    pc._last_write = last_write
    pc._new.clear()
    pc._new.update(saved[1])
    pc._compiled.clear()
    pc._compiled.update(saved[2])


def _reset() -> None:
    """As a new process would start."""
    pc._loaded = None
    pc._new.clear()
    pc._compiled.clear()
    pc._usable = None
    pc._unwritable = False
    pc._last_write = float("-inf")


def _plain(entry: pc.Entry) -> tuple[object, ...]:
    flags, program, groups, names = entry
    return flags, list(program), groups, names


def _same(ours: re.Pattern[str] | re.Pattern[bytes], pattern: str | bytes, flags: int) -> None:
    theirs = re.compile(pattern, flags)
    assert (ours.pattern, ours.flags, ours.groups, ours.groupindex) == (
        theirs.pattern,
        theirs.flags,
        theirs.groups,
        theirs.groupindex,
    )
    for text in TEXTS:
        probe: str | bytes = text.encode() if isinstance(pattern, bytes) else text
        a = [(m.span(), m.groups()) for m in ours.finditer(probe)]  # type: ignore[arg-type]
        b = [(m.span(), m.groups()) for m in theirs.finditer(probe)]  # type: ignore[arg-type]
        assert a == b


def test_round_trip_through_the_file_gives_the_same_patterns(fresh: Path) -> None:
    for pattern, flags in SAMPLES:
        _same(pc.compile(pattern, flags), pattern, flags)
    pc.flush()
    (cache_file,) = fresh.iterdir()
    assert cache_file.name == os.path.basename(pc.cache_path() or "")
    _reset()
    for pattern, flags in SAMPLES:
        _same(pc.compile(pattern, flags), pattern, flags)
    assert not pc._new, "every sample came from the file"


def test_stored_programs_are_exactly_what_re_computes(fresh: Path) -> None:
    for pattern, flags in SAMPLES:
        pc.compile(pattern, flags)
    pc.flush()
    stored = pc._read(pc.cache_path() or "")
    assert len(stored) == len(SAMPLES)
    for (_, pattern, flags), entry in stored.items():
        assert _plain(entry) == _plain(pc._program(pattern, flags))


def test_smsscan_own_patterns_round_trip(fresh: Path) -> None:
    """A real scan in a subprocess fills the cache; every entry is what re computes."""
    env = dict(os.environ, SMSSCAN_CACHE_DIR=str(fresh))
    code = "from scanner.cli import main; main()"
    args = ["scan", "--no-color", "--jobs", "1", str(ROOT / "fixtures")]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, cwd=ROOT
    )
    assert proc.returncode in (0, 1), proc.stderr
    stored = pc._read(pc.cache_path() or "")
    assert len(stored) > 100  # the detectors' patterns, not just a few
    for (_, pattern, flags), entry in stored.items():
        assert _plain(entry) == _plain(pc._program(pattern, flags)), pattern


def test_a_second_run_reads_and_matches_the_first(fresh: Path) -> None:
    env = dict(os.environ, SMSSCAN_CACHE_DIR=str(fresh))
    code = "from scanner.cli import main; main()"
    args = ["scan", "--format", "json", "--jobs", "1", str(ROOT / "fixtures")]
    runs = [
        subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, cwd=ROOT)
        for _ in range(2)
    ]
    off = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=dict(env, SMSSCAN_NO_CACHE="1"),
        capture_output=True,
        cwd=ROOT,
    )
    assert runs[0].stdout == runs[1].stdout == off.stdout
    assert runs[0].stdout.count(b'"rule_id"') > 5


def test_no_cache_setting_turns_it_off(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMSSCAN_NO_CACHE", "1")
    assert pc.cache_path() is None
    _same(pc.compile(r"(a)(?P<b>b)", 0), r"(a)(?P<b>b)", 0)
    pc.flush()
    assert list(fresh.iterdir()) == []


def test_where_the_cache_is(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMSSCAN_CACHE_DIR")
    monkeypatch.setenv("HOME", str(fresh / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(fresh / "xdg"))
    assert os.path.dirname(pc.cache_path() or "") == str(fresh / "xdg" / "smsscan")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert os.path.dirname(pc.cache_path() or "") == str(fresh / "home" / ".cache" / "smsscan")
    monkeypatch.chdir(fresh)
    monkeypatch.setenv("SMSSCAN_CACHE_DIR", "here")
    assert os.path.dirname(pc.cache_path() or "") == str(fresh / "here")


def test_windows_uses_local_app_data(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCALAPPDATA", str(fresh / "local"))
    assert pc._user_cache("win32") == str(fresh / "local" / "smsscan" / "Cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(fresh / "xdg"))
    assert pc._user_cache("linux") == str(fresh / "xdg" / "smsscan")
    monkeypatch.delenv("LOCALAPPDATA")
    assert pc._user_cache("win32") == str(fresh / "xdg" / "smsscan")


def test_an_unwritable_cache_is_ignored(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = fresh / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SMSSCAN_CACHE_DIR", str(blocker / "sub"))
    _same(pc.compile(r"x+y", 0), r"x+y", 0)
    pc.flush()  # cannot create the directory: no error
    assert blocker.read_text() == "not a directory"
    encoded: list[int] = []
    real_encode = pc._encode
    monkeypatch.setattr(pc, "_encode", lambda e: encoded.append(1) or real_encode(e))
    _same(pc.compile(r"x+z", 0), r"x+z", 0)
    pc.flush()  # a worker flushes after every task: a failed write is not tried again
    assert encoded == []


def _valid_file(entries: dict[pc.Key, pc.Entry]) -> bytes:
    return pc._encode(entries)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),  # one bit of the payload
        lambda b: b.replace(pc.FORMAT, b"smsscan-re-cache/9"),  # another format
        lambda b: b.replace(pc._tag().encode(), b"cpython-399-3-99-0-00000000-1"),  # another Python
        lambda b: b"",
    ],
)
def test_a_damaged_or_foreign_file_is_ignored(fresh: Path, damage: object) -> None:
    pattern, flags = SAMPLES[0]
    good = _valid_file({(0, pattern, flags): pc._program(pattern, flags)})
    path = Path(pc.cache_path() or "")
    path.write_bytes(damage(good))  # type: ignore[operator]
    assert pc._read(str(path)) == {}
    _same(pc.compile(pattern, flags), pattern, flags)
    pc.flush()  # and it is rewritten whole
    _reset()
    assert (0, pattern, flags) in pc._read(str(path))


def test_a_program_the_engine_rejects_is_compiled_afresh(fresh: Path) -> None:
    """A file with a valid digest but a nonsense program: _sre refuses it, re's answer is used."""
    pattern, flags = r"(?P<n>\d+)-x", 0
    flags_out, program, groups, names = pc._program(pattern, flags)
    bad = [0xFFFF] * len(program)
    Path(pc.cache_path() or "").write_bytes(
        _valid_file({(0, pattern, flags): (flags_out, bad, groups, names)})
    )
    _same(pc.compile(pattern, flags), pattern, flags)


def test_an_invalid_pattern_raises_as_re_does(fresh: Path) -> None:
    with pytest.raises(re.error):
        pc.compile(r"(unclosed", 0)


def test_the_self_check_guards_the_private_api(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pc, "_sre", None)
    assert not pc._self_check()
    _same(pc.compile(r"a(b)", 0), r"a(b)", 0)
    pc.flush()
    assert list(fresh.iterdir()) == []


def test_workers_write_at_most_every_few_seconds(fresh: Path) -> None:
    pc.compile("first", 0)
    pc.flush(every=60.0)  # nothing written yet by this process: written now
    pc.compile("second", 0)
    pc.flush(every=60.0)  # written a moment ago: left for later
    assert [k[1] for k in pc._read(pc.cache_path() or "")] == ["first"]
    pc.flush()  # the end of a process: written whatever the time
    assert sorted(k[1] for k in pc._read(pc.cache_path() or "")) == ["first", "second"]


def test_the_file_is_capped(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pc, "MAX_ENTRIES", 3)
    for i in range(3):
        pc.compile(f"old{i}", 0)
    pc.flush()
    _reset()
    pc.compile("new", 0)
    pc.flush()
    assert [k[1] for k in pc._read(pc.cache_path() or "")] == ["new"]


def test_the_file_is_byte_stable(fresh: Path) -> None:
    for pattern, flags in SAMPLES:
        pc.compile(pattern, flags)
    first = pc._encode(dict(pc._new))
    second = pc._encode(dict(reversed(list(pc._new.items()))))
    assert first == second


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_reading_arbitrary_bytes_never_raises(data: bytes) -> None:
    head = pc.FORMAT + b"\n" + pc._tag().encode() + b"\n"
    for blob in (data, head + data, head + hashlib.sha256(data).digest()[:16] + data):
        assert isinstance(pc._parse(blob), dict)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=8) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=40,
)


@settings(max_examples=200, deadline=None)
@given(_JSON)
def test_a_structured_payload_with_a_valid_digest_is_read_or_ignored(value: object) -> None:
    # the digest is no secret: a crafted file passes it, and must still never raise nor
    # make the reader allocate more than the file holds (which a marshal payload would)
    import json

    payload = json.dumps(value).encode()
    head = pc.FORMAT + b"\n" + pc._tag().encode() + b"\n"
    blob = head + hashlib.sha256(payload).digest()[:16] + payload
    assert isinstance(pc._parse(blob), dict)
