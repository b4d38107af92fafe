"""Are the detectors' text gates sound on a real corpus? For detector authors.

    python bench/gate_check.py DIR [--detector NAME ...]

A gate (`Detector.gate`) promises that `check` reports nothing on a file it
rejects, so the engine skips the parse. For every file the prefilter sends to a
gated detector, this runs `check` with the gate ignored and prints every file
where the gate said no but `check` found something (a broken promise: exit 1),
then per detector how many selected files the gate let through and how many of
those gave findings (how selective the gate is).
"""

from __future__ import annotations

import argparse
import collections
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir")
    ap.add_argument("--detector", action="append", default=[], help="only these detectors")
    args = ap.parse_args(argv)

    from _corpus import prefilter, text_files

    from detectors import REGISTRY
    from scanner.decode import decode
    from scanner.detector import FileContext
    from scanner.parsers import parse_facts

    gated = [
        i
        for i, d in enumerate(REGISTRY)
        if d.gate is not None and (not args.detector or d.name in args.detector)
    ]
    pf = prefilter()
    selected: collections.Counter[str] = collections.Counter()
    passed: collections.Counter[str] = collections.Counter()
    fired: collections.Counter[str] = collections.Counter()
    broken = 0
    for path, kind, data in text_files(args.dir):
        wanted = [i for i in pf.wanted(data, kind) if i in gated and kind in REGISTRY[i].kinds]
        if not wanted:
            continue
        text = decode(data).text
        if text is None:
            continue
        ctx = FileContext(path=path, kind=kind, text=text, parse=parse_facts)
        for i in wanted:
            det = REGISTRY[i]
            assert det.gate is not None
            selected[det.name] += 1
            ok = det.gate(text, kind, path.rsplit("/", 1)[-1])
            passed[det.name] += ok
            try:
                hits = list(det.check(ctx))
            except Exception as exc:  # report, go on
                print(f"ERROR {det.name} {path}: {exc!r}")
                continue
            fired[det.name] += bool(hits)
            if hits and not ok:
                broken += 1
                rules = sorted({h.rule_id for h in hits})
                print(f"BROKEN {det.name} {path}: gate said no, check found {rules}")
    print("detector: selected by anchors / let through by the gate / with findings")
    for name, n in selected.most_common():
        print(f"  {name:24s} {n:6d} {passed[name]:6d} {fired[name]:6d}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
