"""Secrets found in scanned code are never printed in full."""

from __future__ import annotations


def mask(secret: str) -> str:
    """Keep a short prefix (for triage) and hide the rest: `LTAI****************`."""
    if len(secret) <= 6:
        return "*" * len(secret)
    keep = 4 if len(secret) >= 12 else 2
    return secret[:keep] + "*" * (len(secret) - keep)


def redact(text: str, secrets: tuple[str, ...]) -> str:
    for s in secrets:
        if s:
            text = text.replace(s, mask(s))
    return text
