"""Access to the rule and detector registry (defined in `detectors/__init__.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from scanner.detector import Detector
from scanner.model import Rule


@cache
def detectors() -> tuple[Detector, ...]:
    from detectors import REGISTRY

    return REGISTRY


def lazy_detectors() -> Sequence[Detector]:
    """The built-in detectors for a scan: each imported when a file first needs it."""
    from scanner.lazy_registry import builtin

    return builtin()


@cache
def all_rules() -> tuple[Rule, ...]:
    from scanner.meta_rules import META_RULES

    rules = {r.id: r for d in detectors() for r in d.rules}
    for r in META_RULES:
        rules.setdefault(r.id, r)
    return tuple(sorted(rules.values(), key=lambda r: r.id))


def find_rule(rule_id: str) -> Rule | None:
    rid = rule_id.strip().upper()
    for r in all_rules():
        if r.id == rid or rid in r.deprecated_ids or r.name.lower() == rule_id.strip().lower():
            return r
    return None
