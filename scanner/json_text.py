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


def _scalar(value: Any) -> str | None:
    """The text of a string, None, bool or int (exact types); None for anything else."""
    t = type(value)
    if t is str:
        return encode_basestring(value)
    if t is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return None


def _write(value: Any, out: list[str], depth: int) -> None:
    # scalars inside a container are written by the container's loop (no call each):
    # most values of a report are strings and numbers in dicts
    text = _scalar(value)
    if text is not None:
        out.append(text)
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = "\n" + " " * (INDENT * (depth + 1))
        sep = "{" + inner
        for key in sorted(value):
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            item = value[key]
            text = _scalar(item)
            if text is not None:
                out.append(f"{sep}{encode_basestring(key)}: {text}")
            else:
                out.append(f"{sep}{encode_basestring(key)}: ")
                _write(item, out, depth + 1)
            sep = "," + inner
        out.append("\n" + " " * (INDENT * depth) + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (INDENT * (depth + 1))
        sep = "[" + inner
        for item in value:
            text = _scalar(item)
            if text is not None:
                out.append(sep + text)
            else:
                out.append(sep)
                _write(item, out, depth + 1)
            sep = "," + inner
        out.append("\n" + " " * (INDENT * depth) + "]")
    elif isinstance(value, str):  # a str subclass
        out.append(encode_basestring(value))
    elif isinstance(value, int):  # an int subclass (bools are handled above)
        out.append(int.__repr__(value))
    else:  # floats (NaN, Infinity) and anything else: as the standard library writes it
        out.append(json.dumps(value))
