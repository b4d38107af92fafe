"""Classify a path into a file kind: a language, a config format or a manifest.

Kinds are plain strings so detectors can name them in `Detector.kinds`.
Classification uses the file name first (exact names, then patterns), then the
extension, then a shebang line.
"""

from __future__ import annotations

import fnmatch
from functools import lru_cache

from scanner import lazy_re

PYTHON = "python"
JAVA = "java"
KOTLIN = "kotlin"
GO = "go"
JAVASCRIPT = "javascript"
TYPESCRIPT = "typescript"
TSX = "tsx"
PHP = "php"
CSHARP = "csharp"
RUBY = "ruby"
SHELL = "shell"
C = "c"

CODE_KINDS = frozenset({PYTHON, JAVA, KOTLIN, GO, JAVASCRIPT, TYPESCRIPT, TSX, PHP, CSHARP, RUBY})
TREE_SITTER_KINDS = CODE_KINDS - {PYTHON}

PROPERTIES = "properties"
YAML = "yaml"
JSON = "json"
XML = "xml"
TOML = "toml"
INI = "ini"
ENV = "env"
HCL = "hcl"
DOCKERFILE = "dockerfile"
KANNEL = "kannel"  # kannel.conf and friends
SMSTOOLS = "smstools"  # /etc/smsd.conf
GAMMU = "gammu"  # gammurc, gammu-smsdrc
JASMIN = "jasmin"  # jasmin.cfg, jcli scripts
MARKDOWN = "markdown"
TEXT = "text"
JAR = "jar"  # vendored archives recognised by name only; never read

CONFIG_KINDS = frozenset(
    {PROPERTIES, YAML, JSON, XML, TOML, INI, ENV, HCL, DOCKERFILE, KANNEL, SMSTOOLS, GAMMU, JASMIN}
)
NAME_ONLY_KINDS = frozenset({JAR})
# the configuration formats most detectors read key/value facts from
SETTINGS_KINDS = frozenset({PROPERTIES, YAML, JSON, XML, TOML, INI, ENV})

_EXACT_NAMES = {
    "dockerfile": DOCKERFILE,
    "containerfile": DOCKERFILE,
    "kannel.conf": KANNEL,
    "smskannel.conf": KANNEL,
    "modems.conf": KANNEL,
    "smsd.conf": SMSTOOLS,
    "gammurc": GAMMU,
    ".gammurc": GAMMU,
    "gammu-smsdrc": GAMMU,
    "smsdrc": GAMMU,
    "jasmin.cfg": JASMIN,
    "interceptor.cfg": JASMIN,
    "gemfile": RUBY,
    "rakefile": RUBY,
    "pipfile": TOML,
    "go.mod": TEXT,
    "go.sum": TEXT,
    "requirements.txt": TEXT,
    "gemfile.lock": TEXT,
    "yarn.lock": TEXT,
    "poetry.lock": TOML,
    "cargo.lock": TOML,
    "packages.config": XML,
    "directory.packages.props": XML,  # NuGet central package management
    "setup.cfg": INI,
    "tox.ini": INI,
}

_NAME_PATTERNS = (
    ("dockerfile.*", DOCKERFILE),
    ("*.dockerfile", DOCKERFILE),
    (".env", ENV),
    (".env.*", ENV),
    ("*.env", ENV),
    ("requirements*.txt", TEXT),
    ("*requirements*.in", TEXT),  # pip-tools input files
    ("*kannel*.conf", KANNEL),
    ("*smsd*.conf", SMSTOOLS),
    ("*gammu*rc", GAMMU),
    ("*.jcli", JASMIN),
)

