"""Walk the scan targets and list the regular files to read.

- Honours `.gitignore` files (at every level) and `.smsscanignore`, plus
  `--exclude` globs; ignored directories are pruned before descending.
- Skips VCS folders. Never follows a directory symlink (so it cannot loop or
  leave the root); a file symlink is read only through its real in-root path.
- FIFOs, sockets and devices are never opened; they are reported.
- Files named explicitly are always scanned (unless they are special files or
  symlinks leaving the root).
- Output order is deterministic: sorted relative POSIX paths.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pathspec

from scanner.model import Notification, NotificationLevel

VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", "CVS"})
IGNORE_FILES = (".gitignore", ".smsscanignore")


@dataclass(frozen=True)
class WalkEntry:
    abspath: str
    relpath: str  # POSIX, relative to the root
    size: int
    explicit: bool = False


@dataclass(frozen=True)
class WalkResult:
    entries: tuple[WalkEntry, ...]
    notifications: tuple[Notification, ...]
    ignored: int  # files left out by ignore rules (not problems)


def rel_posix(path: str, root: str) -> str:
    rel = os.path.relpath(path, root)
    return rel.replace(os.sep, "/")


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class _Ignores:
    """A stack of (directory, spec) pairs from ignore files plus global excludes."""

    def __init__(self, root: str, excludes: Sequence[str]) -> None:
        self.root = root
        self.specs: dict[str, Any] = {}
        self.excludes = pathspec.GitIgnoreSpec.from_lines(list(excludes)) if excludes else None

    def load(self, directory: str) -> None:
        lines: list[str] = []
        for name in IGNORE_FILES:
            p = os.path.join(directory, name)
            try:
                st = os.lstat(p)
                if stat.S_ISREG(st.st_mode) and st.st_size < 1_000_000:
                    with open(p, encoding="utf-8", errors="replace") as fh:
                        lines.extend(fh.read().splitlines())
            except OSError:
                continue
        if lines:
            self.specs[directory] = pathspec.GitIgnoreSpec.from_lines(lines)

    def ignored(self, abspath: str, is_dir: bool) -> bool:
        rel = rel_posix(abspath, self.root)
        suffix = "/" if is_dir else ""
        if self.excludes is not None and self.excludes.match_file(rel + suffix):
            return True
        d = os.path.dirname(abspath)
        while True:
            spec = self.specs.get(d)
            if spec is not None and spec.match_file(rel_posix(abspath, d) + suffix):
                return True
            if d == self.root or not _within(d, self.root):
                return False
            parent = os.path.dirname(d)
            if parent == d:
                return False
            d = parent


def walk(targets: Iterable[str], root: str, *, excludes: Sequence[str] = ()) -> WalkResult:
    root = os.path.realpath(root)
    found: dict[str, WalkEntry] = {}
    notes: list[Notification] = []
    ignores = _Ignores(root, excludes)
    ignored = 0

    def note(path: str, code: str, message: str, level: NotificationLevel) -> None:
        notes.append(Notification(path, code, message, level))

    def visit_file(abspath: str, st: os.stat_result, *, explicit: bool) -> None:
        rel = rel_posix(abspath, root)
        if not stat.S_ISREG(st.st_mode):
            note(
                rel,
                "skipped-special",
                "not a regular file (FIFO, socket or device); not opened",
                NotificationLevel.WARNING,
            )
            return
        found.setdefault(rel, WalkEntry(abspath, rel, st.st_size, explicit))

    def visit_link(abspath: str, *, explicit: bool) -> None:
        rel = rel_posix(abspath, root)
        real = os.path.realpath(abspath)
        if not _within(real, root):
            note(
                rel,
                "symlink-outside-root",
                "symbolic link points outside the scanned root; not followed",
                NotificationLevel.WARNING,
            )
            return
        try:
            st = os.stat(real)
        except OSError:
            note(
                rel,
                "symlink-broken",
                "broken or looping symbolic link; skipped",
                NotificationLevel.WARNING,
            )
            return
        if stat.S_ISDIR(st.st_mode):
            note(
                rel,
                "symlink-dir",
                "symbolic link to a directory inside the root; not followed (its target is scanned directly)",
                NotificationLevel.NOTE,
            )
        elif explicit:
            visit_file(real, st, explicit=True)
        else:
            note(
                rel,
                "symlink-file",
                f"symbolic link to {rel_posix(real, root)}; scanned at its real path",
                NotificationLevel.NOTE,
            )

    def walk_dir(top: str) -> None:
        nonlocal ignored
        stack = [top]
        while stack:
            d = stack.pop()
            ignores.load(d)
            try:
                with os.scandir(d) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                note(
                    rel_posix(d, root) or ".",
                    "unreadable-dir",
                    f"cannot list directory: {exc.strerror}",
                    NotificationLevel.ERROR,
                )
                continue
            subdirs = []
            for e in entries:
                try:
                    if e.is_symlink():
                        if not ignores.ignored(e.path, False):
                            visit_link(e.path, explicit=False)
                        continue
                    if e.is_dir(follow_symlinks=False):
                        if e.name in VCS_DIRS or ignores.ignored(e.path, True):
                            continue
                        subdirs.append(e.path)
                        continue
                    if ignores.ignored(e.path, False):
                        ignored += 1
                        continue
                    visit_file(e.path, e.stat(follow_symlinks=False), explicit=False)
                except OSError as exc:
                    note(
                        rel_posix(e.path, root),
                        "unreadable",
                        f"cannot stat: {exc.strerror}",
                        NotificationLevel.ERROR,
                    )
            stack.extend(reversed(subdirs))

    for target in targets:
        absolute = os.path.abspath(target)
        if not _within(
            os.path.realpath(os.path.dirname(absolute))
            if os.path.islink(absolute)
            else os.path.realpath(absolute),
            root,
        ) and not os.path.islink(absolute):
            note(
                target,
                "outside-root",
                "path is outside the scan root; skipped",
                NotificationLevel.ERROR,
            )
            continue
        try:
            st = os.lstat(absolute)
        except OSError as exc:
            note(target, "missing", f"cannot access: {exc.strerror}", NotificationLevel.ERROR)
            continue
        if stat.S_ISLNK(st.st_mode):
            visit_link(absolute, explicit=True)
        elif stat.S_ISDIR(st.st_mode):
            # load ignore files of the ancestors between the root and this directory
            real = os.path.realpath(absolute)
            chain = []
            d = os.path.dirname(real)
            while _within(d, root) and d != real:
                chain.append(d)
                if d == root:
                    break
                d = os.path.dirname(d)
            for anc in reversed(chain):
                ignores.load(anc)
            walk_dir(real)
        else:
            visit_file(os.path.realpath(absolute), st, explicit=True)

    entries = tuple(sorted(found.values(), key=lambda e: e.relpath))
    return WalkResult(entries, tuple(sorted(set(notes))), ignored)
