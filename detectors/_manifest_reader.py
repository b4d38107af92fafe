"""Small, tolerant readers for dependency manifests and lockfiles.

`manifest_format(path)` names the format from the file name;
`read_dependencies(path, text)` returns every declared dependency with the
exact position of its name. Readers are line / regex based, skip comments,
and never raise: a broken manifest yields what could be read (or nothing).
"""

from __future__ import annotations

import ast
import fnmatch
import io
import re
import tokenize
import warnings
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import NamedTuple

from detectors._sms_packages import CARGO, COMPOSER, GEM, GO, MAVEN, NPM, NUGET, PYPI
from scanner import lazy_re


class Dep(NamedTuple):
    ecosystem: str
    name: str  # the coordinate as written ("org.jsmpp:jsmpp", "smpplib", "@scope/x")
    line: int  # 1-based
    col: int  # 1-based start column of the name
    end_col: int  # exclusive
    scope: str = ""  # "" | dev | test | optional | lock | indirect


# --- formats by file name -----------------------------------------------------------

_EXACT = {
    "pyproject.toml": "pyproject",
    "pipfile": "pipfile",
    "pipfile.lock": "pipfile-lock",
    "poetry.lock": "toml-lock",
    "pdm.lock": "toml-lock",
    "uv.lock": "toml-lock",
    "setup.py": "setup-py",
    "setup.cfg": "setup-cfg",
    "cargo.toml": "cargo",
    "cargo.lock": "toml-lock",
    "package.json": "package-json",
    "package-lock.json": "npm-lock",
    "npm-shrinkwrap.json": "npm-lock",
    "yarn.lock": "yarn-lock",
    "pnpm-lock.yaml": "pnpm-lock",
    "pom.xml": "pom",
    "build.gradle": "gradle",
    "build.gradle.kts": "gradle",
    "go.mod": "go-mod",
    "go.sum": "go-sum",
    "composer.json": "composer-json",
    "composer.lock": "composer-lock",
    "packages.config": "nuget",
    "directory.packages.props": "nuget",
    "gemfile": "gemfile",
    "gemfile.lock": "gemfile-lock",
    "environment.yml": "conda",
    "environment.yaml": "conda",
}
_PATTERNS = (
    ("*requirements*.txt", "requirements"),
    ("*requirements*.in", "requirements"),
    ("constraints*.txt", "requirements"),
    ("*.versions.toml", "version-catalog"),
    ("*.gradle", "gradle"),
    ("*.gradle.kts", "gradle"),
    ("*.csproj", "nuget"),
    ("*.vbproj", "nuget"),
    ("*.fsproj", "nuget"),
    ("*.gemspec", "gemfile"),
    ("*.jar", "jar"),
    ("*.war", "jar"),
    ("*.aar", "jar"),
)


# the name patterns as one expression; the group that matched names the format (the first
# pattern in order, as a loop over fnmatchcase would find)
_PATTERN_NAMES = lazy_re.compile(
    "|".join(f"(?P<p{i}>{fnmatch.translate(pattern)})" for i, (pattern, _) in enumerate(_PATTERNS))
)


# every file name `manifest_format` knows, as the dependency detector's `names`: the
# prefilter passes over other files without importing the detector
MANIFEST_NAMES = (*_EXACT, *(pattern for pattern, _ in _PATTERNS), "requirements/*.txt")


def manifest_format(path: str) -> str | None:
    parts = path.lower().split("/")
    name = parts[-1]
    if name in _EXACT:
        return _EXACT[name]
    m = _PATTERN_NAMES.match(name)
    if m is not None and m.lastgroup is not None:
        return _PATTERNS[int(m.lastgroup[1:])][1]
    if name.endswith(".txt") and len(parts) > 1 and parts[-2] == "requirements":
        return "requirements"  # requirements/base.txt, requirements/dev.txt
    return None


