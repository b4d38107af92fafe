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
import re
import stat
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from scanner import lazy_re
from scanner.model import Notification, NotificationLevel
from scanner.regex_source import tokens

VCS_DIRS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", "CVS"})
IGNORE_FILES = (".gitignore", ".smsscanignore")


class WalkEntry(NamedTuple):
    """A file to scan (a named tuple: one per file, built in C and cheap to send to workers)."""

    abspath: str
    relpath: str  # POSIX, relative to the root
    size: int  # bytes; UNKNOWN_SIZE for a file found by listing a directory (see `walk`)
    explicit: bool = False


UNKNOWN_SIZE = -1  # not measured by the walk: the reader measures the open file (fstat)


class WalkResult(NamedTuple):
    """The files a walk found, its notifications, and how many files ignore rules left out."""

    entries: tuple[WalkEntry, ...]
    notifications: tuple[Notification, ...]
    ignored: int  # files left out by ignore rules (not problems)


def rel_posix(path: str, root: str) -> str:
    rel = os.path.relpath(path, root)
    return rel.replace(os.sep, "/")


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


Chain = tuple[tuple[str, Any], ...]  # (directory relative to the root, spec), outermost first


class _Ignores:
    """Ignore specs from ignore files plus the global excludes.

    Each directory's chain of applicable specs (its own and its ancestors') is
    built once when the directory is entered, so matching a file costs one
    `match_file` per spec in its chain and no path arithmetic or directory
    climbing; with no ignore files and no excludes it costs nothing.
    """

    def __init__(self, root: str, excludes: Sequence[str]) -> None:
        self.root = root
        self.excludes = gitignore_spec(excludes) if excludes else None

    @staticmethod
    def load(directory: str) -> Any:
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
        return gitignore_spec(lines) if lines else None

    def enter(self, directory: str, rel_dir: str, parent: Chain) -> Chain:
        """The chain for `directory` (at `rel_dir`), given its parent's chain."""
        spec = self.load(directory)
        return (*parent, (rel_dir, spec)) if spec is not None else parent

    def chain_to(self, directory: str) -> Chain:
        """The chain of a directory inside the root, loading every ancestor's ignore files."""
        rel = rel_posix(directory, self.root)
        parts = [] if rel == "." else rel.split("/")
        chain: Chain = ()
        for depth in range(len(parts) + 1):
            rel_dir = "/".join(parts[:depth])
            chain = self.enter(os.path.join(self.root, *parts[:depth]), rel_dir, chain)
        return chain

    def ignored(self, rel: str, is_dir: bool, chain: Chain) -> bool:
        if not chain and self.excludes is None:
            return False
        suffix = "/" if is_dir else ""
        if self.excludes is not None and self.excludes.match_file(rel + suffix):
            return True
        for base, spec in chain:
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + suffix):
                return True
        return False

    def files_in(self, rel_dir: str, chain: Chain) -> Callable[[str], bool] | None:
        """`ignored(rel_dir/name, False, chain)` as a function of the file's name, set up
        once per directory (the walk asks it for every file); None: no rule applies."""
        tests = [] if self.excludes is None else [self.excludes.files_in(rel_dir)]
        for base, spec in chain:
            tests.append(spec.files_in(rel_dir[len(base) + 1 :] if base else rel_dir))
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda name: any(test(name) for test in tests)


def gitignore_spec(lines: Sequence[str]) -> _Screened:
    """Gitignore-style patterns as one matcher (`match_file(path)`, directories end in `/`):
    ignore files, `--exclude`, config include / exclude and per-path overrides all use it."""
    return _Screened(list(lines))


_NAMED_GROUP = lazy_re.compile(r"\(\?P<\w+>")
_ANY_LEVEL = "^(?:.+/)?"  # how pathspec starts the regex of a pattern without a slash
_DIR_MARKS = ("(?:(?P<ps_d>/)|$)", "(?P<ps_d>/)")


