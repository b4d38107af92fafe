"""Scenario inference: findings -> verdict.

Every finding goes through ONE decision function, `decide()`: an ordered table
of rows (first match wins, the last row matches everything, so it is
exhaustive). A row says what the finding is for the verdict — live evidence of
a scenario (with a confidence cap), test-only, dormant, exposure, context or
ignored — and why. The few repository-level facts a row needs (does the host
decide for this protocol? is the gateway's SMSC config in the repository? is
this the library's own code? is there a live A path?) are computed first and
passed in `Facts`, so `decide()` stays pure. `infer()` then adds up the live
rows per scenario; the per-finding decisions are kept as the trace that
`smsscan scan --explain` prints.

The rows, in order (docs/scenarios.md explains them in plain words):

  T01 suppressed                                   -> ignored
  T02 dormant=true (commented out / disabled)      -> dormant, never live
  T03 exposure=... while a live A path exists      -> exposure WARNING
  T04 exposure=...                                 -> exposure
  T05 carrier-protocol server or client in a repository whose SMSC server fronts own GSM modems -> A
  T06 role=server|simulator (an SMSC, not an HTTP gateway inbox) -> test-only (not C)
  T07 host is loopback or an SMSC simulator        -> test-only
  T08 in tests/examples/demos/mocks (Finding.test_only) -> test-only
  T09 carrier-protocol code whose only (non-test) hosts are loopback/simulators -> C-capable, low
  T10 a dependency whose only usage in the code is test-only (tests, servers, simulators) -> test-only
  T11 app -> Kannel/Jasmin HTTP API, SMSC config in repo -> scenario of that config (C by proxy)
  T12 app -> Kannel/Jasmin HTTP API, no SMSC config  -> C, low: "C-capable"
  T13 scenario none                                -> context
  T14 carrier-protocol evidence, hosts are an aggregator / SIM box -> the host's scenario (B / A)
  T15 the library's own code                       -> its scenario (what the library enables)
  T16 call / endpoint / hand-rolled protocol       -> live, high
  T17 import / config                              -> live, medium
  T18 106 number / dependency / credential         -> live, low
  T19 anything else                                -> context
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from scanner.licences import LICENCES, NO_SCENARIO
from scanner.model import Confidence, Evidence, Finding, ScanResult, Scenario, Span
from scanner.paths import is_test_path
from scanner.project import Package, ProjectInfo, in_package, is_sms_library, read_project

CARRIER_PROTOCOLS = frozenset({"smpp", "cmpp", "sgip", "smgp", "cngp"})
PROXY_GATEWAYS = frozenset({"kannel", "jasmin"})
TEST_HOSTS = frozenset({"loopback", "simulator"})
UNDECIDED_HOSTS = frozenset({"", "placeholder"})
GATEWAY_ROWS = frozenset({"T11", "T12"})  # sends through a self-hosted Kannel / Jasmin
EXPOSURE_ORDER = {"route": 0, "ingress": 1, "loadbalancer": 2, "port-mapping": 3, "bind": 4}

LICENCE_SUMMARY = {s: LICENCES[s].licence for s in ("A", "B", "C")} | {"none": NO_SCENARIO}


class Outcome(str, enum.Enum):
    LIVE = "live"  # counts toward a scenario
    PROXY = "proxy"  # counts, through a self-hosted gateway's SMSC config
    TEST_ONLY = "test_only"
    DORMANT = "dormant"
    EXPOSURE = "exposure"
    CONTEXT = "context"
    IGNORED = "ignored"

    @property
    def counts(self) -> bool:
        return self is _LIVE or self is _PROXY


_LIVE, _PROXY = Outcome.LIVE, Outcome.PROXY


class Facts(NamedTuple):
    """Everything `decide()` looks at for one finding (all plain values)."""

    scenario: str = "none"  # the finding's scenario (host override already applied)
    evidence: str = "call"
    suppressed: bool = False
    dormant: bool = False
    exposure: str = ""  # route | bind | ingress | loadbalancer | port-mapping
    test_path: bool = False  # Finding.test_only
    role: str = ""  # client | server | simulator
    protocol: str = ""  # smpp | cmpp | ... | http | at
    host_class: str = ""
    gateway_api: bool = False  # the app talks to a self-hosted Kannel/Jasmin HTTP API
    gateway_config: str = ""  # best scenario of that gateway's SMSC config in the repo ("" = none)
    host_decides: str = ""  # hostless carrier-protocol evidence: "" | "A" | "B" | "test"
    used_only_in_tests: bool = False  # a dependency whose code usage is all test-only
    modem_server: bool = False  # carrier-protocol evidence ending at an own SMSC server on modems
    in_library: bool = False  # the repository is an SMS library and this is its own code
    live_a: bool = False  # the repository has a live scenario A path


class Decision(NamedTuple):
    row: str
    outcome: Outcome
    scenario: str  # the scenario this finding is about ("none" when not)
    cap: Confidence  # the most confidence this finding can give its scenario
    why: str


_EVIDENCE_CAP = {
    "call": Confidence.HIGH,
    "endpoint": Confidence.HIGH,
    "protocol": Confidence.HIGH,
    "import": Confidence.MEDIUM,
    "config": Confidence.MEDIUM,
    "number": Confidence.LOW,
    "dependency": Confidence.LOW,
    "credential": Confidence.LOW,
}


def _cap(f: Facts) -> Confidence:
    return _EVIDENCE_CAP.get(f.evidence, Confidence.LOW)


class Row(NamedTuple):
    id: str
    when: Callable[[Facts], bool]
    outcome: Outcome
    scenario: Callable[[Facts], str]
    cap: Callable[[Facts], Confidence]
    why: str


def _own(f: Facts) -> str:
    return f.scenario


def _none(f: Facts) -> str:
    return "none"


def _low(f: Facts) -> Confidence:
    return Confidence.LOW


def _high(f: Facts) -> Confidence:
    return Confidence.HIGH


TABLE: tuple[Row, ...] = (
    Row(
        "T01",
        lambda f: f.suppressed,
        Outcome.IGNORED,
        _own,
        _low,
        "suppressed in source or by baseline",
    ),
    Row(
        "T02",
        lambda f: f.dormant,
        Outcome.DORMANT,
        _own,
        _low,
        "dormant: commented out or switched off by configuration; a capability, not a live path",
    ),
    Row(
        "T03",
        lambda f: bool(f.exposure) and f.live_a,
        Outcome.EXPOSURE,
        _none,
        _low,
        "public exposure while the SMS path is own SIM/modem (A): 'internal testing' is no longer internal",
    ),
    Row(
        "T04",
        lambda f: bool(f.exposure),
        Outcome.EXPOSURE,
        _none,
        _low,
        "public exposure of the service",
    ),
    Row(
        "T05",
        lambda f: f.modem_server and not f.test_path,
        Outcome.LIVE,
        lambda f: "A",
        lambda f: min(_cap(f), Confidence.MEDIUM, key=lambda c: c.rank),
        "an SMPP/CMPP server in this repository fronts own GSM modems: the carrier protocol "
        "ends at own SIM cards (A)",
    ),
    Row(
        "T06",
        lambda f: f.role in ("server", "simulator") and f.protocol != "http",
        Outcome.TEST_ONLY,
        _own,
        _low,
        "an SMSC server or simulator receives messages; it is not a carrier connection",
    ),
    Row(
        "T07",
        lambda f: f.host_class in TEST_HOSTS,
        Outcome.TEST_ONLY,
        _own,
        _low,
        "connects to loopback or a known SMSC simulator",
    ),
    Row(
        "T08",
        lambda f: f.test_path,
        Outcome.TEST_ONLY,
        _own,
        _low,
        "test-only: in tests / examples / demos / mocks (or marked so by its detector): never makes a scenario",
    ),
    Row(
        "T09",
        lambda f: f.host_decides == "test" and f.scenario == "C",
        Outcome.LIVE,
        _own,
        _low,
        "C-capable, low: this carrier-protocol code only connects to loopback or simulators "
        "here; the production SMSC is configured elsewhere (or it is a test client)",
    ),
    Row(
        "T10",
        lambda f: f.evidence == "dependency" and f.used_only_in_tests,
        Outcome.TEST_ONLY,
        _own,
        _low,
        "a dependency whose only use in the code is test-only (tests, SMSC servers, simulators)",
    ),
    Row(
        "T11",
        lambda f: f.gateway_api and bool(f.gateway_config),
        Outcome.PROXY,
        lambda f: f.gateway_config,
        _high,
        "sends through a self-hosted gateway whose SMSC configuration is in this repository: "
        "the gateway's upstream link decides (C by proxy when it binds to a carrier)",
    ),
    Row(
        "T12",
        lambda f: f.gateway_api,
        Outcome.LIVE,
        lambda f: "C",
        _low,
        "C-capable: sends through a self-hosted gateway whose SMSC configuration is not in this "
        "repository; check where the gateway connects",
    ),
    Row("T13", lambda f: f.scenario == "none", Outcome.CONTEXT, _none, _low, "context only"),
    Row(
        "T14",
        lambda f: f.host_decides in ("A", "B"),
        Outcome.LIVE,
        lambda f: f.host_decides,
        lambda f: min(_cap(f), Confidence.MEDIUM, key=lambda c: c.rank),
        "the host decides, not the protocol: this protocol only connects to an aggregator (B) "
        "or a LAN SIM box (A)",
    ),
    Row(
        "T15",
        lambda f: f.in_library,
        Outcome.LIVE,
        _own,
        _cap,
        "the repository is an SMS library: the scenario is what the library enables",
    ),
    Row(
        "T16",
        lambda f: f.evidence in ("call", "endpoint", "protocol"),
        Outcome.LIVE,
        _own,
        _high,
        "a call, endpoint or hand-rolled protocol code: strong evidence",
    ),
    Row(
        "T17",
        lambda f: f.evidence in ("import", "config"),
        Outcome.LIVE,
        _own,
        lambda f: Confidence.MEDIUM,
        "an import or configuration: medium evidence",
    ),
    Row(
        "T18",
        lambda f: f.evidence in ("number", "dependency", "credential"),
        Outcome.LIVE,
        _own,
        _low,
        "a number, dependency or credential alone gives at most low confidence",
    ),
    Row("T19", lambda f: True, Outcome.CONTEXT, _none, _low, "context only"),
)


def decide(facts: Facts) -> Decision:
    """The decision table: first matching row wins; T19 matches everything."""
    for row in TABLE:
        if row.when(facts):
            return Decision(row.id, row.outcome, row.scenario(facts), row.cap(facts), row.why)
    raise AssertionError("unreachable: the last row matches everything")  # pragma: no cover


# --- verdict data --------------------------------------------------------------------


class Reason(NamedTuple):
    """A finding as evidence for (or context of) a scenario, with the decision-table row that said so.

    Two reasons are the same evidence when they agree on everything but where exactly the
    finding is and what its line says (`key`)."""

    scenario: str
    rule_id: str
    path: str
    line: int
    message: str
    confidence: str = "low"
    evidence: str = ""
    row: str = ""
    span: Span | None = None  # not part of `key`
    snippet: str = ""  # not part of `key`
    line_hash: str = ""  # not part of `key`
    exposure: str = ""  # route | bind | ingress | loadbalancer | port-mapping

    @property
    def key(self) -> tuple[str, str, str, int, str, str, str, str, str]:
        """What makes two reasons the same evidence (span, snippet and line hash aside)."""
        return (
            self.scenario,
            self.rule_id,
            self.path,
            self.line,
            self.message,
            self.confidence,
            self.evidence,
            self.row,
            self.exposure,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "rule_id": self.rule_id,
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "confidence": self.confidence,
            "evidence": self.evidence,
            "row": self.row,
        } | ({"exposure": self.exposure} if self.exposure else {})


class TraceStep(NamedTuple):
    """One finding's way through the decision table (`smsscan scan --explain`)."""

    rule_id: str
    path: str
    line: int
    row: str
    outcome: str
    scenario: str
    confidence: str
    why: str
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


