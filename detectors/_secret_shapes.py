"""Helpers for credential rules: placeholder / entropy filters and seeded
generation of key-shaped example strings (never committed in clear)."""

from __future__ import annotations

import math
import random
import re

from scanner import lazy_re

# string.ascii_letters + string.digits (without importing `string`: its Template class
# compiles a pattern at import)
ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
HEX = "0123456789abcdef"

_PLACEHOLDER_WORDS = (
    "your",
    "xxx",
    "***",
    "example",
    "changeme",
    "change_me",
    "placeholder",
    "dummy",
    "sample",
    "replace",
    "todo",
    "fixme",
    "secret_here",
    "key_here",
    "<",
    ">",
    "${",
    "{{",
    "%(",
    "#{",
    "0000000",
    "1234567",
    "abcdefg",
)
_RUN = lazy_re.compile(r"(.)\1{4}")


def fake_key(seed: int, prefix: str, length: int, alphabet: str = ALNUM) -> str:
    """A deterministic key-shaped string for rule examples and tests."""
    rng = random.Random(seed)
    return prefix + "".join(rng.choice(alphabet) for _ in range(length - len(prefix)))


def entropy(value: str) -> float:
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def is_placeholder(value: str) -> bool:
    v = value.strip().lower()
    if not v or v.startswith(("$", "%", "@", "env:", "env(")):
        return True
    return any(w in v for w in _PLACEHOLDER_WORDS)


def looks_random(value: str, min_entropy: float = 3.0) -> bool:
    """High enough entropy, no long runs, not a placeholder."""
    return not is_placeholder(value) and not _RUN.search(value) and entropy(value) >= min_entropy


def norm_key(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())
