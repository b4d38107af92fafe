"""Benchmark smsscan against ripgrep and Semgrep on the same directories.

    python bench/run.py [DIR ...] [--rounds 3] [--jobs 2] [--scaling] [--json out.json]

With no DIR it benchmarks what every machine has: this Python's standard
library and site-packages. For each directory it runs, in alternating rounds
after a warm-up round (page cache warm, order rotated every round):

- smsscan:  `smsscan scan DIR -j JOBS --format json` (`python -m scanner.entry`, the
            `smsscan` command's entry point)
- ripgrep:  `rg -j JOBS -i -f PATTERNS --no-require-git --hidden -g !VCS DIR`
            with PATTERNS = `smsscan patterns` (the anchors every file smsscan
            parses must contain), output to a file
- Semgrep:  `semgrep scan --config RULES -j JOBS` with one `pattern-regex` rule
            per pattern (`smsscan patterns --format semgrep`), when installed
            (found on PATH, in $SEMGREP or /tmp/semgrep-venv/bin)

and reports wall time (median, min, max), peak RSS (largest single process,
from wait4, and the whole process tree, sampled from /proc every 20 ms),
files/s and MB/s over the directory's regular files, and the ratios.
`--scaling` also times smsscan and rg on 1x, 2x and 4x the directory (hard-linked
copies under a temporary directory) to check that time grows linearly.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

VCS = (".git", ".hg", ".svn")


@dataclass
class Timing:
    tool: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)  # user + sys of the whole process tree
    rss_max_kb: int = 0  # largest single process (wait4 ru_maxrss)
    rss_tree_kb: int = 0  # whole process tree, sampled
    exit_codes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.walls) if self.walls else float("nan")


def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants (Linux /proc), in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        p = int(name)
        children.setdefault(int(fields[1]), []).append(p)
        rss[p] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, ()))
    return total


def run_once(
    cmd: list[str], out_path: str, timeout: float | None = None
) -> tuple[float, int, int, int, float]:
    """Wall s, exit code (-9: killed at the timeout), ru_maxrss KiB, sampled tree RSS KiB, CPU s."""
    peak = [0]
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.1):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if os.path.isdir("/proc"):
            sampler.start()
        killer = threading.Timer(timeout, proc.kill) if timeout else None
        if killer:
            killer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        stop.set()
        if killer:
            killer.cancel()
        if sampler.is_alive():
            sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, proc.returncode, usage.ru_maxrss, peak[0], usage.ru_utime + usage.ru_stime


def corpus_size(path: str) -> tuple[int, int]:
    """Regular files and bytes under path (no ignore rules, VCS folders skipped)."""
    files = nbytes = 0
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = [d for d in dirnames if d not in VCS]
        for name in filenames:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            if st.st_mode & 0o170000 == 0o100000:
                files += 1
                nbytes += st.st_size
    return files, nbytes


def find_semgrep() -> str | None:
    for cand in (
        os.environ.get("SEMGREP"),
        shutil.which("semgrep"),
        "/tmp/semgrep-venv/bin/semgrep",
    ):
        if cand and os.access(cand, os.X_OK):
            return cand
    return None


def commands(
    target: str, jobs: int, patterns: str, rules: str, semgrep: str | None
) -> dict[str, list[str]]:
    cmds = {
        "smsscan": [
            sys.executable, "-m", "scanner.entry", "scan", target,
            "-j", str(jobs), "--format", "json", "--exit-zero", "--no-color",
        ],
        "rg": [
            "rg", "-j", str(jobs), "-i", "-f", patterns, "--no-require-git", "--hidden",
            *[f"--glob=!{v}" for v in VCS], target,
        ],
    }  # fmt: skip
    if semgrep:
        cmds["semgrep"] = [
            semgrep, "scan", "--config", rules, "--jobs", str(jobs), "--metrics=off",
            "--disable-version-check", "--quiet", "--json", "--max-target-bytes", "4194304",
            "--timeout", "0", target,
        ]  # fmt: skip
    return cmds


def bench_dir(
    target: str, args: argparse.Namespace, patterns: str, rules: str, semgrep: str | None
) -> dict[str, object]:
    files, nbytes = corpus_size(target)
    cmds = commands(target, args.jobs, patterns, rules, semgrep)
    timings = {tool: Timing(tool) for tool in cmds}
    order = list(cmds)
    with tempfile.TemporaryDirectory(prefix="smsscan-bench-") as tmp:
        for rnd in range(args.warmup + args.rounds):
            for tool in order:
                if tool == "semgrep" and rnd >= args.warmup + args.semgrep_rounds:
                    continue
                if tool == "semgrep" and rnd < args.warmup and args.semgrep_rounds < args.rounds:
                    continue  # Semgrep is slow: no warm-up round when it runs fewer rounds
                wall, code, maxrss, tree, cpu = run_once(
                    cmds[tool], os.path.join(tmp, tool + ".out"), args.timeout
                )
                print(
                    f"  round {rnd} {tool:8s} {wall:8.2f} s wall {cpu:8.2f} s cpu  rc={code}",
                    file=sys.stderr,
                )
                if rnd < args.warmup:
                    continue
                t = timings[tool]
                t.walls.append(wall)
                t.cpus.append(cpu)
                t.exit_codes.append(code)
                t.rss_max_kb = max(t.rss_max_kb, maxrss)
                t.rss_tree_kb = max(t.rss_tree_kb, tree)
            order = order[1:] + order[:1]
        stats = {}
        try:
            with open(os.path.join(tmp, "smsscan.out"), encoding="utf-8") as fh:
                stats = json.load(fh).get("stats", {})
        except (OSError, ValueError):
            pass
    result: dict[str, object] = {
        "target": target,
        "files": files,
        "bytes": nbytes,
        "smsscan_stats": stats,
        "tools": {},
    }
    for tool, t in timings.items():
        if not t.walls:
            continue
        result["tools"][tool] = {  # type: ignore[index]
            **asdict(t),
            "median": t.median,
            "min": min(t.walls),
            "max": max(t.walls),
            "cpu_median": statistics.median(t.cpus),
            "files_per_s": files / t.median,
            "mb_per_s": nbytes / 1e6 / t.median,
        }
    s = timings["smsscan"].median
    result["ratio_smsscan_over_rg"] = s / timings["rg"].median
    cpu = {tool: statistics.median(t.cpus) for tool, t in timings.items() if t.cpus}
    result["cpu_ratio_smsscan_over_rg"] = cpu["smsscan"] / max(cpu["rg"], 1e-3)
    if "semgrep" in timings and timings["semgrep"].walls:
        result["ratio_semgrep_over_smsscan"] = timings["semgrep"].median / s
        result["cpu_ratio_semgrep_over_smsscan"] = cpu["semgrep"] / cpu["smsscan"]
    return result


def scaling(target: str, args: argparse.Namespace, patterns: str) -> list[dict[str, object]]:
    """smsscan and rg on 1x, 2x, 4x copies (hard links where possible) of target."""
    rows = []
    base = tempfile.mkdtemp(prefix="smsscan-scale-", dir=args.scale_dir)
    try:
        for factor in (1, 2, 4):
            tree = os.path.join(base, f"x{factor}")
            for n in range(factor):
                dest = os.path.join(tree, f"copy{n}")
                if not os.path.exists(dest):
                    try:
                        shutil.copytree(target, dest, symlinks=True, copy_function=os.link)
                    except OSError:
                        shutil.copytree(target, dest, symlinks=True)
            cmds = commands(tree, args.jobs, patterns, "", None)
            walls: dict[str, list[float]] = {"smsscan": [], "rg": []}
            cpus: dict[str, list[float]] = {"smsscan": [], "rg": []}
            rss = 0
            for rnd in range(1 + args.rounds):
                for tool in walls:
                    out = os.path.join(base, tool + ".out")
                    wall, _, _, tree_rss, cpu = run_once(cmds[tool], out)
                    if rnd:
                        walls[tool].append(wall)
                        cpus[tool].append(cpu)
                        if tool == "smsscan":
                            rss = max(rss, tree_rss)
            rows.append(
                {
                    "factor": factor,
                    "smsscan": statistics.median(walls["smsscan"]),
                    "rg": statistics.median(walls["rg"]),
                    "smsscan_cpu": statistics.median(cpus["smsscan"]),
                    "rg_cpu": statistics.median(cpus["rg"]),
                    "smsscan_rss_tree_kb": rss,
                }
            )
            print(f"  scaling x{factor}: {rows[-1]}", file=sys.stderr)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return rows


def markdown(results: list[dict[str, object]]) -> str:
    lines = [
        "| corpus | files | MB | tool | median s | min s | max s | CPU s | files/s | MB/s | peak RSS MB (largest process / tree) |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for tool, t in r["tools"].items():  # type: ignore[attr-defined]
            lines.append(
                f"| {r['target']} | {r['files']} | {int(r['bytes']) / 1e6:.1f} | {tool} "  # type: ignore[call-overload]
                f"| {t['median']:.2f} | {t['min']:.2f} | {t['max']:.2f} | {t['cpu_median']:.2f} "
                f"| {t['files_per_s']:.0f} "
                f"| {t['mb_per_s']:.0f} | {t['rss_max_kb'] / 1024:.0f} / {t['rss_tree_kb'] / 1024:.0f} |"
            )
        ratios = (
            f"smsscan/rg = {r['ratio_smsscan_over_rg']:.2f}x wall, "
            f"{r['cpu_ratio_smsscan_over_rg']:.2f}x CPU"
        )
        if "ratio_semgrep_over_smsscan" in r:
            ratios += (
                f"; semgrep/smsscan = {r['ratio_semgrep_over_smsscan']:.2f}x wall, "
                f"{r['cpu_ratio_semgrep_over_smsscan']:.2f}x CPU"
            )
        lines.append(f"| {r['target']} | | | ratios: {ratios} | | | | | | | |")
    return "\n".join(lines) + "\n"


def default_targets() -> list[str]:
    paths = [sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"]]
    return [p for i, p in enumerate(paths) if os.path.isdir(p) and p not in paths[:i]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("dirs", nargs="*", help="directories (default: stdlib and site-packages)")
    ap.add_argument("--rounds", type=int, default=3, help="measured rounds per tool")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up rounds (not measured)")
    ap.add_argument("--semgrep-rounds", type=int, default=None, help="default: --rounds")
    ap.add_argument("--jobs", type=int, default=2, help="-j for every tool")
    ap.add_argument("--no-semgrep", action="store_true")
    ap.add_argument("--timeout", type=float, default=None, help="kill a run after this many s")
    ap.add_argument("--scaling", action="store_true", help="also time 1x/2x/4x copies")
    ap.add_argument("--scale-dir", default=None, help="where the copies go (same filesystem)")
    ap.add_argument("--json", dest="json_out", default=None, help="write the results here")
    args = ap.parse_args(argv)
    if args.semgrep_rounds is None:
        args.semgrep_rounds = args.rounds
    if not shutil.which("rg"):
        print("ripgrep (rg) is not installed: apt-get install ripgrep", file=sys.stderr)
        return 2
    semgrep = None if args.no_semgrep else find_semgrep()
    targets = [os.path.realpath(d) for d in args.dirs] or default_targets()
    with tempfile.TemporaryDirectory(prefix="smsscan-patterns-") as tmp:
        patterns = os.path.join(tmp, "patterns.txt")
        rules = os.path.join(tmp, "rules.yml")
        for path, fmt in ((patterns, "regex"), (rules, "semgrep")):
            text = subprocess.run(
                [sys.executable, "-m", "scanner.cli", "patterns", "--format", fmt],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            Path(path).write_text(text, encoding="utf-8")
        n_patterns = len(Path(patterns).read_text(encoding="utf-8").splitlines())
        print(f"{n_patterns} patterns; semgrep: {semgrep or 'not installed'}", file=sys.stderr)
        results = []
        for target in targets:
            print(f"== {target}", file=sys.stderr)
            results.append(bench_dir(target, args, patterns, rules, semgrep))
        report: dict[str, object] = {
            "cpus": os.cpu_count(),
            "jobs": args.jobs,
            "patterns": n_patterns,
            "results": results,
        }
        if args.scaling:
            report["scaling"] = {t: scaling(t, args, patterns) for t in targets}
    print(markdown(results))
    if args.scaling:
        for t, rows in report["scaling"].items():  # type: ignore[attr-defined]
            print(f"scaling {t}:")
            for row in rows:
                print(
                    f"  x{row['factor']}: smsscan {row['smsscan']:.2f} s ({row['smsscan_cpu']:.2f} s CPU), "
                    f"rg {row['rg']:.2f} s ({row['rg_cpu']:.2f} s CPU), "
                    f"smsscan tree RSS {row['smsscan_rss_tree_kb'] / 1024:.0f} MB"
                )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
