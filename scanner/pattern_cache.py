"""The compiled form of smsscan's own regular expressions, kept between runs.

CPython's `re` compiles a pattern in Python: it parses the pattern and turns
it into the small program its matching engine (`_sre`) runs. That is about
0.15 ms a pattern, and a scan of a few SMS-heavy files uses some 280 of
smsscan's patterns: about 0.05 s of a pre-commit run, every run, before a
single file is read. The program depends only on the pattern, the flags and
the interpreter, so this module keeps it in a cache file (as Python keeps
bytecode in `__pycache__`) and hands it straight to `_sre` next time.

Safe by construction:
- Only smsscan's own patterns go through here (detector and engine
  patterns), never a pattern built from the scanned tree or from user input.
- The cache is keyed by the interpreter's exact version and `_sre.MAGIC` (the
  version of the program format), and checked whole (a SHA-256 digest) before
  use; `_sre` validates every program it is given. The digest is no secret, so
  the reader also stays bounded on a crafted file: its own format allocates no
  more than the file holds (`marshal`, faster to read, would not). Any doubt
  (a missing private API, an unreadable, truncated or foreign file, a failed self-check)
  falls back to `re.compile`: the cache can make a run slower, never wrong.
- It lives in the user's cache directory (`$SMSSCAN_CACHE_DIR`, else
  `$XDG_CACHE_HOME/smsscan` or `~/.cache/smsscan`, on Windows
  `%LOCALAPPDATA%\\smsscan\\Cache`); `SMSSCAN_NO_CACHE=1`
  turns it off. It is written atomically (temporary file, then rename), and
  a failed write is ignored.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import re
import struct
import sys
import time
from array import array
from collections.abc import Sequence
from typing import Any, AnyStr

from scanner.digest import sha256_digest, sha256_hex
from scanner.private_modules import first_module

# the parser and code generator behind re.compile (3.11+, then 3.10), and the engine
_re_parser: Any = first_module("re._parser", "sre_parse")
_re_compiler: Any = first_module("re._compiler", "sre_compile")
_sre: Any = first_module("_sre")

FORMAT = b"smsscan-re-cache/2"
MAX_ENTRIES = 4096  # a merged file beyond this starts over (old versions' patterns)
# an entry: kind, len(pattern), flags in, flags out, groups, len(names), len(program)
_HEAD = struct.Struct("<BIIIIHI")
_NAME = struct.Struct("<HI")  # len(name), group index
_DIGEST = 16

# (kind, pattern, flags) -> (flags out, program, groups, {name: index}); kind 0 = str, 1 = bytes
Entry = tuple[int, Sequence[int], int, dict[str, int]]
Key = tuple[int, str | bytes, int]

_loaded: dict[Key, Entry] | None = None  # what the cache file held, read on first need
_new: dict[Key, Entry] = {}  # compiled in this process and not in the file yet
_compiled: dict[Key, re.Pattern[Any]] = {}
_usable: bool | None = None  # the private API answered the self-check
_unwritable = False  # a write failed: not tried again
_exit_hook = False  # flush registered with atexit
_last_write = float("-inf")  # time.monotonic() of this process's last write


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, from the cache when the pattern was compiled before."""
    flags = int(flags)
    key: Key = (1 if isinstance(pattern, bytes) else 0, pattern, flags)
    compiled = _compiled.get(key)
    if compiled is None:
        compiled = _compiled[key] = _compile(pattern, flags, key)
    return compiled


def _compile(pattern: AnyStr, flags: int, key: Key) -> re.Pattern[AnyStr]:
    if not _enabled():
        return re.compile(pattern, flags)
    entry = _cached().get(key)
    if entry is not None:
        try:
            return _from_program(pattern, entry)
        except Exception:  # _sre rejected the stored program: compile it afresh
            pass
    entry = _program(pattern, flags)  # an invalid pattern raises re.error, as re.compile does
    _at_exit()
    _new[key] = entry
    return _from_program(pattern, entry)


def _at_exit() -> None:
    """Once per process: a process that ends normally keeps what it compiled."""
    global _exit_hook
    if not _exit_hook:
        atexit.register(flush)
        _exit_hook = True


def flush(every: float = 0.0) -> None:
    """Write what this process compiled and the file lacks (nothing to do: no write).
    With `every`, only when that many seconds have passed since this process last wrote
    (pool workers call it after each task: a first run must not rewrite the file per task;
    what one leaves unwritten is compiled and written by a later run).
    A write that fails (a read-only home, a full disk) is not tried again by this process."""
    global _unwritable, _last_write
    if not _new or _unwritable or not _enabled():
        return
    if every and time.monotonic() - _last_write < every:
        return
    path = cache_path()
    if path is None:
        return
    merged = _read(path)  # as it is now: another process may have added to it
    if len(merged) + len(_new) > MAX_ENTRIES:
        merged = {}
    merged.update(_new)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(_encode(merged))
        os.replace(tmp, path)
    except OSError:
        _unwritable = True
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    _new.clear()
    _last_write = time.monotonic()


def cache_path() -> str | None:
    """Where the cache file is, or None when caching is off."""
    if os.environ.get("SMSSCAN_NO_CACHE"):
        return None
    base = os.environ.get("SMSSCAN_CACHE_DIR")
    base = os.path.abspath(base) if base else _user_cache(sys.platform)
    return os.path.join(base, f"re-{_tag()}.bin") if base else None


