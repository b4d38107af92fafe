"""Which anchors make smsscan parse files? For detector authors.

    python bench/anchor_hits.py DIR [--top 25]

For every file smsscan would read, finds the anchors that occur and that
belong to a detector covering the file's kind (exactly as the prefilter does),
then prints how many files need a parser, per kind, the files each anchor
selects, and the files each anchor selects ALONE (no other anchor would have
sent the file to a parser): those are the anchors to make more specific.
"""

from __future__ import annotations

import argparse
import collections
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args(argv)

    from _corpus import prefilter, text_files

    pf = prefilter()
    kinds: collections.Counter[str] = collections.Counter()
    selects: collections.Counter[str] = collections.Counter()
    alone: collections.Counter[str] = collections.Counter()
    parsed_bytes = 0
    for _path, kind, data in text_files(args.dir):
        relevant = [
            pf.anchor_list[a].decode("utf-8", "replace") for a, _dets in pf.selections(data, kind)
        ]
        if not relevant:
            continue
        kinds[kind] += 1
        parsed_bytes += len(data)
        selects.update(relevant)
        if len(relevant) == 1:
            alone[relevant[0]] += 1
    total = sum(kinds.values())
    print(f"{total} files ({parsed_bytes / 1e6:.1f} MB) need a parser: {dict(kinds.most_common())}")
    print("anchor: files it selects / files it alone selects")
    for anchor, n in selects.most_common(args.top):
        print(f"  {anchor!r:40s} {n:6d} / {alone[anchor]:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