def _name_only(regex: str) -> tuple[str, bool] | None:
    """The name part of a pattern that matches one path component at any level, and
    whether that component must be a directory (followed by `/`); else None.

    `*.log` becomes `^(?:.+/)?[^/]*\\.log(?:(?P<ps_d>/)|$)`: it matches a path iff some
    component matches `[^/]*\\.log` followed by `/` or the end; `build/` becomes
    `^(?:.+/)?build(?P<ps_d>/)`, which needs the `/`. Only names that cannot match a `/`
    qualify (no `.` wildcard, no `/` outside `[^/]`).
    """
    if not regex.startswith(_ANY_LEVEL):
        return None
    rest = regex[len(_ANY_LEVEL) :]
    for mark in _DIR_MARKS:
        if rest.endswith(mark):
            name = rest[: -len(mark)]
            dir_only = mark == _DIR_MARKS[1]
            break
    else:
        return None
    bare = name.replace("[^/]", "").replace("\\\\", "").replace("\\.", "")
    if "/" in bare or "." in bare or "(" in bare:
        return None
    return name, dir_only


def _pattern_class() -> Any:
    """pathspec's gitignore pattern class (its `pattern_to_regex` translates one line)."""
    try:
        from pathspec.patterns.gitignore.spec import GitIgnoreSpecPattern
    except ImportError:  # pathspec < 1.0
        from pathspec.patterns.gitwildmatch import GitWildMatchPattern

        return GitWildMatchPattern
    return GitIgnoreSpecPattern


def _plain(lines: list[str]) -> Any:
    """A pathspec using plain regular expressions (nothing compiled natively)."""
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")
    except TypeError:  # pathspec < 1.0 has only that backend
        return pathspec.GitIgnoreSpec.from_lines(lines)