def read_dependencies(path: str, text: str) -> list[Dep]:
    fmt = manifest_format(path)
    reader = _READERS.get(fmt or "")
    if reader is None:
        return []
    try:
        deps = list(reader(text))
    except Exception:  # a reader bug or a pathological file must not lose the scan
        return []
    if fmt == "requirements" and re.search(
        r"(?:^|[-_./])(dev|test|tests|testing|lint|docs)\b", path.lower()
    ):
        deps = [Dep(d.ecosystem, d.name, d.line, d.col, d.end_col, d.scope or "dev") for d in deps]
    return deps


# --- helpers -------------------------------------------------------------------------

_PEP508_NAME = lazy_re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_PEP508_FOLLOW = frozenset(" \t[<>=!~;@(,")


def _pep508(text: str, line: int, col0: int, scope: str) -> Dep | None:
    """Name of a PEP 508 requirement string starting at 0-based column col0."""
    lead = len(text) - len(text.lstrip())
    m = _PEP508_NAME.match(text, lead)
    if m is None:
        return None
    rest = text[m.end() :]
    if rest and rest[0] not in _PEP508_FOLLOW:
        return None
    return Dep(PYPI, m.group(0), line, col0 + m.start() + 1, col0 + m.end() + 1, scope)


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def _blank(m: re.Match[str]) -> str:
    """Replace a match by spaces, keeping newlines (positions stay valid)."""
    return re.sub(r"[^\n]", " ", m.group(0))


def _strip_hash_comment(line: str) -> str:
    """Drop a `#` comment that is outside quotes (TOML, Ruby, INI, requirements)."""
    first = line.find("#")
    if first < 0:
        return line
    if "'" not in line[:first] and '"' not in line[:first]:
        return line[:first]  # no quote opened before it
    return _cut_at_unquoted_hash(line)


def _cut_at_unquoted_hash(line: str) -> str:
    """The line up to its first `#` outside quotes (a backslash escapes inside quotes)."""
    quote = ""
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == "#":
            return line[:i]
        i += 1
    return line


_C_COMMENT = lazy_re.compile(
    r"\"\"\"[\s\S]*?\"\"\"|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|(//[^\n]*|/\*[\s\S]*?\*/)"
)


def _strip_c_comments(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        return _blank(m) if m.group(1) else m.group(0)

    return _C_COMMENT.sub(sub, text)


# --- Python ----------------------------------------------------------------------------

_EGG = lazy_re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")


def _requirements(text: str) -> Iterator[Dep]:
    continued = False
    for n, raw in enumerate(text.splitlines(), 1):
        was_continued = continued
        continued = raw.rstrip().endswith("\\")
        if was_continued:
            continue  # `--hash=...` continuation lines
        m = re.search(r"(?:^|\s)#", raw)
        line = raw[: m.start()] if m else raw
        s = line.strip()
        if not s:
            continue
        if s.startswith("-") or re.match(r"[A-Za-z+]+://|(?:git|hg|svn|bzr)\+", s):
            egg = _EGG.search(line)
            if egg and (s.startswith(("-e", "--editable")) or not s.startswith("-")):
                yield Dep(PYPI, egg.group(1), n, egg.start(1) + 1, egg.end(1) + 1)
            continue  # -r / -c / --index-url / other options
        dep = _pep508(line, n, 0, "")
        if dep is not None:
            yield dep


_TOML_HEADER = lazy_re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$")
_TOML_KEY = lazy_re.compile(r"^\s*(?:\"([^\"]+)\"|'([^']+)'|([A-Za-z0-9_.\-]+))\s*=\s*(.*)$")
_TOML_STR = lazy_re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'([^']*)'")


def _toml_strings(line: str) -> Iterator[tuple[str, int]]:
    for m in _TOML_STR.finditer(line):
        g = 1 if m.group(1) is not None else 2
        yield m.group(g), m.start(g)