Groups = Mapping[tuple[str, str, int, str], str]  # (rule, path, line, message) -> group


class Verdict(NamedTuple):
    """The scenarios a codebase implements, why, and what does not count (test-only, dormant, exposure)."""

    scenarios: tuple[str, ...]  # sorted subset of "A", "B", "C"
    primary: str  # "C" > "B" > "A" > "none"
    reasons: tuple[Reason, ...]  # every live reason, strongest first
    test_only: tuple[Reason, ...] = ()
    confidence: tuple[tuple[str, str], ...] = ()  # (scenario, high|medium|low)
    dormant: tuple[Reason, ...] = ()
    exposure: tuple[Reason, ...] = ()
    exposure_warning: str = ""
    library: Package | None = None
    notes: tuple[str, ...] = ()
    trace: tuple[TraceStep, ...] = ()
    groups: Groups | None = None  # `groups_of(trace)`, which `infer` fills in

    @property
    def summary(self) -> str:
        return LICENCE_SUMMARY[self.primary]

    def confidence_of(self, scenario: str) -> str:
        return dict(self.confidence).get(scenario, "")

    def group_of(self, f: Finding) -> str:
        """Where a finding belongs in a report: its counted scenario ("A"/"B"/"C"), or
        "test_only", "dormant", "exposure", "none" (context / suppressed)."""
        groups = self.groups if self.groups is not None else groups_of(self.trace)
        return groups.get((f.rule_id, f.path, f.span.start_line, f.message), "none")

    def reasons_for(self, scenario: str) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.scenario == scenario)

    @property
    def headline(self) -> str:
        """One sentence: the scenario(s) and the licence consequence."""
        if not self.scenarios:
            return f"No SMS-sending scenario found. {self.summary}"
        conf = ", ".join(f"{s}: {self.confidence_of(s)} confidence" for s in self.ordered)
        return (
            f"Scenario {' + '.join(self.ordered)} (primary {self.primary}; {conf}). {self.summary}"
        )

    @property
    def ordered(self) -> tuple[str, ...]:
        """Scenarios strictest first: C, B, A."""
        return tuple(s for s in ("C", "B", "A") if s in self.scenarios)

    def to_dict(self, reason: Callable[[Reason], Any] = Reason.to_dict) -> dict[str, Any]:
        """The verdict as plain data; `reason` gives each reason's value (a report may
        write them from a template)."""
        return {
            "scenarios": list(self.scenarios),
            "primary": self.primary,
            "summary": self.summary,
            "confidence": dict(self.confidence),
            "licences": [LICENCES[s].to_dict() for s in self.ordered],
            "reasons": [reason(r) for r in self.reasons],
            "test_only": [reason(r) for r in self.test_only],
            "dormant": [reason(r) for r in self.dormant],
            "exposure": [reason(r) for r in self.exposure],
            "exposure_warning": self.exposure_warning,
            "library": self.library.to_dict() if self.library else None,
            "notes": list(self.notes),
        }


