"""Rules that no detector reports: repository-level results added after the
scan (the scenario verdict) and scan hygiene. They appear in `smsscan rules`
and in SARIF `tool.driver.rules`."""

from __future__ import annotations

from scanner.model import Rule
from scanner.suppress_rules import SUPPRESSION_RULES
from scanner.verdict_rules import VERDICT_RULES

META_RULES: tuple[Rule, ...] = (*VERDICT_RULES, *SUPPRESSION_RULES)