def _user_cache(platform: str) -> str | None:
    """The user's cache directory for smsscan: %LOCALAPPDATA% on Windows, else
    $XDG_CACHE_HOME or ~/.cache; None without a home."""
    if platform == "win32":
        local = os.environ.get("LOCALAPPDATA", "")
        if os.path.isabs(local):
            return os.path.join(local, "smsscan", "Cache")
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(xdg):  # unset, or relative: ignored, as the XDG spec says
        xdg = os.path.join(os.path.expanduser("~"), ".cache")
    base = os.path.join(xdg, "smsscan")
    return base if os.path.isabs(base) else None  # "~" did not expand: no home


@functools.cache
def _tag() -> str:
    """The interpreter and program format the cached programs are valid for (once)."""
    version = "-".join(str(x) for x in sys.version_info[:3])
    build = sha256_hex(sys.version.encode())[:8]
    return f"{sys.implementation.cache_tag}-{version}-{build}-{getattr(_sre, 'MAGIC', 0)}"


def _program(pattern: str | bytes, flags: int) -> Entry:
    """What re.compile computes before it calls `_sre.compile` (CPython 3.10-3.13)."""
    parsed = _re_parser.parse(pattern, flags)
    code = _re_compiler._code(parsed, flags)
    state = parsed.state
    return (flags | state.flags, code, state.groups - 1, dict(state.groupdict))


def _from_program(pattern: AnyStr, entry: Entry) -> re.Pattern[AnyStr]:
    flags, code, groups, names = entry
    program = code.tolist() if isinstance(code, array) else list(code)
    index: list[str | None] = [None] * (groups + 1)
    for name, i in names.items():
        index[i] = name
    compiled: re.Pattern[AnyStr] = _sre.compile(
        pattern, flags, program, groups, names, tuple(index)
    )
    return compiled


def _enabled() -> bool:
    global _usable
    if _usable is None:
        _usable = _self_check()
    return _usable


_PROBE = r"(?P<head>a+)(b|c)?(?i:D)\d{2,5}(?=x)"


def _self_check() -> bool:
    """The private API is there and gives the same pattern as re.compile."""
    if None in (_sre, _re_parser, _re_compiler) or getattr(_sre, "CODESIZE", 0) != 4:
        return False
    if cache_path() is None:
        return False
    try:
        ours = _from_program(_PROBE, _program(_PROBE, re.M))
        theirs = re.compile(_PROBE, re.M)
        text = "aab d123x aD55x aaacD123456x"
        return (
            ours.flags == theirs.flags
            and ours.groups == theirs.groups
            and ours.groupindex == theirs.groupindex
            and [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
        )
    except Exception:  # any surprise in a private API: no cache
        return False


def _cached() -> dict[Key, Entry]:
    global _loaded
    if _loaded is None:
        path = cache_path()
        _loaded = _read(path) if path else {}
    return _loaded


def _read(path: str) -> dict[Key, Entry]:
    try:
        with open(path, "rb") as fh:
            return _parse(fh.read())
    except OSError:
        return {}


def _parse(data: bytes) -> dict[Key, Entry]:
    """The entries of a cache file's bytes; nothing for bytes that are not a whole, valid file."""
    try:
        return _decode(data)
    except (ValueError, struct.error, UnicodeDecodeError, IndexError):
        return {}


def _encode(entries: dict[Key, Entry]) -> bytes:
    out = bytearray()
    for key in sorted(
        entries, key=lambda k: (k[0], k[2], k[1] if isinstance(k[1], bytes) else k[1].encode())
    ):
        kind, pattern, flags_in = key
        flags, code, groups, names = entries[key]
        raw = pattern if isinstance(pattern, bytes) else pattern.encode("utf-8", "surrogatepass")
        program = array("I", code).tobytes()
        out += _HEAD.pack(kind, len(raw), flags_in, flags, groups, len(names), len(program))
        out += raw
        for name, i in sorted(names.items()):
            encoded = name.encode("utf-8")
            out += _NAME.pack(len(encoded), i) + encoded
        out += program
    payload = bytes(out)
    return FORMAT + b"\n" + _tag().encode() + b"\n" + sha256_digest(payload)[:_DIGEST] + payload


def _decode(data: bytes) -> dict[Key, Entry]:
    fmt, tag, rest = data.split(b"\n", 2)
    if fmt != FORMAT or tag != _tag().encode():
        return {}
    digest, payload = rest[:_DIGEST], rest[_DIGEST:]
    if sha256_digest(payload)[:_DIGEST] != digest:
        return {}
    out: dict[Key, Entry] = {}
    view = memoryview(payload)
    at = 0
    while at < len(payload):
        kind, size, flags_in, flags, groups, n_names, n_code = _HEAD.unpack_from(payload, at)
        at += _HEAD.size
        raw = bytes(view[at : at + size])
        at += size
        names: dict[str, int] = {}
        for _ in range(n_names):
            length, i = _NAME.unpack_from(payload, at)
            at += _NAME.size
            names[bytes(view[at : at + length]).decode("utf-8")] = i
            at += length
        program = array("I")
        program.frombytes(view[at : at + n_code])
        at += n_code
        pattern: str | bytes = raw if kind else raw.decode("utf-8", "surrogatepass")
        out[(kind, pattern, flags_in)] = (flags, program, groups, names)
    return out