def groups_of(trace: Sequence[TraceStep]) -> Groups:
    """The report group of each traced finding (see `Verdict.group_of`)."""
    out: dict[tuple[str, str, int, str], str] = {}
    for t in trace:
        if t.outcome in ("live", "proxy"):
            group = t.scenario
        elif t.outcome in ("test_only", "dormant", "exposure"):
            group = t.outcome
        else:
            group = "none"
        out[(t.rule_id, t.path, t.line, t.message)] = group
    return out


def top_reasons(reasons: Sequence[Reason], n: int = 3) -> tuple[Reason, ...]:
    """The n strongest reasons (they arrive strongest first), preferring different
    files among the medium/high ones so that a mixed codebase shows each path."""
    picked: set[tuple[str, str, str, int, str, str, str, str, str]] = set()  # their keys
    seen: set[str] = set()
    for r in reasons:
        if r.path not in seen and r.confidence != "low" and len(picked) < n:
            seen.add(r.path)
            picked.add(r.key)
    for r in reasons:
        if len(picked) >= n:
            break
        picked.add(r.key)
    return tuple(r for r in reasons if r.key in picked)


# --- repository-level facts ------------------------------------------------------------


def _alive(f: Finding) -> bool:
    return f.suppression is None and not f.test_only and f.attr("dormant") != "true"


