"""Repository-level scenario results (SMS9001-SMS9003): one SARIF result per
scenario the codebase implements, anchored at the strongest evidence. No
detector reports them; the SARIF reporter adds them from the verdict."""

from __future__ import annotations

from scanner.licences import LICENCES
from scanner.model import Evidence, Precision, Rule, Scenario, Severity

SCENARIO_RULE_IDS = {"A": "SMS9001", "B": "SMS9002", "C": "SMS9003"}


def _help(s: str) -> str:
    lic = LICENCES[s]
    lines = [
        f"**Scenario {s}: {lic.title}.** {lic.licence}",
        "",
        "**What follows.**",
        *[f"- {c}" for c in lic.conditions],
        "",
        "**What to do.**",
        *[f"- {a}" for a in lic.actions],
        "",
        "This is a repository-level result computed from all findings (see `smsscan scan "
        "--explain` for the decision trace and docs/scenarios.md for the rules).",
    ]
    return "\n".join(lines)


def _rule(s: str, name: str, severity: Severity) -> Rule:
    lic = LICENCES[s]
    return Rule(
        id=SCENARIO_RULE_IDS[s],
        name=name,
        short_description=f"The codebase implements scenario {s}: {lic.short}",
        full_description=(
            f"Repository-level verdict: the code implements scenario {s} ({lic.title}). "
            f"{lic.licence}"
        ),
        help_markdown=_help(s),
        scenario=Scenario(s),
        severity=severity,
        precision=Precision.HIGH,
        evidence=Evidence.VERDICT,
        languages=("any",),
        tags=("verdict", "licensing"),
    )


VERDICT_RULES: tuple[Rule, ...] = (
    _rule("A", "ScenarioInternalModem", Severity.LOW),
    _rule("B", "ScenarioThirdPartyPlatform", Severity.MEDIUM),
    _rule("C", "ScenarioDirectCarrierConnection", Severity.HIGH),
)
