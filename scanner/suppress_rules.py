"""Meta rules about suppressions themselves (SMS9900-SMS9999 range).

They are reported by `scanner.suppress` (unused directives, in the engine)
and `scanner.workflow` (a directive without a reason when the configuration
requires one). Both are informational: they never fail a run on their own.
"""

from __future__ import annotations

from scanner.model import Evidence, Precision, Rule, Scenario, Severity

UNUSED_SUPPRESSION = "SMS9900"
SUPPRESSION_WITHOUT_REASON = "SMS9901"

SUPPRESSION_RULES: tuple[Rule, ...] = (
    Rule(
        id=UNUSED_SUPPRESSION,
        name="UnusedSuppression",
        short_description="An smsscan suppression comment matches no finding",
        full_description=(
            "An `smsscan: ignore[...]` comment suppresses nothing on its own line or the line "
            "after it: the code it once silenced moved or changed, or the rule id is wrong."
        ),
        help_markdown=(
            "A stale suppression hides nothing today but will silently hide the next finding "
            "that lands on that line. Remove the comment, or move it next to the finding it is "
            "meant for, and check the rule ids in the brackets (`smsscan rules` lists them)."
        ),
        scenario=Scenario.NONE,
        severity=Severity.INFO,
        precision=Precision.VERY_HIGH,
        evidence=Evidence.VERDICT,
        languages=("any",),
        tags=("maintainability", "suppression"),
    ),
    Rule(
        id=SUPPRESSION_WITHOUT_REASON,
        name="SuppressionWithoutReason",
        short_description="A suppression comment gives no reason, and the policy requires one",
        full_description=(
            "The configuration sets `require-reason = true`, so an `smsscan: ignore[...]` "
            "comment without a justification does not suppress the finding it covers."
        ),
        help_markdown=(
            "Write why the finding is acceptable after the directive, for example "
            "`# smsscan: ignore[SMS1001] loopback SMSC simulator used by integration tests`. "
            "The reason is kept in SARIF as the suppression's `justification`, so reviewers "
            "can audit every exception."
        ),
        scenario=Scenario.NONE,
        severity=Severity.INFO,
        precision=Precision.VERY_HIGH,
        evidence=Evidence.VERDICT,
        languages=("any",),
        tags=("maintainability", "suppression"),
    ),
)