class _Screened:
    """A gitignore spec (pathspec) behind a cheap, exact screen.

    The screen tells exactly whether some non-negated pattern matches a path. Patterns
    without a slash (`*.log`, `node_modules`, `build/`) are tested on the path's
    components, each name once per ignore file (cached); the others are one alternation
    matched on the whole path. A path no such pattern matches is not ignored, and a path
    one matches while no `!` pattern does is ignored, whatever the order and priorities
    (only including matches are left to rank): that answers almost every path. The rest
    get pathspec's answer, from a spec built on first need: with Hyperscan installed
    pathspec compiles a database per spec (~60 ms), which a tree with hundreds of ignore
    files must not pay for every one of them.
    """

    __slots__ = (
        "_compiled",
        "_specs",
        "any_names",
        "exact",
        "heads",
        "last_names",
        "lines",
        "negations",
        "paths",
        "patterns",
    )

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        # each pattern's regex source and sign, translated as pathspec does, compiled
        # only in the alternations below (not once per pattern)
        translate = _pattern_class().pattern_to_regex
        regexes = [translate(line) for line in lines]
        # (line, regex source, negated?) of each line holding a pattern, for pathspec's
        # answer; each pattern compiled on its own only when a path needs that answer
        self.patterns = [
            (line, text, include is False)
            for line, (text, include) in zip(lines, regexes, strict=True)
            if include is not None and text is not None
        ]
        self._specs: dict[tuple[int, ...], Any] | None = None
        self._compiled: list[re.Pattern[str] | None] = []
        names: list[str] = []  # match any component
        dir_names: list[str] = []  # match a component followed by `/`
        paths: list[str] = []
        negated: list[str] = []
        for text, include in regexes:
            if include is None or text is None:
                continue  # comments and blank lines
            if include is False:
                negated.append(_NAMED_GROUP.sub("(?:", text))
                continue
            name = _name_only(text)
            if name is None:
                paths.append(_NAMED_GROUP.sub("(?:", text))
            else:
                (dir_names if name[1] else names).append(name[0])
        self.paths: re.Pattern[str] | None = None
        self.negations: re.Pattern[str] | None = None
        # per ignore file: component name -> does a name pattern match it (as a directory
        # component, `any_names`; as the last component of a file path, `last_names`)
        self.any_names = _NameCache(names + dir_names)
        self.last_names = _NameCache(names)
        self.heads: dict[str, bool] = {}  # directory part of a path -> a name matches in it
        self.exact = True  # False: a pattern did not compile here; pathspec answers all
        try:
            if paths:
                self.paths = _anchored_alternation(paths)
            if negated:
                self.negations = _anchored_alternation(negated)
            self.any_names.compile()
            self.last_names.compile()
        except re.error:
            self.exact = False

    def _positive(self, path: str) -> bool:
        """Does a non-negated pattern match `path` (pathspec tests `regex.search`)?"""
        if self.paths is not None and self.paths.search(path) is not None:
            return True
        if self.any_names.regex is None:
            return False
        head, _, last = path.rpartition("/")  # last: "" for a directory path ("a/b/")
        # the components of `head` are each followed by "/"; a directory's files share it
        hit = self.heads.get(head)
        if hit is None:
            hit = self._head(head)
        return hit or self.last_names.matches(last)

    def _head(self, head: str) -> bool:
        """Does a name pattern match a component of directory path `head` (remembered,
        each directory built on its parent's answer)?"""
        hit = self.heads.get(head)
        if hit is None:
            parent, _, name = head.rpartition("/")
            hit = (bool(parent) and self._head(parent)) or self.any_names.matches(name)
            self.heads[head] = hit
        return hit

    def files_in(self, directory: str) -> Callable[[str], bool]:
        """`match_file` for the files of one directory (relative to the spec's base, ""
        for the base itself), as a function of the file's name: what all of them share
        (the directory's names) is looked at once."""
        prefix = directory + "/" if directory else ""
        if not self.exact or "\n" in prefix:
            return lambda name: self.match_file(prefix + name)
        paths, last_names = self.paths, self.last_names
        in_ignored_dir = self.any_names.regex is not None and self._head(directory)

        def ignored(name: str) -> bool:  # `match_file(prefix + name)`, from `_positive` on
            path = prefix + name
            if "\n" in name:
                return self.match_file(path)
            if not (
                in_ignored_dir
                or (paths is not None and paths.search(path) is not None)
                or last_names.matches(name)
            ):
                return False
            return self._unless_negated(path)

        return ignored

    def match_file(self, path: str) -> bool:
        # `.` in the patterns' regexes does not match "\n", so names after one in a path
        # cannot match at any level: pathspec answers for such a path
        if self.exact and "\n" not in path:
            return self._positive(path) and self._unless_negated(path)
        return self._exact_answer(path)

    def _unless_negated(self, path: str) -> bool:
        """The answer for a path a non-negated pattern matches: ignored, unless a `!`
        pattern matches it too (then pathspec ranks them)."""
        if self.negations is None or self.negations.search(path) is None:
            return True
        return self._exact_answer(path)

    def _exact_answer(self, path: str) -> bool:
        """pathspec's answer. Patterns that do not match `path` take no part in it, so the
        spec asked holds only the lines whose pattern matches (each set built once): with
        Hyperscan installed pathspec compiles a database per spec (~60 ms for a long
        ignore file), which a few patterns compile in a fraction of."""
        if self._specs is None:
            self._specs = {}
            self._compiled = [_compiled(text) for _, text, _ in self.patterns]
        # a line whose regex does not compile here is kept (more lines never change the
        # answer); so is every line for a path with "\n", where `.` may differ
        kept = tuple(
            i
            for i, regex in enumerate(self._compiled)
            if regex is None or "\n" in path or regex.search(path)
        )
        spec = self._specs.get(kept)
        if spec is None:
            import pathspec

            lines = [self.patterns[i][0] for i in kept]
            # without `!` patterns every backend answers alike; with them pathspec's best
            # backend is the reference (its plain-regex one ranks some matches differently)
            spec = self._specs[kept] = (
                pathspec.GitIgnoreSpec.from_lines(lines)
                if any(self.patterns[i][2] for i in kept)
                else _plain(lines)
            )
        return bool(spec.match_file(path))


def _anchored_alternation(regexes: list[str]) -> re.Pattern[str]:
    """One pattern whose `search` answers as `search` of any of `regexes` does. When each
    starts with `^` (pathspec anchors them all), the `^` is taken out of the alternation:
    `re` tries `(?:^a)|(?:^b)` at every position of the path, `^(?:a|b)` at its start
    only (a quarter of the walk's time went to those tries)."""
    if all(x.startswith("^") and _one_branch(x[1:]) for x in regexes):
        return re.compile("^(?:" + "|".join(f"(?:{x[1:]})" for x in regexes) + ")")
    return re.compile("|".join(f"(?:{x})" for x in regexes))


