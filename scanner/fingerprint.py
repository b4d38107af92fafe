"""Result identities.

- `line_hash_map(text)`: GitHub's `primaryLocationLineHash` per line, computed
  exactly as the `upload-sarif` action does (rolling hash over the next 100
  non-whitespace characters, UTF-16 code units, CR/CRLF as LF), with `:n`
  occurrence suffixes.
- `content_key(...)`: smsscan's own line-number-free identity
  (`smsscan/v1`), used by baselines and SARIF `partialFingerprints`.
"""

from __future__ import annotations

from scanner.digest import sha256_hex

_MASK = (1 << 64) - 1
_BLOCK = 100
_MOD = 37
_FIRST_MOD = pow(_MOD, _BLOCK, 1 << 64)
_EOF = 65535


def line_hash_map(text: str) -> dict[int, str]:
    """1-based line -> GitHub `primaryLocationLineHash`; lines that start with no
    hashed character (blank lines at the end) get none."""
    data = text.encode("utf-16-le", errors="surrogatepass")
    units = [data[i] | (data[i + 1] << 8) for i in range(0, len(data) - 1, 2)]
    window = [0] * _BLOCK
    starts = [-1] * _BLOCK
    index = 0
    h = 0
    results: dict[int, str] = {}
    counts: dict[int, int] = {}
    line = 1
    at_line_start = True
    prev_cr = False

    def push(c: int, start_line: int) -> None:
        nonlocal h, index
        begin = starts[index]
        if begin != -1:
            n = counts.get(h, 0) + 1
            counts[h] = n
            results[begin] = f"{h:x}:{n}"
        h = (_MOD * h + c - _FIRST_MOD * window[index]) & _MASK
        window[index] = c
        starts[index] = start_line
        index = (index + 1) % _BLOCK

    for c in units:
        if c in (32, 9):
            prev_cr = False
            continue
        if c == 10 and prev_cr:
            prev_cr = False
            continue
        prev_cr = c == 13
        if c in (10, 13):
            push(10, line if at_line_start else -1)
            line += 1
            at_line_start = True
            continue
        push(c, line if at_line_start else -1)
        at_line_start = False
    push(_EOF, line if at_line_start else -1)
    for _ in range(_BLOCK):
        push(0, -1)
    return results


def content_key(rule_id: str, path: str, key: str, occurrence: int) -> str:
    """smsscan/v1 identity: no line number, so moving code keeps it."""
    normalized = " ".join(key.split())
    digest = sha256_hex(f"{rule_id}\x00{path}\x00{normalized}\x00{occurrence}".encode())
    return digest[:32]
