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


class Raw(str):
    """Text this module would write for a value at the depth where the Raw is placed
    (a report renders its many same-shaped records from a template); written as it is."""

    __slots__ = ()


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


_KEYS: dict[str, str] = {}  # key -> its encoded text: reports repeat a few dozen keys


def _key(key: Any) -> str:
    """The encoded key and its colon, remembered for plain strings."""
    if not isinstance(key, str):
        raise TypeError(f"keys must be str, not {type(key).__name__}")
    text = encode_basestring(key) + ": "
    if type(key) is str and len(_KEYS) < 4096:
        _KEYS[key] = text
    return text


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
        append, keys = out.append, _KEYS
        for key in sorted(value):
            item = value[key]
            k = keys.get(key) or _key(key)
            t = type(item)
            if t is str:
                append(sep + k + encode_basestring(item))
            elif t is int:
                append(sep + k + int.__repr__(item))
            elif t is Raw:
                append(sep + k + item)
            else:
                text = _scalar(item)
                if text is not None:
                    append(sep + k + text)
                else:
                    append(sep + k)
                    _write(item, out, depth + 1)
            sep = "," + inner
        append("\n" + " " * (INDENT * depth) + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = "\n" + " " * (INDENT * (depth + 1))
        sep = "[" + inner
        for item in value:
            text = item if type(item) is Raw else _scalar(item)
            if text is not None:
                out.append(sep + text)
            else:
                out.append(sep)
                _write(item, out, depth + 1)
            sep = "," + inner
        out.append("\n" + " " * (INDENT * depth) + "]")
    elif type(value) is Raw:
        out.append(value)
    elif isinstance(value, str):  # a str subclass
        out.append(encode_basestring(value))
    elif isinstance(value, int):  # an int subclass (bools are handled above)
        out.append(int.__repr__(value))
    else:  # floats (NaN, Infinity) and anything else: as the standard library writes it
        out.append(json.dumps(value))
