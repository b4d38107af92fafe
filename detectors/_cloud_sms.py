"""Shared matching for licensed SMS platforms (scenario B): one `Platform`
description per provider (SDK import prefixes, send calls, SMS-specific host /
URL patterns) and one function that turns a file's facts into hits.

No DETECTOR here: tencent_sms, aliyun_sms, huawei_sms and sms_platforms use it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import NamedTuple

from detectors._regex_cores import fold, folded, pattern_cores
from scanner import classify as k
from scanner.classify import CODE_KINDS
from scanner.detector import FileContext, Hit
from scanner.facts import Call, Import, Literal
from scanner.hosts import classify_host, split_host_port
from scanner.model import Confidence, Span
from scanner.signatures import matching_imports


class Platform(NamedTuple):
    """A licensed SMS platform: how its SDK, calls and endpoints look in code and config."""

    provider: str  # human name, the `provider` attribute
    imports: Mapping[str, str]  # SMS-specific import prefix -> library label
    calls: frozenset[str] = frozenset()  # send / client call names; dotted = callee suffix
    # calls that only count when one of these names occurs as an argument name,
    # assignment key or call name in the file (e.g. SNS publish + PhoneNumber)
    call_context: frozenset[str] = frozenset()
    endpoints: tuple[re.Pattern[str], ...] = ()  # SMS-specific host / URL / action literals
    # umbrella imports (a whole cloud SDK) that count only when `umbrella_context`
    # matches the file text outside comments (e.g. `tencentcloud.sms.v20210111`)
    umbrella: Mapping[str, str] = MappingProxyType({})
    umbrella_context: re.Pattern[str] | None = None
    calls_need_import: bool = True


# Every file kind a cloud-SMS platform can appear in: SDK code and endpoint config.
CLOUD_SMS_KINDS = frozenset(
    {
        k.PYTHON,
        k.JAVA,
        k.KOTLIN,
        k.GO,
        k.JAVASCRIPT,
        k.TYPESCRIPT,
        k.TSX,
        k.PHP,
        k.CSHARP,
        k.YAML,
        k.PROPERTIES,
        k.ENV,
        k.JSON,
        k.TOML,
        k.INI,
        k.XML,
    }
)
PROSE_WORDS = 4  # literals with more words are prose (docstrings, messages), not endpoints


def _inside(inner: Span, outer: Span) -> bool:
    return (outer.start_line, outer.start_column) <= (inner.start_line, inner.start_column) and (
        inner.end_line,
        inner.end_column,
    ) <= (outer.end_line, outer.end_column)


def norm_callee(callee: str) -> str:
    return callee.replace("->", ".").replace("::", ".").replace("?.", ".")


def call_matches(call: Call, names: frozenset[str]) -> bool:
    if call.name in names:
        return True
    callee = norm_callee(call.callee)
    return any("." in n and (callee == n or callee.endswith("." + n)) for n in names)


def text_outside_comments(ctx: FileContext, pattern: re.Pattern[str]) -> re.Match[str] | None:
    for m in pattern.finditer(ctx.text):
        if not ctx.in_comment(ctx.span(m.start(), m.end())):
            return m
    return None


def platform_imports(ctx: FileContext, p: Platform) -> list[tuple[Import, str]]:
    found = matching_imports(ctx, p.imports) if p.imports else []
    if p.umbrella and p.umbrella_context is not None:
        umb = matching_imports(ctx, p.umbrella)
        if umb and text_outside_comments(ctx, p.umbrella_context):
            seen = {id(i) for i, _ in found}
            found += [(i, label) for i, label in umb if id(i) not in seen]
    return found


def _context_present(ctx: FileContext, names: frozenset[str]) -> bool:
    f = ctx.facts
    if any(a.key in names for a in f.assignments):
        return True
    return any(c.name in names or any(a.name in names for a in c.args) for c in f.calls)


def host_of(value: str) -> str:
    v = value.strip()
    if "://" not in v and "/" in v:
        v = v.split("/", 1)[0]
    host, _ = split_host_port(v)
    return host


def endpoint_host_attrs(matched: str) -> tuple[tuple[str, str], ...]:
    """host / host_class / port of a matched SMS URL or host (platform hosts are B)."""
    if "." not in matched:
        return ()
    host = host_of(matched)
    if not host or " " in host:
        return ()
    hc = classify_host(host)
    cls = hc.category if hc.category in ("carrier-http", "aggregator") else "aggregator"
    _, port = split_host_port(
        matched.split("/", 3)[2] if "://" in matched else matched.split("/", 1)[0]
    )
    return (("host", host), ("host_class", cls)) + ((("port", port),) if port.isdigit() else ())


def platform_hits(
    ctx: FileContext,
    p: Platform,
    import_rule: str,
    call_rule: str,
    endpoint_rule: str,
    extra: tuple[tuple[str, str], ...] = (),
) -> Iterator[Hit]:
    """Import, call and endpoint hits for one platform. `extra` attributes
    (e.g. api_version) are added to every hit."""
    base = (("provider", p.provider), ("protocol", "http"), *extra)
    libs = platform_imports(ctx, p) if import_rule else []
    for imp, label in libs:
        yield Hit(
            import_rule,
            imp.span,
            f"{p.provider} SMS SDK imported: {label} ({imp.module})",
            attributes=(*base, ("library", label)),
            key=f"{p.provider}:{imp.module}",
        )
    calls_on = call_rule and p.calls and (libs or not p.calls_need_import)
    if calls_on and (not p.call_context or _context_present(ctx, p.call_context)):
        for call in ctx.facts.calls:
            if call_matches(call, p.calls):
                yield Hit(
                    call_rule,
                    call.span,
                    f"{p.provider} SMS: {call.name}()",
                    confidence=Confidence.HIGH,
                    attributes=base,
                    key=f"{p.provider}:{norm_callee(call.callee)}",
                )
    if endpoint_rule and p.endpoints:
        yield from _endpoint_hits(ctx, p, endpoint_rule, base)


class _EndpointLiterals(NamedTuple):
    """A file's string literals that may be endpoints (a literal of more than
    PROSE_WORDS words is prose: a docstring, a message), in order, and their folded
    values joined by newlines to find the platforms' cores in (a core holds no newline)."""

    items: list[Literal]
    blob: str
    starts: list[int]  # where each item's value starts in `blob`

    @staticmethod
    def of(ctx: FileContext) -> _EndpointLiterals:
        """Built once per file (the platforms' detectors share it)."""
        return ctx.derived(_endpoint_literals)

    def holding(self, cores: Iterable[str]) -> list[int]:
        """Sorted indices of the items whose folded value holds one of `cores`."""
        blob, starts = self.blob, self.starts
        out: set[int] = set()
        for core in cores:
            pos = blob.find(core)
            while pos != -1:
                i = bisect_right(starts, pos) - 1
                out.add(i)
                pos = blob.find(core, starts[i + 1]) if i + 1 < len(starts) else -1
        return sorted(out)


