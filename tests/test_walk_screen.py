"""The ignore-file screen in scanner/walk.py must never change an answer.

`_Screened` answers "not ignored" without asking pathspec when no non-negated pattern
can match; these tests check that against pathspec itself on generated pattern sets
and paths, and against real directory walks.
"""

from __future__ import annotations

import pathspec
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.walk import _name_only, _Screened, walk

PATTERNS = [
    "*", "!*/", "!src/**", "src/gen/", "*.log", "build/", "/vendor/", "foo/bar", "!keep.log",
    "node_modules", "**/tmp", "a/**/b", "*.py[cod]", "doc/*.txt", "!/vendor/keep/", ".idea",
    "[Bb]in/", "x?y", "dist", "/a", "**/c/**", "*.min.js", "cache*/", "!important.log",
    "sub/dir/", "!src/", "src/**", "!build/keep.log", "# comment", "", "\\#x", "*.LOG",
    "!*.log", "!build/", "!**/keep", "!a/**", "!x.log", "keep/", "!dist", "tmp/",
]  # fmt: skip
NAMES = [
    "a", "b", "c", "src", "gen", "build", "vendor", "keep", "foo", "bar", "keep.log", "x.log",
    "node_modules", "tmp", "doc", "x.txt", "xzy", "Bin", "bin", ".idea", "dist", "cache1",
    "q.min.js", "important.log", "sub", "dir", "y.py", "y.pyc", "#x",
]  # fmt: skip

paths = st.builds(
    lambda parts, is_dir: "/".join(parts) + ("/" if is_dir else ""),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=4),
    st.booleans(),
)


def _reference(lines: list[str]) -> pathspec.PathSpec:
    if any(line.startswith("!") for line in lines):
        return pathspec.GitIgnoreSpec.from_lines(lines)
    return pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=8), st.lists(paths, max_size=12))
def test_screen_gives_pathspecs_answers(lines, sample):
    screened = _Screened(lines)
    simple = pathspec.GitIgnoreSpec.from_lines(lines, backend="simple")
    best = _reference(lines)
    for path in sample:
        assert screened.match_file(path) == bool(best.match_file(path)), (lines, path)
        # the screen is exact: it says whether some non-negated pattern matches
        positives = [x for x in lines if not x.startswith("!")]
        some = pathspec.GitIgnoreSpec.from_lines(positives, backend="simple")
        assert screened._positive(path) == bool(some.match_file(path)), (lines, path)
        if not screened._positive(path):  # then no backend may say "ignored"
            assert not simple.match_file(path), (lines, path)


def test_name_only_patterns_are_recognised():
    def regex(p: str) -> str:
        spec = pathspec.GitIgnoreSpec.from_lines([p], backend="simple")
        return spec.patterns[0].regex.pattern

    assert _name_only(regex("*.log")) is not None
    assert _name_only(regex("node_modules")) is not None
    assert _name_only(regex("build/")) is not None
    assert _name_only(regex("foo/bar")) is None  # has a slash: matched on the whole path
    assert _name_only(regex("/vendor/")) is None  # anchored at the ignore file's directory


def test_walk_honours_negations_and_nested_ignore_files(tmp_path):
    (tmp_path / ".gitignore").write_text("*.log\n!keep.log\nbuild/\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".gitignore").write_text("/only-here.py\n")
    for rel in ("a.log", "keep.log", "build/x.py", "sub/only-here.py", "sub/b.py", "only-here.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x\n")
    got = {e.relpath for e in walk([str(tmp_path)], str(tmp_path)).entries}
    assert got == {".gitignore", "keep.log", "only-here.py", "sub/.gitignore", "sub/b.py"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=8),
    st.lists(st.sampled_from(NAMES), max_size=3),
    st.lists(st.sampled_from([*NAMES, "a\nb"]), min_size=1, max_size=6),
)
def test_a_directorys_file_test_answers_as_match_file(lines, directory, names):
    # the walk sets one test up per directory and asks it each file's name
    screened = _Screened(lines)
    rel_dir = "/".join(directory)
    test = screened.files_in(rel_dir)
    for name in names:
        path = f"{rel_dir}/{name}" if rel_dir else name
        assert test(name) == screened.match_file(path), (lines, path)


_ALTERNATIVES = [
    "^a/b", "^(?:.+/)?x(?:(?:/)|$)", "^c|d", "^[|]e", "^f\\|g", "h", "^[^]|]i", "^(j|k)l",
    "^m(?:/.*)?$", "n$", "^[\\\\]|n", "^[\\]|]|l",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ALTERNATIVES), min_size=1, max_size=4),
    st.lists(st.text(alphabet="abcdefghijklmn/|]x", max_size=8), max_size=10),
)
def test_one_alternation_searches_as_its_patterns_do(regexes, sample):
    import re

    from scanner.walk import _anchored_alternation

    joined = _anchored_alternation(regexes)
    for path in sample:
        assert (joined.search(path) is not None) == any(re.search(x, path) for x in regexes)
