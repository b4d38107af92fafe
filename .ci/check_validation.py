"""Fail when the SARIF multitool's validation log contains an error-level result."""

from __future__ import annotations

import json
import sys


def main(path: str) -> int:
    with open(path, encoding="utf-8") as fh:
        log = json.load(fh)
    errors = []
    for run in log.get("runs", []):
        for res in run.get("results", []):
            if res.get("level", "warning") == "error":
                msg = res.get("message", {})
                errors.append(f"{res.get('ruleId')}: {msg.get('text') or msg.get('arguments')}")
        for inv in run.get("invocations", []):
            for n in inv.get("toolExecutionNotifications", []) or []:
                if n.get("level") == "error":
                    errors.append(f"tool: {n.get('message', {}).get('text', '')}")
    for e in errors:
        print("SARIF validation error:", e)
    warnings = sum(1 for run in log.get("runs", []) for r in run.get("results", []) if r.get("level", "warning") == "warning")
    print(f"SARIF validator: {len(errors)} error(s), {warnings} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
