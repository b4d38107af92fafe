"""Bytes -> text. UTF-8 (with or without BOM), UTF-16 with BOM, GB18030 for
legacy Chinese files. Binary data is refused. Never raises on bad input."""

from __future__ import annotations

import codecs
from typing import NamedTuple


class Decoded(NamedTuple):
    text: str | None  # None = not decodable as text (binary)
    encoding: str
    lossy: bool = False  # replacement characters were needed


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def looks_binary(data: bytes) -> bool:
    """A NUL byte in the first 8 KiB (outside UTF-16 BOM files) means binary."""
    if data.startswith(_UTF16_BOMS):
        return False
    return data.find(b"\x00", 0, 8192) != -1  # (no copy of the first 8 KiB)


def decode(data: bytes) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[3:], "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return Decoded(data.decode("utf-16", errors="replace"), "utf-16", lossy=True)
    if looks_binary(data):
        return Decoded(None, "binary")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return _utf8(data, "utf-8")
    if _plausible_gb(text):
        return Decoded(text, "gb18030")
    return _utf8(data, "utf-8")


def _utf8(data: bytes, name: str) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        return Decoded(data.decode("utf-8", errors="replace"), name, lossy=True)


def _plausible_gb(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only when the non-ASCII
    characters are mostly CJK ideographs or CJK punctuation."""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    cjk = sum(
        1
        for ch in non_ascii
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return cjk / len(non_ascii) >= 0.8