def _one_branch(regex: str) -> bool:
    """No `|` outside groups and character classes: `^` + `regex` is anchored as a whole
    (a source that cannot be read, a class left open, is not taken for one)."""
    try:
        return not any(tok == "|" and depth == 0 for tok, depth in tokens(regex))
    except IndexError:
        return False


def _compiled(regex: str) -> re.Pattern[str] | None:
    """A pattern's regex compiled here; None when it does not compile here."""
    try:
        return re.compile(regex)
    except re.error:
        return None


class _NameCache:
    """Which component names one alternation of name patterns matches, each name once."""

    __slots__ = ("names", "regex", "seen")

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.regex: re.Pattern[str] | None = None
        self.seen: dict[str, bool] = {}

    def compile(self) -> None:
        if self.names:
            self.regex = re.compile("|".join(f"(?:{n})" for n in self.names))

    def matches(self, part: str) -> bool:
        hit = self.seen.get(part)
        if hit is None:
            regex = self.regex
            hit = self.seen[part] = (
                bool(part) and regex is not None and regex.fullmatch(part) is not None
            )
        return hit


def walk(
    targets: Iterable[str],
    root: str,
    *,
    excludes: Sequence[str] = (),
    on_entry: Callable[[WalkEntry], None] | None = None,
) -> WalkResult:
    """The files to scan, sorted. `on_entry` sees each file as soon as it is found
    (in walk order), so the scan can start before the walk ends.

    Files found by listing a directory are not measured (`UNKNOWN_SIZE`): a stat call
    per file was a fifth of the walk, and the reader takes the size of the open file
    anyway. Files named as targets, and entries the listing does not call regular
    files, are looked at with a stat call."""
    root = os.path.realpath(root)
    found: dict[str, WalkEntry] = {}

    def add(entry: WalkEntry) -> None:
        if entry.relpath not in found:
            found[entry.relpath] = entry
            if on_entry is not None:
                on_entry(entry)

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
        add(WalkEntry(abspath, rel, st.st_size, explicit))

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
        top_rel = rel_posix(top, root)
        top_rel = "" if top_rel == "." else top_rel
        parent_chain = ignores.chain_to(os.path.dirname(top)) if top != root else ()
        stack: list[tuple[str, str, Chain]] = [(top, top_rel, parent_chain)]
        while stack:
            d, rel_d, chain = stack.pop()
            prefix = rel_d + "/" if rel_d else ""
            try:
                with os.scandir(d) as it:
                    entries = list(it)  # unsorted: the result is sorted once at the end
            except OSError as exc:
                note(
                    rel_d or ".",
                    "unreadable-dir",
                    f"cannot list directory: {exc.strerror}",
                    NotificationLevel.ERROR,
                )
                continue
            if any(e.name in IGNORE_FILES for e in entries):
                chain = ignores.enter(d, rel_d, chain)
            file_ignored = ignores.files_in(rel_d, chain)
            subdirs = []
            for e in entries:
                rel = prefix + e.name
                try:
                    if e.is_symlink():
                        if not ignores.ignored(rel, False, chain):
                            visit_link(e.path, explicit=False)
                        continue
                    if e.is_dir(follow_symlinks=False):
                        if e.name in VCS_DIRS or ignores.ignored(rel, True, chain):
                            continue
                        subdirs.append((e.path, rel, chain))
                        continue
                    if file_ignored is not None and file_ignored(e.name):
                        ignored += 1
                        continue
                    # a regular file by the listing's file type (no stat call: the reader
                    # measures and checks the open file); anything else is looked at here
                    if e.is_file(follow_symlinks=False):
                        add(WalkEntry(e.path, rel, UNKNOWN_SIZE, False))
                    else:
                        visit_file(e.path, e.stat(follow_symlinks=False), explicit=False)
                except OSError as exc:
                    note(rel, "unreadable", f"cannot stat: {exc.strerror}", NotificationLevel.ERROR)
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
            walk_dir(os.path.realpath(absolute))  # ancestors' ignore files apply too
        else:
            visit_file(os.path.realpath(absolute), st, explicit=True)

    entries = tuple(sorted(found.values(), key=lambda e: e.relpath))
    return WalkResult(entries, tuple(sorted(set(notes))), ignored)