def _section_scope(section: str) -> tuple[str, str] | None:
    """TOML table -> (mode, scope): mode "keys" = keys are package names."""
    s = section.replace('"', "").replace("'", "")
    if s in ("tool.poetry.dependencies", "packages", "dependencies", "workspace.dependencies"):
        return "keys", ""
    if s in ("tool.poetry.dev-dependencies", "dev-packages", "dev-dependencies"):
        return "keys", "dev"
    if s == "build-dependencies":
        return "keys", "dev"
    m = re.fullmatch(r"tool\.poetry\.group\.([^.]+)\.dependencies", s)
    if m:
        return "keys", "" if m.group(1) == "main" else "dev"
    m = re.fullmatch(r"target\..+\.(dev-|build-)?dependencies", s)
    if m:
        return "keys", "dev" if m.group(1) else ""
    if s in ("project.optional-dependencies", "tool.pdm.dev-dependencies", "dependency-groups"):
        return "arrays", "optional" if s.startswith("project") else "dev"
    return None


_DEV_GROUPS = frozenset(
    {"dev", "develop", "development", "test", "tests", "testing", "lint", "docs", "doc", "typing"}
)


def _toml_manifest(text: str, ecosystem: str) -> Iterator[Dep]:
    """pyproject.toml, Pipfile, Cargo.toml."""
    section = ""
    array_scope: str | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_hash_comment(raw)
        if array_scope is not None:
            for value, col in _toml_strings(line):
                dep = _pep508(value, n, col, array_scope)
                if dep is not None:
                    yield dep
            if "]" in _TOML_STR.sub("", line):
                array_scope = None
            continue
        h = _TOML_HEADER.match(line)
        if h:
            section = h.group(1)
            sub = re.fullmatch(
                r"((?:target\..+\.)?(?:dev-|build-)?dependencies)\.([A-Za-z0-9_\-]+)", section
            )
            if sub and ecosystem == CARGO:  # [dependencies.rusmpp]
                name = sub.group(2)
                col = raw.find(name)
                yield Dep(
                    CARGO, name, n, col + 1, col + len(name) + 1, "dev" if "-dep" in section else ""
                )
            continue
        kv = _TOML_KEY.match(line)
        if not kv:
            continue
        key = kv.group(1) or kv.group(2) or kv.group(3)
        value = kv.group(4)
        mode = _section_scope(section)
        if ecosystem == PYPI and section == "project" and key == "dependencies":
            mode = ("arrays", "")
        if mode is None:
            continue
        kind, scope = mode
        if kind == "arrays" and section in ("project.optional-dependencies", "dependency-groups"):
            scope = "dev" if key.lower() in _DEV_GROUPS else "optional"
        if kind == "keys":
            if ecosystem == CARGO:
                key = key.split(".", 1)[0]  # rusmpp.workspace = true
            col = raw.find(key)
            yield Dep(ecosystem, key, n, col + 1, col + len(key) + 1, scope)
            continue
        if kind == "arrays" and value.lstrip().startswith("["):
            off = len(line) - len(value)
            for s, col in _toml_strings(value):
                dep = _pep508(s, n, off + col, scope)
                if dep is not None:
                    yield dep
            if "]" not in _TOML_STR.sub("", value):
                array_scope = scope


def _pyproject(text: str) -> Iterator[Dep]:
    return _toml_manifest(text, PYPI)


def _cargo(text: str) -> Iterator[Dep]:
    return _toml_manifest(text, CARGO)


def _toml_lock(text: str) -> Iterator[Dep]:
    """poetry.lock / pdm.lock / uv.lock / Cargo.lock: `[[package]]` + `name = "x"`."""
    in_package = False
    cargo = "\nchecksum = " in text or "# This file is automatically @generated by Cargo" in text
    for n, raw in enumerate(text.splitlines(), 1):
        h = _TOML_HEADER.match(raw)
        if h:
            in_package = raw.strip() == "[[package]]"
            continue
        if in_package:
            m = re.match(r'^name\s*=\s*"([^"]+)"', raw)
            if m:
                yield Dep(
                    CARGO if cargo else PYPI, m.group(1), n, m.start(1) + 1, m.end(1) + 1, "lock"
                )
                in_package = False


_SETUP_KEYS = {
    "install_requires": "",
    "requires": "",
    "requirements": "",
    "install_reqs": "",
    "dependencies": "",
    "extras_require": "optional",
    "tests_require": "test",
}


