"""Time pre-commit style runs: `smsscan scan --no-color --jobs 1 FILE...` on batches of files.

    python bench/precommit.py [DIR ...] [--files 10] [--rounds 11] [--json out.json]

A pre-commit hook starts smsscan once per batch of staged files, so what counts is
the wall time of the whole process: interpreter start, imports, the scan and the
report. For each DIR (default: this repository's fixtures and its own `scanner/`
package, which name every SMS indicator there is) the batch is the first `--files`
files, in path order, of the most frequent source kind in DIR that smsscan reads.

Each batch runs in alternating rounds after a warm-up (bytecode and the
compiled-pattern cache warm, as in a hook that has run before), beside two
calibrations measured in the same rounds: `python -c pass` (the interpreter's
start) and `smsscan --version` (start-up and the command line, no scan). The
machine's speed varies between runs; compare numbers from one run.
A round with `SMSSCAN_NO_CACHE=1` shows the first run after an upgrade.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_SUFFIXES = (".py", ".java", ".go", ".js", ".ts", ".php", ".kt", ".rb", ".cs")


def batch(directory: Path, files: int) -> list[str]:
    """The first `files` files of the most frequent source suffix in `directory`."""
    found: dict[str, list[str]] = {}
    for dirpath, dirnames, filenames in os.walk(directory):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            suffix = os.path.splitext(name)[1]
            if suffix in SOURCE_SUFFIXES:
                path = os.path.join(dirpath, name)
                found.setdefault(suffix, []).append(os.path.relpath(path, directory))
    if not found:
        return []
    counts = Counter({k: len(v) for k, v in found.items()})
    suffix = counts.most_common(1)[0][0]
    return sorted(found[suffix])[:files]


def _smsscan() -> list[str]:
    exe = shutil.which("smsscan")
    return [exe] if exe else [sys.executable, "-c", "from scanner.entry import main; main()"]


def _time(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _summary(walls: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(walls), 4),
        "min": round(min(walls), 4),
        "max": round(max(walls), 4),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=11)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)

    dirs = args.dirs or [ROOT / "fixtures", ROOT / "scanner"]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed hook runs with bytecode cached
    cold = dict(env, SMSSCAN_NO_CACHE="1")
    smsscan = _smsscan()
    jobs: dict[str, tuple[list[str], Path, dict[str, str]]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], ROOT, env),
        "smsscan --version": ([*smsscan, "--version"], ROOT, env),
    }
    batches: dict[str, list[str]] = {}
    for d in dirs:
        files = batch(d, args.files)
        if not files:
            print(f"{d}: no source files", file=sys.stderr)
            continue
        batches[str(d)] = files
        scan = [*smsscan, "scan", "--no-color", "--jobs", "1", *files]
        jobs[f"{d.name}: {len(files)} files"] = (scan, d, env)
        jobs[f"{d.name}: {len(files)} files, no pattern cache"] = (scan, d, cold)
    walls: dict[str, list[float]] = {name: [] for name in jobs}
    for cmd, cwd, e in jobs.values():  # warm-up: bytecode, pattern cache, page cache
        _time(cmd, cwd, e)
    for _ in range(args.rounds):
        for name, (cmd, cwd, e) in jobs.items():
            walls[name].append(_time(cmd, cwd, e))
    width = max(map(len, jobs))
    print(f"{'run':{width}}  median     min     max   ({args.rounds} rounds)")
    for name, w in walls.items():
        s = _summary(w)
        print(f"{name:{width}}  {s['median']:6.3f}  {s['min']:6.3f}  {s['max']:6.3f}")
    if args.json:
        out = {"rounds": args.rounds, "batches": batches}
        out["runs"] = {name: _summary(w) for name, w in walls.items()}
        args.json.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