def _gateway_api(f: Finding) -> bool:
    """The application sends through a Kannel/Jasmin HTTP API (not the gateway's own config)."""
    return (
        f.attr("gateway") in PROXY_GATEWAYS
        and f.attr("protocol") in ("http", "")
        and f.attr("role") != "server"
    )


def _gateway_configs(findings: Sequence[Finding]) -> dict[str, str]:
    """gateway -> strictest scenario of its live SMSC config findings in the repository."""
    out: dict[str, str] = {}
    for f in findings:
        gw = f.attr("gateway")
        if gw not in PROXY_GATEWAYS or _gateway_api(f) or not _alive(f):
            continue
        if f.scenario is Scenario.NONE or f.attr("role") in ("server", "simulator"):
            continue
        if f.attr("host_class") in TEST_HOSTS:
            continue
        best = out.get(gw, "none")
        if f.scenario.rank > Scenario(best).rank:
            out[gw] = f.scenario.value
    return out


def _host_verdict(hosted: list[Finding]) -> str:
    """ "" (undecided or C), "A", "B" or "test" from the host-bearing findings of one protocol."""
    deciding = [f for f in hosted if f.attr("host_class") not in UNDECIDED_HOSTS]
    if not deciding:
        return ""
    if any(f.attr("host_class") not in TEST_HOSTS and f.scenario is Scenario.C for f in deciding):
        return ""
    scen = {f.scenario.value for f in deciding if f.attr("host_class") not in TEST_HOSTS}
    for s in ("B", "A"):
        if s in scen:
            return s
    return "test"


