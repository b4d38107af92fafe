"""Text from scanned files, made safe to show on a terminal or in a Markdown viewer.

Messages, paths and host names come from untrusted code. Written raw, an escape
sequence in a string literal (`"\\x1b]0;title\\x07"`, `"\\x1b[2J"`) would
retitle, clear or rewrite the reviewer's terminal, a carriage return would
overwrite the line before it, and Unicode bidirectional controls ("Trojan
Source") would reorder what is shown. The human-readable reports show every
such character as an escape instead (`\\x1b`, `\\r`, `\\u202e`); JSON and SARIF
already escape them.
"""

from __future__ import annotations

import re

from scanner import lazy_re

# C0 controls but tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates,
# the implicit direction marks, line and paragraph separators
_UNSAFE = lazy_re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
_NAMED = {"\r": "\\r", "\x0b": "\\v", "\x0c": "\\f"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    named = _NAMED.get(c)
    if named is not None:
        return named
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def printable(text: str) -> str:
    """`text` with every control, bidi or line-separator character shown as an escape."""
    if text.isascii() and text.isprintable():
        return text  # the common case: nothing to do
    return _UNSAFE.sub(_escape, text)