def _py_tokens(text: str) -> list[tokenize.TokenInfo]:
    """Significant tokens; on a tokenizer error, the tokens read so far."""
    skip = (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
    out: list[tokenize.TokenInfo] = []
    try:
        for t in tokenize.generate_tokens(io.StringIO(text).readline):
            if t.type not in skip:
                out.append(t)
    except (tokenize.TokenError, SyntaxError):
        pass
    return out


def _literal(source: str) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.literal_eval(source)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None


def _setup_py(text: str) -> Iterator[Dep]:
    toks = _py_tokens(text)
    i = 0
    while i < len(toks) - 2:
        t = toks[i]
        name = t.string.lower() if t.type == tokenize.NAME else ""
        if t.type == tokenize.STRING:
            lit = _literal(t.string)
            name = lit.lower() if isinstance(lit, str) else ""
        if (
            name in _SETUP_KEYS
            and toks[i + 1].string in ("=", ":")
            and toks[i + 2].string in ("[", "(", "{")
        ):
            scope = _SETUP_KEYS[name]
            depth = 0
            j = i + 2
            while j < len(toks):
                s = toks[j].string
                if toks[j].type == tokenize.OP and s in ("[", "(", "{"):
                    depth += 1
                elif toks[j].type == tokenize.OP and s in ("]", ")", "}"):
                    depth -= 1
                    if depth == 0:
                        break
                elif toks[j].type == tokenize.STRING:
                    is_key = j + 1 < len(toks) and toks[j + 1].string == ":"
                    dep = None if is_key else _setup_string(toks[j], scope)
                    if dep is not None:
                        yield dep
                j += 1
            i = j
        i += 1


def _setup_string(tok: tokenize.TokenInfo, scope: str) -> Dep | None:
    value = _literal(tok.string)
    if not isinstance(value, str) or "\n" in value:
        return None
    q = re.match(r"[rRbBuUfF]*(\"\"\"|'''|\"|')", tok.string)
    col0 = tok.start[1] + (q.end() if q else 1)
    return _pep508(value, tok.start[0], col0, scope)


def _setup_cfg(text: str) -> Iterator[Dep]:
    section = ""
    scope: str | None = None
    for n, raw in enumerate(text.splitlines(), 1):
        if re.match(r"\s*[#;]", raw):
            continue
        line = re.sub(r"\s[#;].*$", "", raw)
        h = re.match(r"^\[([^\]]+)\]", line)
        if h:
            section, scope = h.group(1).strip(), None
            continue
        if line[:1] in (" ", "\t"):
            if scope is not None and line.strip():
                dep = _pep508(line, n, 0, scope)
                if dep is not None:
                    yield dep
            continue
        kv = re.match(r"^([\w.\-]+)\s*[=:]\s*(.*)$", line)
        scope = None
        if not kv:
            continue
        if section == "options" and kv.group(1) in ("install_requires", "tests_require"):
            scope = "" if kv.group(1) == "install_requires" else "test"
        elif section == "options.extras_require":
            scope = "optional"
        if scope is not None and kv.group(2).strip():
            dep = _pep508(kv.group(2), n, kv.start(2), scope)
            if dep is not None:
                yield dep


# --- JSON (package.json, lockfiles, composer, Pipfile.lock) -------------------------------

_JSON_TOKEN = lazy_re.compile(
    r'\s*(?:"([^"\\\n]*(?:\\.[^"\\\n]*)*)"|([{}\[\]:,])|(/\*[\s\S]*?\*/|//[^\n]*)'
    r'|([^\s{}\[\]:,"/]+|/))'
)


class _JsonItem(NamedTuple):
    path: tuple[str, ...]  # container keys; "[]" for array elements
    is_key: bool
    value: str
    offset: int  # of the string contents


def _json_items(text: str) -> Iterator[_JsonItem]:
    """Every key and string value with its container path: ("$", key, "[]", ...)."""
    stack: list[list[str]] = []  # [kind, current key]
    expect_key = False
    for m in _JSON_TOKEN.finditer(text):
        if m.group(3) is not None:
            continue
        punct = m.group(2)
        if punct:
            if punct in "{[":
                stack.append([punct, ""])
                expect_key = punct == "{"
            elif punct in "}]":
                if stack:
                    stack.pop()
                expect_key = False
            elif punct == ",":
                expect_key = bool(stack) and stack[-1][0] == "{"
            continue
        if m.group(1) is None:
            continue  # numbers, true, false, null
        keys = tuple(e[1] if e[0] == "{" else "[]" for e in stack)
        if expect_key and stack:
            stack[-1][1] = m.group(1)
            expect_key = False
            yield _JsonItem(("$", *keys[:-1]), True, m.group(1), m.start(1))
        else:
            yield _JsonItem(("$", *keys), False, m.group(1), m.start(1))


def _json_deps(
    text: str, pick: Callable[[_JsonItem], tuple[str, str, str] | None]
) -> Iterator[Dep]:
    lines = _Lines(text)
    for item in _json_items(text):
        got = pick(item)
        if got is None:
            continue
        ecosystem, name, scope = got
        start = item.offset + item.value.find(name) if name in item.value else item.offset
        line, col = lines.pos(start)
        yield Dep(ecosystem, name, line, col, col + len(name), scope)


_NPM_SECTIONS = {
    "dependencies": "",
    "devDependencies": "dev",
    "optionalDependencies": "optional",
    "peerDependencies": "optional",
}


def _package_json(text: str) -> Iterator[Dep]:
    def pick(it: _JsonItem) -> tuple[str, str, str] | None:
        if it.is_key and len(it.path) == 2 and it.path[1] in _NPM_SECTIONS:
            return NPM, it.value, _NPM_SECTIONS[it.path[1]]
        return None

    return _json_deps(text, pick)


_NPM_LOCK_ENTRY = lazy_re.compile(
    r'^[ \t]*"((?:[^"\n]*/)?node_modules/((?:@[^"/\n]+/)?[^"/\n]+))"\s*:', re.M
)


def _npm_lock(text: str) -> Iterator[Dep]:
    has_packages = re.search(r'"packages"\s*:\s*\{', text) is not None
    if has_packages and "\n" in text.strip():
        # lockfile v2 / v3, pretty-printed as npm writes it: one entry per line (fast path)
        lines = _Lines(text)
        for m in _NPM_LOCK_ENTRY.finditer(text):
            line, col = lines.pos(m.start(2))
            yield Dep(NPM, m.group(2), line, col, col + len(m.group(2)), "lock")
        return

    def pick(it: _JsonItem) -> tuple[str, str, str] | None:
        if not it.is_key:
            return None
        if has_packages:
            if len(it.path) == 2 and it.path[1] == "packages" and "node_modules/" in it.value:
                return NPM, it.value.rsplit("node_modules/", 1)[1], "lock"
            return None
        if len(it.path) >= 2 and it.path[1] == "dependencies" and it.path[-1] == "dependencies":
            return NPM, it.value, "lock"
        return None

    yield from _json_deps(text, pick)


def _composer_json(text: str) -> Iterator[Dep]:
    def pick(it: _JsonItem) -> tuple[str, str, str] | None:
        if it.is_key and len(it.path) == 2 and it.path[1] in ("require", "require-dev"):
            return COMPOSER, it.value, "dev" if it.path[1] == "require-dev" else ""
        return None

    return _json_deps(text, pick)


def _composer_lock(text: str) -> Iterator[Dep]:
    def pick(it: _JsonItem) -> tuple[str, str, str] | None:
        if (
            not it.is_key
            and len(it.path) == 4
            and it.path[1] in ("packages", "packages-dev")
            and it.path[2:] == ("[]", "name")
        ):
            return COMPOSER, it.value, "lock"
        return None

    return _json_deps(text, pick)


def _pipfile_lock(text: str) -> Iterator[Dep]:
    def pick(it: _JsonItem) -> tuple[str, str, str] | None:
        if it.is_key and len(it.path) == 2 and it.path[1] in ("default", "develop"):
            return PYPI, it.value, "lock"
        return None

    return _json_deps(text, pick)


# --- JavaScript lockfiles ---------------------------------------------------------------


def _npm_name(spec: str) -> str:
    spec = spec.strip().strip("\"'")
    at = spec.find("@", 1)
    return spec[:at] if at > 0 else spec


def _yarn_lock(text: str) -> Iterator[Dep]:
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw or raw[0] in " \t#" or not raw.rstrip().endswith(":"):
            continue
        head = raw.rstrip()[:-1]
        seen: set[str] = set()
        pos = 0
        for spec in head.split(","):
            name = _npm_name(spec)
            start = raw.find(name, pos)
            pos = start + len(name) if start >= 0 else pos
            if name and name not in seen and start >= 0 and name != "__metadata":
                seen.add(name)
                yield Dep(NPM, name, n, start + 1, start + len(name) + 1, "lock")


def _pnpm_lock(text: str) -> Iterator[Dep]:
    section = ""
    for n, raw in enumerate(text.splitlines(), 1):
        if raw and raw[0] not in " \t#":
            section = raw.split(":", 1)[0].strip()
            continue
        if section != "packages":
            continue
        m = re.match(r"^  (['\"]?)(/?)([^\s'\"]+?)\1:\s*$", _strip_hash_comment(raw))
        if not m:
            continue
        key = m.group(3)
        if "@" in key[1:]:
            name = key[: key.index("@", 1)]
        elif m.group(2) and "/" in key:
            name = key.rsplit("/", 1)[0]  # pnpm v5: /name/1.0.0, /@scope/name/1.0.0
        else:
            name = key
        yield Dep(NPM, name, n, m.start(3) + 1, m.start(3) + len(name) + 1, "lock")


# --- JVM --------------------------------------------------------------------------------

_XML_COMMENT = lazy_re.compile(r"<!--[\s\S]*?-->")
_POM_DEP = lazy_re.compile(r"<dependency>([\s\S]*?)</dependency>")
_POM_EXCL = lazy_re.compile(r"<exclusions>[\s\S]*?</exclusions>")


def _xml_tag(block: str, tag: str) -> re.Match[str] | None:
    return re.search(rf"<{tag}>\s*([^<\s]+)\s*</{tag}>", block)


def _pom(text: str) -> Iterator[Dep]:
    clean = _XML_COMMENT.sub(_blank, text)
    lines = _Lines(clean)
    for m in _POM_DEP.finditer(clean):
        block = _POM_EXCL.sub(_blank, m.group(1))
        g, a = _xml_tag(block, "groupId"), _xml_tag(block, "artifactId")
        if g is None or a is None:
            continue
        sc = _xml_tag(block, "scope")
        scope = "test" if sc and sc.group(1) == "test" else ""
        line, col = lines.pos(m.start(1) + a.start(1))
        name = f"{g.group(1)}:{a.group(1)}"
        yield Dep(MAVEN, name, line, col, col + len(a.group(1)), scope)


_GRADLE_COORD = lazy_re.compile(r"([\"'])([A-Za-z0-9_.\-]+):([A-Za-z0-9_.\-]+)(?::[^\"'\s]*)?\1")
_GRADLE_MAP = lazy_re.compile(
    r"\bgroup\s*[:=]\s*([\"'])([A-Za-z0-9_.\-]+)\1\s*,\s*(?:module|name)\s*[:=]\s*([\"'])([A-Za-z0-9_.\-]+)\3"
)


def _gradle_scope(clean: str, start: int) -> str:
    line_start = clean.rfind("\n", 0, start) + 1
    m = re.match(r"\s*([A-Za-z]+)", clean[line_start:start])
    conf = m.group(1) if m else ""
    return "test" if conf.startswith(("test", "androidTest")) else ""


def _gradle_excluded(clean: str, start: int) -> bool:
    """`exclude group: 'g', module: 'a'` / `exclude(group = "g", module = "a")` is no dependency."""
    line_start = clean.rfind("\n", 0, start) + 1
    return re.search(r"\bexclude\b", clean[line_start:start]) is not None


def _gradle(text: str) -> Iterator[Dep]:
    clean = _strip_c_comments(text)
    lines = _Lines(clean)
    for m in _GRADLE_COORD.finditer(clean):
        if _gradle_excluded(clean, m.start()):
            continue
        line, col = lines.pos(m.start(2))
        yield Dep(
            MAVEN,
            f"{m.group(2)}:{m.group(3)}",
            line,
            col,
            col + m.end(3) - m.start(2),
            _gradle_scope(clean, m.start()),
        )
    for m in _GRADLE_MAP.finditer(clean):
        if _gradle_excluded(clean, m.start()):
            continue
        line, col = lines.pos(m.start(2))
        a_line, a_col = lines.pos(m.start(4))
        col_end = a_col + len(m.group(4)) if a_line == line else col + len(m.group(2))
        yield Dep(
            MAVEN, f"{m.group(2)}:{m.group(4)}", line, col, col_end, _gradle_scope(clean, m.start())
        )


def _version_catalog(text: str) -> Iterator[Dep]:
    section = ""
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_hash_comment(raw)
        h = _TOML_HEADER.match(line)
        if h:
            section = h.group(1)
            continue
        if section != "libraries":
            continue
        m = re.search(r"\bmodule\s*=\s*\"([A-Za-z0-9_.\-]+:[A-Za-z0-9_.\-]+)\"", line)
        if m is None:
            m = re.match(
                r"^\s*[A-Za-z0-9_.\-]+\s*=\s*\"([A-Za-z0-9_.\-]+:[A-Za-z0-9_.\-]+)(?::[^\"]*)?\"",
                line,
            )
        if m is not None:
            yield Dep(MAVEN, m.group(1), n, m.start(1) + 1, m.end(1) + 1)
            continue
        g = re.search(r"\bgroup\s*=\s*\"([A-Za-z0-9_.\-]+)\"", line)
        a = re.search(r"\bname\s*=\s*\"([A-Za-z0-9_.\-]+)\"", line)
        if g and a:
            yield Dep(MAVEN, f"{g.group(1)}:{a.group(1)}", n, g.start(1) + 1, g.end(1) + 1)


# --- Go ---------------------------------------------------------------------------------


def _go_mod(text: str) -> Iterator[Dep]:
    block = ""
    for n, raw in enumerate(text.splitlines(), 1):
        code = raw.split("//", 1)[0]
        indirect = re.search(r"//\s*indirect\b", raw) is not None
        scope = "indirect" if indirect else ""
        st = code.strip()
        if block:
            if st.startswith(")"):
                block = ""
                continue
            m = re.match(r"^\s*\"?([^\s\"]+)\"?\s+v\S+", code)
            if block == "require" and m:
                yield Dep(GO, m.group(1), n, m.start(1) + 1, m.end(1) + 1, scope)
            continue
        b = re.match(r"^(require|replace|exclude|retract|tool|godebug)\s*\(\s*$", st)
        if b:
            block = b.group(1)
            continue
        m = re.match(r"^\s*require\s+\"?([^\s\"]+)\"?\s+v\S+", code)
        if m:
            yield Dep(GO, m.group(1), n, m.start(1) + 1, m.end(1) + 1, scope)


def _go_sum(text: str) -> Iterator[Dep]:
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), 1):
        m = re.match(r"^(\S+)\s+v\S+\s+h1:", raw)
        if not m or "/go.mod " in raw or m.group(1) in seen:
            continue
        seen.add(m.group(1))
        yield Dep(GO, m.group(1), n, 1, m.end(1) + 1, "lock")


