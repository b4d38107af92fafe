"""Project configuration: `[tool.smsscan]` in pyproject.toml, or `.smsscan.toml`.

The file is found by walking up from the scan root; the first directory that
has a `.smsscan.toml`, or a `pyproject.toml` with a `[tool.smsscan]` table,
wins (a pyproject.toml without the table is passed over). Command-line flags
override file values. Every effective value remembers where it came from, so
`smsscan config` can print it.

Unknown keys and bad values raise `ConfigError`, whose message names the file
and the key; the CLI turns it into exit code 2.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from scanner import lazy_re

PYPROJECT = "pyproject.toml"
DOTFILE = ".smsscan.toml"
DEFAULT_BASELINE = ".smsscan-baseline.json"

# key -> (expected type label, default); lists are lists of strings
TOP_KEYS: dict[str, tuple[str, Any]] = {
    "include": ("list", ()),
    "exclude": ("list", ()),
    "max-file-size": ("size", "4MiB"),
    "enable": ("list", ()),
    "disable": ("list", ()),
    "fail-on": ("list", ()),
    "exit-zero": ("bool", False),
    "require-reason": ("bool", False),
    "report-unused-suppressions": ("bool", True),
    "baseline": ("str", ""),
    "policy": ("table", None),
    "overrides": ("array-of-tables", ()),
}
POLICY_KEYS = {"declared": "list", "licences": "list"}
OVERRIDE_KEYS = {"paths": "list", "disable": "list", "reason": "str"}


class ConfigError(ValueError):
    """A configuration problem; the message names the file and the key."""


class Override(NamedTuple):
    """A per-path exception from the configuration: these rules are off under these paths."""

    paths: tuple[str, ...]
    disable: tuple[str, ...]
    reason: str = ""


class Config(NamedTuple):
    """Effective configuration; `sources` maps each key to where its value came from."""

    path: str = ""  # the file read, "" when none
    root: str = ""  # the directory relative paths in the file are based on
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: str = "4MiB"
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    fail_on: tuple[str, ...] = ()
    exit_zero: bool = False
    require_reason: bool = False
    report_unused_suppressions: bool = True
    baseline: str = ""
    declared: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    sources: Mapping[str, str] = MappingProxyType({})

    def source(self, key: str) -> str:
        return self.sources.get(key, "default")


def toml_parser() -> Any:
    """The TOML parser (`tomllib`, or its backport before 3.11), imported only when a
    document must be parsed."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found,no-redef,unused-ignore]
    return tomllib


def _load_toml(path: str, raw: bytes | None = None) -> dict[str, Any]:
    """The TOML document in `path` (`raw`: its bytes, when the caller has read them)."""
    tomllib = toml_parser()
    if raw is None:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode())  # as tomllib.load decodes
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return data


def _section(path: str, raw: bytes | None = None) -> tuple[dict[str, Any] | None, str]:
    """(the smsscan table or None, a label for messages)."""
    data = _load_toml(path, raw)
    if os.path.basename(path) == PYPROJECT:
        tool = data.get("tool")
        table = tool.get("smsscan") if isinstance(tool, dict) else None
        if table is None:
            return None, f"{path} [tool.smsscan]"
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.smsscan] must be a table")
        return table, f"{path} [tool.smsscan]"
    return data, path


def _may_name_smsscan(raw: bytes) -> bool:
    """Can this TOML document have a `smsscan` key? Not unless its bytes hold the name or
    a \\u / \\U escape (a quoted key may spell it so): most pyproject.toml files
    are passed over without parsing them, which also spares importing the parser."""
    return b"smsscan" in raw or b"\\u" in raw or b"\\U" in raw


def discover(start: str) -> str | None:
    """The config file for a scan rooted at `start`, walking up to the filesystem root."""
    d = os.path.realpath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        dot = os.path.join(d, DOTFILE)
        if os.path.isfile(dot):
            return dot
        py = os.path.join(d, PYPROJECT)
        if os.path.isfile(py):
            try:
                with open(py, "rb") as fh:
                    raw: bytes | None = fh.read()
            except OSError:
                raw = None  # `_section` reads it again and reports the problem
            if raw is None or _may_name_smsscan(raw):
                table, _ = _section(py, raw)
                if table is not None:
                    return py
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _strings(label: str, key: str, value: Any, *, allow_str: bool = False) -> tuple[str, ...]:
    if allow_str and isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{label}: '{key}' must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


