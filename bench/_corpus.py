"""Shared by the bench scripts: the files of a tree as the engine sees them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def text_files(root: str) -> Iterator[tuple[str, str, bytes]]:
    """(relative path, kind, bytes) of every file smsscan would read and prefilter:
    a kind it reads (not by name alone), readable, not binary."""
    from scanner import classify
    from scanner.decode import looks_binary
    from scanner.engine import DEFAULT_MAX_FILE_SIZE, read_file
    from scanner.walk import walk

    for entry in walk([root], root).entries:
        kind = classify.classify_name(entry.relpath)
        if kind is None or kind in classify.NAME_ONLY_KINDS:
            continue
        data, _problem = read_file(entry, DEFAULT_MAX_FILE_SIZE)
        if data is None or looks_binary(data):
            continue
        yield entry.relpath, kind, data


def prefilter() -> Any:
    """The engine's prefilter over the built-in detectors, compiled."""
    from detectors import REGISTRY
    from scanner.prefilter import Prefilter

    pf = Prefilter(REGISTRY)
    pf.prepare()
    return pf