# --- .NET, Ruby -------------------------------------------------------------------------

_NUGET_REF = lazy_re.compile(
    r"<\s*(?:PackageReference|PackageVersion|GlobalPackageReference|package)\b[^>]*?\b(?:Include|Update|id)\s*=\s*[\"']([^\"']+)[\"']",
    re.IGNORECASE,
)


def _nuget(text: str) -> Iterator[Dep]:
    clean = _XML_COMMENT.sub(_blank, text)
    lines = _Lines(clean)
    for m in _NUGET_REF.finditer(clean):
        line, col = lines.pos(m.start(1))
        yield Dep(NUGET, m.group(1), line, col, col + len(m.group(1)))


_GEM = lazy_re.compile(r"^\s*gem\s*\(?\s*([\"'])([A-Za-z0-9_.\-]+)\1")
_GEMSPEC = lazy_re.compile(
    r"\.add_(runtime_|development_)?dependency\s*\(?\s*([\"'])([A-Za-z0-9_.\-]+)\2"
)


def _gemfile(text: str) -> Iterator[Dep]:
    group_indent: int | None = None
    group_scope = ""
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_hash_comment(raw)
        indent = len(line) - len(line.lstrip())
        g = re.match(r"^\s*group\b(.*)\bdo\b", line)
        if g:
            group_indent = indent
            group_scope = "dev" if re.search(r":(test|development)\b", g.group(1)) else ""
            continue
        if group_indent is not None and re.match(r"^\s*end\b", line) and indent == group_indent:
            group_indent, group_scope = None, ""
            continue
        m = _GEM.match(line)
        if m:
            scope = group_scope
            if re.search(r"\bgroups?:\s*\[?\s*:(test|development)\b", line):
                scope = "dev"
            yield Dep(GEM, m.group(2), n, m.start(2) + 1, m.end(2) + 1, scope)
            continue
        s = _GEMSPEC.search(line)
        if s:
            yield Dep(
                GEM,
                s.group(3),
                n,
                s.start(3) + 1,
                s.end(3) + 1,
                "dev" if s.group(1) == "development_" else "",
            )