_EXTENSIONS = {
    ".py": PYTHON,
    ".pyw": PYTHON,
    ".pyi": PYTHON,
    ".java": JAVA,
    ".kt": KOTLIN,
    ".kts": KOTLIN,
    ".go": GO,
    ".js": JAVASCRIPT,
    ".mjs": JAVASCRIPT,
    ".cjs": JAVASCRIPT,
    ".jsx": JAVASCRIPT,
    ".ts": TYPESCRIPT,
    ".mts": TYPESCRIPT,
    ".cts": TYPESCRIPT,
    ".tsx": TSX,
    ".php": PHP,
    ".cs": CSHARP,
    ".rb": RUBY,
    ".gemspec": RUBY,
    ".sh": SHELL,
    ".bash": SHELL,
    ".c": C,
    ".h": C,
    ".cc": C,
    ".cpp": C,
    ".hpp": C,
    ".properties": PROPERTIES,
    ".yml": YAML,
    ".yaml": YAML,
    ".json": JSON,
    ".jsonc": JSON,
    ".xml": XML,
    ".csproj": XML,
    ".vbproj": XML,
    ".fsproj": XML,
    ".toml": TOML,
    ".ini": INI,
    ".cfg": INI,
    ".cnf": INI,
    ".conf": INI,
    ".tf": HCL,
    ".hcl": HCL,
    ".tfvars": HCL,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".rst": MARKDOWN,
    ".txt": TEXT,
    ".lock": TEXT,
    ".sum": TEXT,
    ".mod": TEXT,
    ".gradle": KOTLIN,  # Groovy DSL: no Groovy grammar; the Kotlin reader tolerates it well
    ".jar": JAR,
    ".war": JAR,
    ".aar": JAR,
}

_SHEBANG = lazy_re.compile(rb"^#!\s*\S*?(?:/env\s+)?(python[0-9.]*|node|ruby|php|bash|sh)\b")
_SHEBANG_KINDS = {"node": JAVASCRIPT, "ruby": RUBY, "php": PHP, "bash": SHELL, "sh": SHELL}


# every name pattern in one regular expression; the first pattern that matches wins, as
# alternatives are tried in order
_NAME_RE = lazy_re.compile(
    "|".join(f"(?P<p{i}>{fnmatch.translate(p)})" for i, (p, _k) in enumerate(_NAME_PATTERNS))
    or "(?!)"
)


def _literal_core(pattern: str) -> str:
    """The longest run of `pattern` outside its wildcards and classes (`*`, `?`, `[...]`,
    as fnmatch reads them): every name it matches holds it."""
    runs: list[str] = []
    start = i = 0
    while i < len(pattern):
        c = pattern[i]
        end = i + 1
        if c == "[":  # a class runs to the first `]` after its first member; else literal
            j = i + 1 + (pattern[i + 1 : i + 2] == "!")
            close = pattern.find("]", j + 1)
            end = close + 1 if close != -1 else 0
        if c in "*?" or end > i + 1:
            runs.append(pattern[start:i])
            start = end
            i = end
        else:
            i += 1
    runs.append(pattern[start:])
    return max(runs, key=len)


# a name none of these is in matches no name pattern (most names: no regex run for them)
_NAME_CORES = tuple(sorted({_literal_core(p) for p, _k in _NAME_PATTERNS}))


def classify_name(path: str) -> str | None:
    """Kind from the file name alone, or None when the name says nothing."""
    return _classify_lower_name(path.rsplit("/", 1)[-1].lower())


@lru_cache(maxsize=1 << 14)
def _classify_lower_name(name: str) -> str | None:
    if name in _EXACT_NAMES:
        return _EXACT_NAMES[name]
    if any(core in name for core in _NAME_CORES):
        m = _NAME_RE.fullmatch(name)
        if m is not None and m.lastgroup is not None:
            return _NAME_PATTERNS[int(m.lastgroup[1:])][1]
    dot = name.rfind(".")
    if dot > 0 or (dot == 0 and name.count(".") > 1):
        return _EXTENSIONS.get(name[dot:])
    return None


def classify_shebang(head: bytes) -> str | None:
    m = _SHEBANG.match(head)
    if not m:
        return None
    word = m.group(1).decode()
    return PYTHON if word.startswith("python") else _SHEBANG_KINDS.get(word)


def classify(path: str, head: bytes = b"") -> str | None:
    """Kind of a file: by name, else by shebang; None = not a file we read."""
    kind = classify_name(path)
    if kind is None and head.startswith(b"#!"):
        kind = classify_shebang(head)
    return kind
