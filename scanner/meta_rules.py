"""Rules that no detector reports: repository-level results added after the
scan (the scenario verdict) and scan hygiene. They appear in `smsscan rules`
and in SARIF `tool.driver.rules`."""

from __future__ import annotations

from scanner.model import Rule

META_RULES: tuple[Rule, ...] = ()
