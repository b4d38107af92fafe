"""GitHub code scanning rules that the SARIF writer must respect.

- Category: written as `automationDetails.id` with a trailing `/`, so the
  whole text is the category (GitHub splits the id at its last `/`). An id in
  the file takes precedence over the upload action's `category` input.
- Partial scans (explicit file lists, `--changed-since`) are namespaced under
  `<category>/partial`: an upload replaces every alert of its category, so a
  partial scan under the full-scan category would close every alert in the
  files it did not look at.
- Size: GitHub rejects SARIF files over 10 MB gzip-compressed.
"""

from __future__ import annotations

from typing import Any

from scanner import TOOL_NAME

PARTIAL_SUFFIX = "partial"
MAX_GZIP_BYTES = 10 * 1000 * 1000  # "10 MB"; decimal, the stricter reading


def category_id(category: str, *, partial: bool) -> str:
    """The `automationDetails.id` to write ("" = none, for full scans without --category)."""
    cat = category.strip().strip("/")
    if partial:
        base = cat or TOOL_NAME
        if base.rsplit("/", 1)[-1] != PARTIAL_SUFFIX:
            base = f"{base}/{PARTIAL_SUFFIX}"
        return base + "/"
    return cat + "/" if cat else ""


def gzip_size(text: str) -> int:
    import gzip

    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def size_problem(text: str) -> str:
    """A message when the SARIF is too large for GitHub, else ""."""
    raw = len(text.encode("utf-8"))
    if raw + 4096 <= MAX_GZIP_BYTES:  # gzip adds at most a few bytes per 64 KiB block
        return ""
    n = gzip_size(text)
    if n <= MAX_GZIP_BYTES:
        return ""
    return (
        f"the SARIF is {n} bytes gzip-compressed, over GitHub's 10 MB upload limit: "
        "narrow the scan (exclude vendored code, --fail-on, a baseline) or split it by category"
    )


def finalize_run(
    run: dict[str, Any],
    *,
    declared: frozenset[str],
    include_suppressed: bool,
    baseline: bool = False,
) -> None:
    """Make a serialised SARIF run consistent before it is written.

    - `suppressions`: SARIF requires them on all results of a run or on none;
      with `--include-suppressed` every result gets an array (`[]` = not
      suppressed).
    - `baselineState`: when a baseline was used, every result carries one.
    - Findings of a scenario the policy declares are notes (`level: note`).
    """
    results: list[dict[str, Any]] = run.get("results", [])
    if include_suppressed or any("suppressions" in r for r in results):
        for r in results:
            for sup in r.setdefault("suppressions", []):
                sup.setdefault("status", "accepted")
    if baseline or any("baselineState" in r for r in results):
        for r in results:
            r.setdefault("baselineState", "new")
    if declared:
        for r in results:
            if r.get("properties", {}).get("scenario") in declared:
                r["level"] = "note"