def _gemfile_lock(text: str) -> Iterator[Dep]:
    for n, raw in enumerate(text.splitlines(), 1):
        m = re.match(r"^    ([A-Za-z0-9_.\-]+) \(", raw)
        if m:
            yield Dep(GEM, m.group(1), n, 5, m.end(1) + 1, "lock")


def _conda(text: str) -> Iterator[Dep]:
    """environment.yml: `dependencies:` items and their `- pip:` sub-list (PyPI names)."""
    in_deps = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_hash_comment(raw).rstrip()
        if not line.strip():
            continue
        if line[0] not in " \t-":
            in_deps = line.startswith("dependencies:")
            continue
        if not in_deps:
            continue
        m = re.match(r"^\s*-\s+(?!pip:)(['\"]?)([^'\"\s]+)\1\s*$", line)
        if m is None:
            continue
        spec = m.group(2)
        if "::" in spec:
            spec = spec.split("::", 1)[1]  # conda-forge::twilio
        col0 = m.start(2) + (len(m.group(2)) - len(spec))
        dep = _pep508(re.split(r"[=<>!~]", spec, maxsplit=1)[0], n, col0, "")
        if dep is not None:
            yield dep


_READERS: dict[str, Callable[[str], Iterator[Dep]]] = {
    "conda": _conda,
    "requirements": _requirements,
    "pyproject": _pyproject,
    "pipfile": _pyproject,
    "pipfile-lock": _pipfile_lock,
    "toml-lock": _toml_lock,
    "setup-py": _setup_py,
    "setup-cfg": _setup_cfg,
    "cargo": _cargo,
    "package-json": _package_json,
    "npm-lock": _npm_lock,
    "yarn-lock": _yarn_lock,
    "pnpm-lock": _pnpm_lock,
    "pom": _pom,
    "gradle": _gradle,
    "version-catalog": _version_catalog,
    "go-mod": _go_mod,
    "go-sum": _go_sum,
    "composer-json": _composer_json,
    "composer-lock": _composer_lock,
    "nuget": _nuget,
    "gemfile": _gemfile,
    "gemfile-lock": _gemfile_lock,
}
