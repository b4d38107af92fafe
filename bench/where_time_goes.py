"""Where does smsscan's time go? cProfile one serial scan and group the time.

    python bench/where_time_goes.py DIR [--top 15]

Prints own time (tottime) grouped by stage: walk, read, prefilter, decode,
parse (libcst / tree-sitter / config / text), detectors, findings, other; then
the slowest files (wall per file, serial) and how many files needed a parser.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import sys
import time

GROUPS = (
    ("parse: libcst (Python)", ("libcst", "parsers/python_cst", "parsers/python_tokens")),
    ("parse: tree-sitter", ("tree_sitter", "parsers/treesitter")),
    ("parse: config formats", ("parsers/config", "yaml", "tomllib", "tomli", "xml/", "json/")),
    ("parse: text", ("parsers/text",)),
    ("detectors", ("detectors/",)),
    ("walk", ("scanner/walk", "pathspec", "posixpath", "genericpath")),
    ("prefilter", ("scanner/prefilter", "hyperscan")),
    ("read/decode/classify", ("scanner/engine", "scanner/decode", "scanner/classify", "fnmatch")),
    ("findings/suppress", ("fingerprint", "redact", "suppress", "scanner/detector")),
)


def group_of(filename: str, func: str) -> str:
    if filename == "~" and func in ("<built-in method posix.read>", "<built-in method posix.open>"):
        return "read/decode/classify"
    for name, needles in GROUPS:
        if any(n in filename for n in needles):
            return name
    return "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir")
    ap.add_argument("--top", type=int, default=15)
    args = ap.parse_args(argv)

    from detectors import REGISTRY
    from scanner.engine import ScanOptions, scan_entry
    from scanner.walk import walk

    options = ScanOptions(jobs=1, line_hashes=False)  # as for text and JSON output
    prof = cProfile.Profile()
    per_file: list[tuple[float, str, str]] = []
    start = time.perf_counter()
    prof.enable()
    walked = walk([args.dir], args.dir)
    for e in walked.entries:
        t0 = time.perf_counter()
        out = scan_entry(e, REGISTRY, options)
        per_file.append((time.perf_counter() - t0, e.relpath, out.kind))
    prof.disable()
    total = time.perf_counter() - start
    stats = pstats.Stats(prof)
    groups: collections.Counter[str] = collections.Counter()
    for (filename, _line, func), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        groups[group_of(filename, func)] += tottime
    print(f"{len(walked.entries)} files, {total:.1f} s serial under cProfile")
    own = sum(groups.values()) or 1.0
    for name, secs in groups.most_common():
        print(f"  {name:28s} {secs:8.2f} s  {100 * secs / own:5.1f} %")
    print("top functions by own time:")
    for (filename, line, func), (_cc, nc, tottime, _ct, _callers) in sorted(
        stats.stats.items(),  # type: ignore[attr-defined]
        key=lambda kv: -kv[1][2],
    )[: args.top]:
        print(f"  {tottime:7.2f} s {nc:9d}  {filename.rsplit('/', 2)[-1]}:{line} {func}")
    per_file.sort(reverse=True)
    slow = [p for p in per_file if p[0] > 0.005]
    print(f"files over 5 ms: {len(slow)} ({sum(p[0] for p in slow):.1f} s)")
    fast = [p for p in per_file if p[0] <= 0.005]
    if fast:
        mean_us = 1e6 * sum(p[0] for p in fast) / len(fast)
        print(f"files under 5 ms: {len(fast)}, mean {mean_us:.0f} us each (read + prefilter)")
    for secs, path, kind in per_file[: args.top]:
        print(f"  {secs:7.3f} s  {kind:10s} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
