"""CPython's private modules that smsscan uses where the interpreter has them.

Each user keeps a public fallback: the parser and code generator behind
`re.compile` (the compiled-pattern cache) and CPython's own SHA-256 (which,
unlike hashlib, does not load OpenSSL).
"""

from __future__ import annotations

import importlib
from types import ModuleType


def first_module(*names: str) -> ModuleType | None:
    """The first of these modules this interpreter has, or None."""
    for name in names:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None
