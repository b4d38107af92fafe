"""Which detectors make smsscan parse files for nothing? For detector authors.

    python bench/detector_yield.py DIR [--top 25]

For every file the prefilter sends to a detector (and its text gate lets
through), runs each selected detector on its own and records whether it found
anything, then prints per detector: the
files it was selected for, the files where it found something, and the files
that were parsed only for it and gave nothing (the waste to remove by making
its anchors or text gate more specific). Also the parse time per kind.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--list", metavar="DETECTOR", help="print the wasted files of one detector")
    args = ap.parse_args(argv)

    from _corpus import prefilter, text_files

    from detectors import REGISTRY
    from scanner.decode import decode
    from scanner.detector import FileContext
    from scanner.engine import is_minified
    from scanner.parsers import parse_facts

    pf = prefilter()
    selected: collections.Counter[str] = collections.Counter()
    fired: collections.Counter[str] = collections.Counter()
    wasted_alone: collections.Counter[str] = collections.Counter()
    det_time: collections.Counter[str] = collections.Counter()
    parse_time: collections.Counter[str] = collections.Counter()
    parsed_files: collections.Counter[str] = collections.Counter()
    parsed_bytes: collections.Counter[str] = collections.Counter()
    waste_list: list[str] = []
    trigger_waste: collections.Counter[str] = collections.Counter()
    trigger_waste_s: collections.Counter[str] = collections.Counter()
    for path, kind, data in text_files(args.dir):
        wanted = [i for i in pf.wanted(data, kind) if kind in REGISTRY[i].kinds]
        if not wanted:
            continue
        text = decode(data).text
        if text is None:
            continue
        ctx = FileContext(path=path, kind=kind, text=text, parse=parse_facts)
        parsed = False
        any_hit = False
        trigger = ""
        trigger_s = 0.0
        for i in wanted:
            det = REGISTRY[i]
            selected[det.name] += 1
            if det.gate is not None and not det.gate(text, kind, path.rsplit("/", 1)[-1]):
                continue  # as the engine does: the text gate rules the file out
            if det.skips_minified and is_minified(text, kind):
                continue  # as the engine does: not run on minified bundles
            t0 = time.perf_counter()
            had_facts = "facts" in ctx.__dict__
            try:
                hit = any(True for _ in det.check(ctx))
            except Exception:
                hit = False
            spent = time.perf_counter() - t0
            if not had_facts and "facts" in ctx.__dict__:
                parse_time[kind] += spent  # the first detector asking pays the parse
                parsed = True
                trigger, trigger_s = det.name, spent
            else:
                det_time[det.name] += spent
            if hit:
                fired[det.name] += 1
                any_hit = True
        if parsed:
            parsed_files[kind] += 1
            parsed_bytes[kind] += len(data)
        if not any_hit and parsed:
            trigger_waste[trigger] += 1
            trigger_waste_s[trigger] += trigger_s
            if trigger == args.list:
                waste_list.append(f"{trigger_s:.3f} {path}")
            names = sorted({REGISTRY[i].name for i in wanted})
            if len(names) == 1:
                wasted_alone[names[0]] += 1
    print("detector: selected / fired / parsed for it alone and found nothing / own time")
    for name, n in selected.most_common(args.top):
        print(
            f"  {name:24s} {n:6d} {fired[name]:6d} {wasted_alone[name]:6d} {det_time[name]:7.2f} s"
        )
    print("parsed for nothing, by the detector that asked first: files / parse s")
    for name, n in trigger_waste.most_common(args.top):
        print(f"  {name:24s} {n:6d} {trigger_waste_s[name]:7.2f} s")
    print("parse per kind: files / MB / s")
    for kind, secs in parse_time.most_common():
        print(f"  {kind:12s} {parsed_files[kind]:6d} {parsed_bytes[kind] / 1e6:6.1f} {secs:7.2f}")
    for path in waste_list:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
