"""`--changed-since REF`: the files changed since a git ref.

The list is `git diff --name-only REF...HEAD` (what the branch changed since
it forked from REF) plus staged and unstaged changes against HEAD plus
untracked files that are not ignored. Deleted files are left out.

git runs with a safe environment: no pager, no prompts, no external diff
drivers or textconv filters, no fsmonitor hook, and no configuration from
the environment that could make it run a program; nothing from the scanned
repository is ever executed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence

_UNSAFE_ENV = (
    "GIT_EXTERNAL_DIFF",
    "GIT_PAGER",
    "PAGER",
    "GIT_ASKPASS",
    "SSH_ASKPASS",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_PROXY_COMMAND",
    "GIT_EDITOR",
    "GIT_SEQUENCE_EDITOR",
    "GIT_CONFIG_PARAMETERS",
    "GIT_CONFIG_COUNT",
    "GIT_TRACE",
)
# -c options that switch off every configuration hook that can run a program
_SAFE_CONFIG = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.pager=cat",
    "-c",
    "diff.external=",
    "-c",
    "core.untrackedCache=false",
)


class GitError(RuntimeError):
    """git is missing, the path is not in a repository, or the ref is unknown."""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _UNSAFE_ENV}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_OPTIONAL_LOCKS": "0",
            "GIT_PAGER": "cat",
            "LC_ALL": "C",
        }
    )
    return env


def git(cwd: str, *args: str) -> str:
    cmd = ["git", *_SAFE_CONFIG, *args]
    try:
        proc = subprocess.run(
            cmd,
            cwd=cwd,
            env=_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed or not on PATH") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} timed out") from exc
    if proc.returncode != 0:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])} failed: {err[-1] if err else proc.returncode}")
    return proc.stdout.decode("utf-8", "surrogateescape")


def _names(out: str) -> list[str]:
    return [p for p in out.split("\0") if p]


def changed_files(root: str, ref: str) -> list[str]:
    """Absolute paths of existing files under `root` changed since `ref`."""
    if not ref or ref.startswith("-"):
        raise GitError(f"--changed-since: {ref!r} is not a git ref")
    root = os.path.realpath(root)
    top = git(root, "rev-parse", "--show-toplevel").strip()
    git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    diff = ("diff", "--name-only", "-z", "--no-ext-diff", "--no-textconv", "--diff-filter=d")
    names: set[str] = set()
    names.update(_names(git(top, *diff, f"{ref}...HEAD", "--")))
    names.update(_names(git(top, *diff, "HEAD", "--")))  # staged + unstaged
    names.update(_names(git(top, *diff, "--cached", "--")))  # staged (also before the 1st commit)
    names.update(_names(git(top, "ls-files", "-z", "--others", "--exclude-standard")))
    return _within(top, root, sorted(names))


def _within(top: str, root: str, names: Sequence[str]) -> list[str]:
    out = []
    prefix = root.rstrip(os.sep) + os.sep
    for n in names:
        p = os.path.join(top, n)
        if (p == root or p.startswith(prefix)) and os.path.lexists(p) and not os.path.isdir(p):
            out.append(p)
    return out
