"""What the scanned repository publishes: package names from its root manifests.

Used by the verdict to tell an SMS *library* (the repository publishes the
package whose code the findings are in) from an application that uses one.
Only the root manifests are read, without following symlinks, and at most
256 KiB each; anything unreadable is simply not a manifest.
"""

from __future__ import annotations

import os
import re
from typing import Any, NamedTuple

from scanner import lazy_re

_MAX = 256 * 1024
_NAME_SEPARATORS = lazy_re.compile(r"[/:]")
_NON_ALNUM = lazy_re.compile(r"[^a-z0-9]+")
SMS_TOKENS = frozenset(
    {"sms", "smpp", "cmpp", "sgip", "smgp", "cngp", "smsc", "smsgate", "gsm", "modem", "ucp"}
)


class Package(NamedTuple):
    ecosystem: str  # "pypi" | "npm" | "maven" | "go" | "composer"
    name: str  # as published: "smpplib", "node-smpp", "org.jsmpp:jsmpp", "github.com/x/cmpp"
    manifest: str  # relative path of the manifest
    application: bool = False  # the manifest says it is an application, not a library

    @property
    def short(self) -> str:
        """Last name segment, lower case: "jsmpp", "cmpp", "easy-sms"."""
        tail = _NAME_SEPARATORS.split(self.name)[-1]
        return tail.lower()

    @property
    def tokens(self) -> frozenset[str]:
        return frozenset(t for t in _NON_ALNUM.split(self.name.lower()) if t)

    def to_dict(self) -> dict[str, str]:
        return {"ecosystem": self.ecosystem, "name": self.name, "manifest": self.manifest}


class ProjectInfo(NamedTuple):
    packages: tuple[Package, ...] = ()


def _read(root: str, name: str) -> str | None:
    path = os.path.join(root, name)
    try:
        if os.path.islink(path) or not os.path.isfile(path) or os.path.getsize(path) > _MAX:
            return None
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return None


_SETUP_NAME = lazy_re.compile(r"""\bname\s*=\s*['"]([A-Za-z0-9_.\-]+)['"]""")
_POM_ARTIFACT = lazy_re.compile(r"<artifactId>\s*([^<\s]+)\s*</artifactId>")
_POM_GROUP = lazy_re.compile(r"<groupId>\s*([^<\s]+)\s*</groupId>")
_POM_PACKAGING = lazy_re.compile(r"<packaging>\s*([^<\s]+)\s*</packaging>")
_GO_MODULE = lazy_re.compile(r"^\s*module\s+(\S+)", re.M)


def _strip_parent(pom: str) -> str:
    return re.sub(r"<parent>.*?</parent>", "", pom, flags=re.S)


_GO_MAIN = lazy_re.compile(r"^\s*package\s+main\b", re.M)


def _go_has_main(root: str) -> bool:
    """A Go module with `package main` at its root or under cmd/<name>/ is an application."""
    candidates = ["main.go"]
    try:
        for d in sorted(os.listdir(os.path.join(root, "cmd")))[:50]:
            candidates.append(f"cmd/{d}/main.go")
    except OSError:
        pass
    return any(_GO_MAIN.search(_read(root, c) or "") for c in candidates)


def read_project(root: str) -> ProjectInfo:
    pkgs: list[Package] = []
    text = _read(root, "pyproject.toml")
    if text is not None:
        data = _toml(text)
        project = data.get("project")
        poetry = data.get("tool", {}).get("poetry") if isinstance(data.get("tool"), dict) else None
        for table in (project, poetry):
            if isinstance(table, dict) and isinstance(table.get("name"), str):
                pkgs.append(Package("pypi", table["name"], "pyproject.toml"))
                break
    text = _read(root, "setup.py")
    if text is not None and not any(p.ecosystem == "pypi" for p in pkgs):
        m = _SETUP_NAME.search(text)
        if m:
            pkgs.append(Package("pypi", m.group(1), "setup.py"))
    text = _read(root, "package.json")
    if text is not None:
        pj = _json(text)
        if isinstance(pj, dict) and isinstance(pj.get("name"), str):
            app = pj.get("private") is True
            pkgs.append(Package("npm", pj["name"], "package.json", application=app))
    text = _read(root, "pom.xml")
    if text is not None:
        own = _strip_parent(text)
        art, grp = _POM_ARTIFACT.search(own), _POM_GROUP.search(own)
        pack = _POM_PACKAGING.search(own)
        if art:
            name = f"{grp.group(1)}:{art.group(1)}" if grp else art.group(1)
            app = (
                pack is not None and pack.group(1) == "war"
            ) or "spring-boot-maven-plugin" in text
            pkgs.append(Package("maven", name, "pom.xml", application=app))
    text = _read(root, "go.mod")
    if text is not None:
        m = _GO_MODULE.search(text)
        if m:
            app = _go_has_main(root)
            pkgs.append(Package("go", m.group(1), "go.mod", application=app))
    text = _read(root, "composer.json")
    if text is not None:
        cj = _json(text)
        if isinstance(cj, dict) and isinstance(cj.get("name"), str):
            app = cj.get("type") == "project"
            pkgs.append(Package("composer", cj["name"], "composer.json", application=app))
    return ProjectInfo(tuple(pkgs))


def _toml(text: str) -> dict[str, Any]:
    """The TOML document, or {} when it is not one (the parser is imported only here)."""
    from scanner.config import toml_parser

    tomllib = toml_parser()
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return {}
    return data


def _json(text: str) -> Any:
    """The JSON document, or None when it is not one (json is imported only when needed)."""
    import json

    try:
        return json.loads(text)
    except ValueError:
        return None


def _norm(name: str) -> str:
    return _NON_ALNUM.sub("", name.lower())


def _module_names(name: str) -> set[str]:
    """Import names a PyPI distribution plausibly installs: `python-gammu` -> gammu."""
    n = name.lower()
    out = {_norm(n)}
    for pre in ("python-", "python_", "py-", "py"):
        if n.startswith(pre):
            out.add(_norm(n[len(pre) :]))
    for suf in ("-python", "_python", "-py"):
        if n.endswith(suf):
            out.add(_norm(n[: -len(suf)]))
    return out


def is_sms_library(pkg: Package, library_labels: set[str]) -> bool:
    """The package is an SMS library: not declared an application, and either
    its name has an SMS token or it is the library the findings name."""
    if pkg.application:
        return False
    prefixes = ("sms", "smpp", "cmpp", "sgip", "smgp", "gsm")
    if pkg.tokens & SMS_TOKENS or any(t.startswith(prefixes) or "sms" in t for t in pkg.tokens):
        return True
    labels = {_norm(x) for x in library_labels}
    return _norm(pkg.short) in labels


def in_package(pkg: Package, path: str) -> bool:
    """Is this repository-relative path part of the package's own code?"""
    if path.startswith(("node_modules/", "vendor/", "third_party/")):
        return False
    if pkg.ecosystem == "pypi":
        low = path.lower()
        if low.startswith("src/") and low.count("/") >= 2:
            return True
        top = low.split("/", 1)[0]
        top = top[:-3] if top.endswith(".py") else top
        return _norm(top) in _module_names(pkg.name) or top in pkg.tokens - {"python", "py"}
    if pkg.ecosystem == "maven":
        return "src/main/" in path
    return True  # npm / go / composer: the repository root is the package