def _host_decisions(findings: Sequence[Finding]) -> dict[tuple[str, str], str]:
    """(path, protocol) -> host verdict for hostless carrier-protocol evidence;
    ("", protocol) holds the repository-wide verdict."""
    hosted: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        proto = f.attr("protocol")
        if proto not in CARRIER_PROTOCOLS or not f.attr("host") or f.suppression is not None:
            continue
        if f.attr("dormant") == "true" or f.attr("role") in ("server", "simulator"):
            continue
        hosted.setdefault((f.path, proto), []).append(f)
        if not is_test_path(f.path):  # a test's localhost must not decide for the app
            hosted.setdefault(("", proto), []).append(f)
    return {k: _host_verdict(v) for k, v in hosted.items()}


def _testish(f: Finding) -> bool:
    return (
        f.test_only
        or f.attr("role") in ("server", "simulator")
        or f.attr("host_class") in TEST_HOSTS
    )


def _test_only_usage(findings: Sequence[Finding]) -> frozenset[str]:
    """Protocols / providers whose code usage (anything but a dependency) is all test-only."""
    usage: dict[str, list[Finding]] = {}
    for f in findings:
        if f.suppression is not None or f.attr("dormant") == "true":
            continue
        if f.evidence is Evidence.DEPENDENCY:
            continue
        for key in (f.attr("protocol"), f.attr("provider"), f.attr("library")):
            if key:
                usage.setdefault(key, []).append(f)
    return frozenset(k for k, fs in usage.items() if all(_testish(f) for f in fs))


LOCAL_HOSTS = frozenset({"", "placeholder", "unknown", "private", "loopback"})