def _endpoint_literals(ctx: FileContext) -> _EndpointLiterals:
    items = [
        lit
        for lit in ctx.facts.literals
        if lit.kind == "string" and len(lit.value.split()) <= PROSE_WORDS
    ]
    values = [fold(lit.value) for lit in items]
    starts, at = [], 0
    for v in values:
        starts.append(at)
        at += len(v) + 1
    return _EndpointLiterals(items, "\n".join(values), starts)


_CORES: dict[int, tuple[tuple[str, ...] | None, ...]] = {}  # by id(platform), per endpoint


def _endpoint_cores(p: Platform) -> tuple[tuple[str, ...] | None, ...]:
    """Per endpoint pattern of `p`, the folded literal parts one of which each match holds
    (None: no such part, the pattern runs everywhere)."""
    got = _CORES.get(id(p))
    if got is None:
        got = _CORES[id(p)] = tuple(pattern_cores(e.pattern) for e in p.endpoints)
    return got


def _endpoint_hits(
    ctx: FileContext, p: Platform, endpoint_rule: str, base: tuple[tuple[str, str], ...]
) -> Iterator[Hit]:
    lines: set[int] = set()
    cores = _endpoint_cores(p)
    lits = _EndpointLiterals.of(ctx)
    if any(c is None for c in cores):
        candidates: Iterable[int] = range(len(lits.items))
    else:
        candidates = lits.holding({core for cs in cores if cs for core in cs})
    for i in candidates:
        lit = lits.items[i]
        found = [m.group(0) for pat in p.endpoints for m in [pat.search(lit.value)] if m]
        if not found:
            continue
        host_attrs = next((a for a in map(endpoint_host_attrs, found) if a), ())
        lines.add(lit.span.start_line)
        yield Hit(
            endpoint_rule,
            lit.span,
            f"{p.provider} SMS endpoint '{max(found, key=len)}'",
            attributes=(*base, *host_attrs),
            key=f"{p.provider}:{found[0]}",
        )
    if ctx.kind not in CODE_KINDS:
        return
    # template strings / f-strings are not literals: read the code text outside comments
    # and outside the literals judged above
    lit_spans = [lit.span for lit in ctx.facts.literals]
    low = folded(ctx)
    for pat, pat_cores in zip(p.endpoints, cores, strict=True):
        if pat_cores is not None and not any(core in low for core in pat_cores):
            continue  # no match can be in the text
        for m in pat.finditer(ctx.text):
            span = ctx.span(m.start(), m.end())
            if span.start_line in lines or ctx.in_comment(span):
                continue
            if any(_inside(span, ls) for ls in lit_spans):
                continue
            lines.add(span.start_line)
            yield Hit(
                endpoint_rule,
                span,
                f"{p.provider} SMS endpoint '{m.group(0)}'",
                attributes=(*base, *endpoint_host_attrs(m.group(0))),
                key=f"{p.provider}:{m.group(0)}",
            )