_SIZE = lazy_re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """Bytes in a size such as 500000, 512k, 4MB or 1GiB (ValueError if it is none)."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a size (examples: 500000, 512k, 4MB, 1GiB)")
    unit = (m.group(2) or "").lower()[:1]
    return int(float(m.group(1)) * _UNITS[unit])


def _check_size(label: str, key: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ConfigError(f"{label}: '{key}' must be a size such as 4MiB or 500000, got {value!r}")
    text = str(value)
    try:
        if parse_size(text) <= 0:
            raise ValueError
    except Exception as exc:
        raise ConfigError(
            f"{label}: '{key}' must be a positive size such as 4MiB or 500000, got {value!r}"
        ) from exc
    return text


def _norm(key: str) -> str:
    return key.replace("_", "-")


def _unknown(label: str, key: str, known: Sequence[str]) -> ConfigError:
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return ConfigError(f"{label}: unknown key '{key}'{hint}; known keys: {', '.join(known)}")


def parse(table: Mapping[str, Any], label: str, path: str = "") -> Config:
    """Validate one smsscan table and return the file's values (sources = label)."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for raw_key, value in table.items():
        key = _norm(raw_key)
        if key not in TOP_KEYS:
            raise _unknown(label, raw_key, list(TOP_KEYS))
        kind = TOP_KEYS[key][0]
        attr = key.replace("-", "_")
        if kind == "list":
            values[attr] = _strings(label, key, value, allow_str=key == "fail-on")
        elif kind == "bool":
            if not isinstance(value, bool):
                raise ConfigError(f"{label}: '{key}' must be true or false, got {value!r}")
            values[attr] = value
        elif kind == "str":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{label}: '{key}' must be a non-empty string, got {value!r}")
            values[attr] = value
        elif kind == "size":
            values[attr] = _check_size(label, key, value)
        elif kind == "table":
            _policy(label, value, values, sources)
            continue
        else:
            values["overrides"] = _overrides(label, value)
        sources[attr] = label
    if "fail_on" in values:
        from scanner.policy import FailPolicy

        try:
            FailPolicy.parse(values["fail_on"], option="'fail-on'")
        except ValueError as exc:
            raise ConfigError(f"{label}: {exc}") from exc
    root = os.path.dirname(os.path.abspath(path)) if path else ""
    return Config(path=path, root=root, sources=sources, **values)