def _modem_server_protocols(findings: Sequence[Finding]) -> frozenset[str]:
    """Carrier protocols served by an own SMSC server when the repository also has a live
    own-modem (A) path: that server is a front for the modems."""
    live_a = any(
        f.scenario is Scenario.A and _alive(f) and f.attr("role") not in ("server", "simulator")
        for f in findings
    )
    if not live_a:
        return frozenset()
    return frozenset(
        f.attr("protocol")
        for f in findings
        if f.attr("role") == "server"
        and f.attr("protocol") in CARRIER_PROTOCOLS
        and _alive(f)
        and f.attr("host_class") not in ("simulator",)
    )


def _library(findings: Sequence[Finding], project: ProjectInfo) -> Package | None:
    labels = {f.attr("library") for f in findings if f.attr("library")}
    for pkg in project.packages:
        if not is_sms_library(pkg, labels):
            continue
        if any(_alive(f) and in_package(pkg, f.path) for f in findings):
            return pkg
    return None


def facts_for(
    f: Finding,
    *,
    host_decisions: dict[tuple[str, str], str] | None = None,
    gateway_configs: dict[str, str] | None = None,
    library: Package | None = None,
    test_usage: frozenset[str] = frozenset(),
    modem_servers: frozenset[str] = frozenset(),
    live_a: bool = False,
) -> Facts:
    attr = f.attr  # (a map built once per finding: read a dozen times here)
    proto = attr("protocol", "")
    host_decides = ""
    if (
        host_decisions is not None
        and proto in CARRIER_PROTOCOLS
        and not attr("host")
        and f.scenario is Scenario.C
    ):
        host_decides = host_decisions.get((f.path, proto)) or host_decisions.get(("", proto), "")
    gw_api = _gateway_api(f)
    host_class = attr("host_class", "")
    return Facts(
        scenario=f.scenario.value,
        evidence=f.evidence.value,
        suppressed=f.suppression is not None,
        dormant=attr("dormant") == "true",
        exposure=attr("exposure", ""),
        test_path=f.test_only,
        role=attr("role", ""),
        protocol=proto,
        host_class=host_class,
        gateway_api=gw_api,
        gateway_config=(gateway_configs or {}).get(attr("gateway", ""), "") if gw_api else "",
        host_decides=host_decides,
        used_only_in_tests=f.evidence is Evidence.DEPENDENCY
        and any(attr(a) in test_usage for a in ("protocol", "provider", "library") if attr(a)),
        modem_server=proto in modem_servers and host_class in LOCAL_HOSTS,
        in_library=library is not None and in_package(library, f.path),
        live_a=live_a,
    )


# --- the verdict -----------------------------------------------------------------------


def _reason(f: Finding, d: Decision, conf: Confidence) -> Reason:
    scen = d.scenario if d.scenario != "none" else f.scenario.value
    return Reason(
        scen,
        f.rule_id,
        f.path,
        f.span.start_line,
        f.message,
        conf.value,
        f.evidence.value,
        d.row,
        f.span,
        f.snippet,
        f.line_hash,
        f.attr("exposure"),
    )


def _strength(r: Reason) -> tuple[int, int, int]:
    return (
        -Scenario(r.scenario).rank,
        -Confidence(r.confidence).rank,
        -Evidence(r.evidence).strength if r.evidence else 0,
    )


