"""`json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`, faster.

With an indent the standard library falls back from its C encoder to a Python
generator per value; a scan of a large tree writes hundreds of thousands of
values, and this runs after the workers are done, so it adds straight to the
wall time. This writes the same text (a test checks it on random documents)
with one recursive function and the C string encoder. Values are what the
reports build: dicts with string keys, lists, str, int, float, bool, None.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

INDENT = 2


def dumps(value: Any) -> str:
    out: list[str] = []
    _write(value, out, 0)
    return "".join(out)


def _write(value: Any, out: list[str], depth: int) -> None:
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + " " * (INDENT * (depth + 1))
        first = True
        for key in sorted(value):
            out.append("{" + inner if first else "," + inner)
            first = False
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            out.append(encode_basestring(key))
            out.append(": ")
            _write(value[key], out, depth + 1)
        out.append("\n" + " " * (INDENT * depth) + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (INDENT * (depth + 1))
        first = True
        for item in value:
            out.append("[" + inner if first else "," + inner)
            first = False
            _write(item, out, depth + 1)
        out.append("\n" + " " * (INDENT * depth) + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    else:  # floats (NaN, Infinity) and anything else: as the standard library writes it
        out.append(json.dumps(value))