def _policy(label: str, value: Any, values: dict[str, Any], sources: dict[str, str]) -> None:
    where = f"{label} policy"
    if not isinstance(value, dict):
        raise ConfigError(f"{label}: 'policy' must be a table ([tool.smsscan.policy] or [policy])")
    for raw_key, item in value.items():
        key = _norm(raw_key)
        if key == "licenses":
            key = "licences"
        if key not in POLICY_KEYS:
            raise _unknown(where, raw_key, list(POLICY_KEYS))
        values[key] = _strings(where, key, item)
        sources[key] = where
    from scanner.policy import DeclaredPolicy

    try:
        DeclaredPolicy.build(values.get("declared", ()), values.get("licences", ()))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _overrides(label: str, value: Any) -> tuple[Override, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(
            f"{label}: 'overrides' must be an array of tables ([[tool.smsscan.overrides]])"
        )
    out = []
    for i, item in enumerate(value):
        where = f"{label} overrides[{i}]"
        fields: dict[str, Any] = {}
        for raw_key, v in item.items():
            key = _norm(raw_key)
            if key not in OVERRIDE_KEYS:
                raise _unknown(where, raw_key, list(OVERRIDE_KEYS))
            if OVERRIDE_KEYS[key] == "list":
                fields[key] = _strings(where, key, v)
            elif not isinstance(v, str):
                raise ConfigError(f"{where}: '{key}' must be a string, got {v!r}")
            else:
                fields[key] = v
        if "paths" not in fields or "disable" not in fields:
            raise ConfigError(f"{where}: needs both 'paths' (globs) and 'disable' (rules)")
        out.append(Override(fields["paths"], fields["disable"], fields.get("reason", "")))
    return tuple(out)


def load(start: str, explicit: str | None = None) -> Config:
    """Read the configuration for a scan rooted at `start` (or the file `explicit`)."""
    if explicit:
        if not os.path.isfile(explicit):
            raise ConfigError(f"{explicit}: configuration file not found (--config)")
        path = os.path.abspath(explicit)
        table, label = _section(path)
        if table is None:
            raise ConfigError(f"{path}: has no [tool.smsscan] table (--config)")
    else:
        found = discover(start)
        if found is None:
            return Config()
        table, label = _section(found)
        assert table is not None
        path = found
    return parse(table, label, path)


def with_cli(cfg: Config, **overrides: Any) -> Config:
    """Apply command-line values (None = not given on the command line)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    if not given:
        return cfg
    sources = dict(cfg.sources)
    for k in given:
        sources[k] = "command line"
    return cfg._replace(sources=sources, **given)


def resolve_rules(selectors: Sequence[str], label: str, key: str) -> frozenset[str]:
    """Rule ids matched by ids, id prefixes (`SMS1`) or tags; unknown selectors are errors."""
    from scanner.registry import all_rules

    rules = all_rules()
    out: set[str] = set()
    for sel in selectors:
        up = sel.strip().upper()
        low = sel.strip().lower()
        if re.fullmatch(r"SMS\d{1,4}", up):
            hit = {r.id for r in rules if r.id.startswith(up)}
        else:
            hit = {r.id for r in rules if low in (t.lower() for t in r.tags)}
            hit |= {r.id for r in rules if r.name.lower() == low}
        if not hit:
            raise ConfigError(
                f"{label}: '{key}' entry {sel!r} matches no rule id, id prefix, name or tag "
                "(`smsscan rules` lists them)"
            )
        out |= hit
    return frozenset(out)


def enabled_rules(cfg: Config) -> frozenset[str] | None:
    """The rule ids to run; None = all."""
    if not cfg.enable and not cfg.disable:
        return None
    from scanner.registry import all_rules

    every = frozenset(r.id for r in all_rules())
    enabled = resolve_rules(cfg.enable, cfg.source("enable"), "enable") if cfg.enable else every
    if cfg.disable:
        enabled = enabled - resolve_rules(cfg.disable, cfg.source("disable"), "disable")
    return enabled


def check_overrides(cfg: Config) -> None:
    """Validate the rule selectors of every per-path override (ConfigError if one matches nothing)."""
    for i, o in enumerate(cfg.overrides):
        resolve_rules(o.disable, f"{cfg.source('overrides')} overrides[{i}]", "disable")


def path_patterns(cfg: Config) -> tuple[str, ...]:
    """include/exclude as one gitignore-style exclude list (last match wins)."""
    pats: list[str] = []
    if cfg.include:
        pats += ["*", "!*/"]  # exclude every file, keep descending into directories
        for inc in cfg.include:
            pats.append("!" + (inc + "**" if inc.endswith("/") else inc))
    pats.extend(cfg.exclude)
    return tuple(pats)


def describe(cfg: Config) -> str:
    """`smsscan config`: the effective values as TOML, each with its source."""
    import json

    def toml(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(json.dumps(v) for v in value) + "]"
        return json.dumps(value)

    lines = [f"# configuration file: {cfg.path or '(none found; defaults)'}", "[tool.smsscan]"]
    for key in TOP_KEYS:
        if key in ("policy", "overrides"):
            continue
        attr = key.replace("-", "_")
        lines.append(f"{key} = {toml(getattr(cfg, attr))}  # {cfg.source(attr)}")
    lines.append("")
    lines.append("[tool.smsscan.policy]")
    for key in POLICY_KEYS:
        lines.append(f"{key} = {toml(getattr(cfg, key))}  # {cfg.source(key)}")
    for o in cfg.overrides:
        lines.append("")
        lines.append(f"[[tool.smsscan.overrides]]  # {cfg.source('overrides')}")
        lines.append(f"paths = {toml(o.paths)}")
        lines.append(f"disable = {toml(o.disable)}")
        if o.reason:
            lines.append(f"reason = {toml(o.reason)}")
    return "\n".join(lines) + "\n"