def infer(findings: Sequence[Finding], project: ProjectInfo | None = None) -> Verdict:
    findings = sorted(findings, key=lambda f: f.sort_key)
    library = _library(findings, project) if project else None
    ctx: dict[str, Any] = {
        "host_decisions": _host_decisions(findings),
        "gateway_configs": _gateway_configs(findings),
        "library": library,
        "test_usage": _test_only_usage(findings),
        "modem_servers": _modem_server_protocols(findings),
    }
    decided = [(f, decide(facts_for(f, **ctx))) for f in findings]
    live_a = any(d.outcome.counts and d.scenario == "A" for _, d in decided)
    if live_a:  # exposure rows depend on it
        decided = [
            (f, decide(facts_for(f, **ctx, live_a=True)) if f.attr("exposure") else d)
            for f, d in decided
        ]
    best: dict[str, Confidence] = {}
    live: list[Reason] = []
    buckets: dict[Outcome, list[Reason]] = {}
    trace: list[TraceStep] = []
    for f, d in decided:
        conf = min(f.confidence, d.cap, key=lambda c: c.rank)
        trace.append(
            TraceStep(
                f.rule_id,
                f.path,
                f.span.start_line,
                d.row,
                d.outcome.value,
                d.scenario,
                conf.value if d.outcome.counts else "",
                d.why,
                f.message,
            )
        )
        r = _reason(f, d, conf)
        if d.outcome.counts:
            live.append(r)
            prev = best.get(d.scenario)
            if prev is None or conf.rank > prev.rank:
                best[d.scenario] = conf
        else:
            buckets.setdefault(d.outcome, []).append(r)
    scenarios = tuple(sorted(best))
    primary = max(scenarios, key=lambda s: Scenario(s).rank) if scenarios else "none"
    live.sort(key=lambda r: (*_strength(r), r.path, r.line, r.rule_id, r.message))
    exposure = tuple(
        sorted(buckets.get(Outcome.EXPOSURE, ()), key=lambda r: EXPOSURE_ORDER.get(r.exposure, 9))
    )
    warning = ""
    if exposure and "A" in scenarios:
        first = exposure[0]
        warning = (
            f"The own-SIM/modem path (A) is publicly exposed ({first.path}:{first.line}): "
            "'internal testing' is no longer internal; without a licensed platform or an SP "
            "licence this is unlicensed public SMS sending."
        )
    verdict = Verdict(
        scenarios=scenarios,
        primary=primary,
        reasons=tuple(live),
        test_only=tuple(buckets.get(Outcome.TEST_ONLY, ())),
        confidence=tuple((s, best[s].value) for s in scenarios),
        dormant=tuple(buckets.get(Outcome.DORMANT, ())),
        exposure=exposure,
        exposure_warning=warning,
        library=library if library and scenarios else None,
        trace=tuple(trace),
        groups=groups_of(trace),
    )
    return verdict._replace(notes=_notes(verdict, decided))


def _notes(v: Verdict, decided: list[tuple[Finding, Decision]]) -> tuple[str, ...]:
    notes: list[str] = []
    rows = {d.row for _, d in decided if d.outcome.counts}
    if v.exposure_warning:
        notes.append(v.exposure_warning)
    if "T12" in rows:
        notes.append(
            "C-capable, gateway config not in this repository: the code sends through a "
            "self-hosted Kannel/Jasmin gateway; its SMSC link (carrier = C, aggregator = B, "
            "own modem = A) is configured elsewhere."
        )
    if "T11" in rows:
        notes.append(
            "Sends through a self-hosted Kannel/Jasmin gateway whose SMSC configuration is in "
            "this repository: the gateway's upstream link decides the scenario."
        )
    if "T14" in rows:
        notes.append(
            "The host decides, not the protocol: some carrier-protocol code only connects to an "
            "SMS aggregator (B) or a LAN SIM box (A)."
        )
    if v.library is not None:
        notes.append(
            f"This repository is an SMS library ({v.library.name}, {v.library.manifest}): the "
            "scenario is what the library enables for the applications that use it."
        )
    for s in v.ordered:
        if v.confidence_of(s) == "low" and all(
            r.evidence in ("dependency", "credential", "number") for r in v.reasons_for(s)
        ):
            notes.append(
                f"Scenario {s} rests only on a dependency, credential or number (low confidence): "
                "no call site was found."
            )
    if v.dormant:
        notes.append(
            f"{len(v.dormant)} dormant finding(s) (commented out or disabled): the capability "
            "exists but does not count."
        )
    if v.test_only:
        notes.append(
            f"{len(v.test_only)} test-only finding(s) (tests, simulators, loopback, SMSC servers) "
            "do not count."
        )
    return tuple(notes)


def verdict_for(result: ScanResult) -> Verdict:
    """The verdict of a scan, with the repository's own manifests read from its root
    (they only tell which findings are in a library: no findings, nothing to read)."""
    return infer(result.findings, read_project(result.root) if result.findings else None)
