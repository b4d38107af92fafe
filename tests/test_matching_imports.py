"""`matching_imports` finds an import's longest matching table prefix from the cuts of its
module at separators; it must answer as testing every prefix with `module_matches` does."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.facts import Import
from scanner.model import Span
from scanner.signatures import matching_imports, module_matches

PARTS = ["org", "jsmpp", "session", "smpplib", "client", "a", "b", "github.com", "x", ""]
SEPS = [".", "/", "::", ":", ""]

names = st.builds(
    lambda parts, seps: "".join(p + s for p, s in zip(parts, seps, strict=False)),
    st.lists(st.sampled_from(PARTS), min_size=1, max_size=4),
    st.lists(st.sampled_from(SEPS), min_size=0, max_size=4),
)


def _reference(imports: list[Import], table: dict[str, str]) -> list[tuple[Import, str]]:
    out = []
    prefixes = sorted(table, key=len, reverse=True)
    for imp in imports:
        candidates = [imp.module] + [f"{imp.module}.{n}" for n in imp.names]
        for p in prefixes:
            if any(module_matches(c, p) for c in candidates):
                out.append((imp, table[p]))
                break
    return out


@settings(max_examples=600, deadline=None)
@given(
    st.lists(st.tuples(names, st.lists(st.sampled_from(PARTS), max_size=2)), max_size=5),
    st.dictionaries(names, st.sampled_from(["L1", "L2", "L3"]), max_size=8),
)
def test_same_answers_as_every_prefix_tested(mods, table):
    span = Span(1, 1, 1, 2)
    imports = [Import(m, span, tuple(n for n in ns if n)) for m, ns in mods]
    ctx = SimpleNamespace(facts=SimpleNamespace(imports=tuple(imports)))
    assert matching_imports(ctx, table) == _reference(imports, table)  # type: ignore[arg-type]


def test_longest_prefix_and_table_order():
    span = Span(1, 1, 1, 2)
    imports = (Import("org.jsmpp.session.SMPPSession", span), Import("smpplib", span, ("client",)))
    ctx = SimpleNamespace(facts=SimpleNamespace(imports=imports))
    table = {"org.jsmpp": "jsmpp", "org.jsmpp.session": "session", "smpplib.client": "smpplib"}
    got = matching_imports(ctx, table)  # type: ignore[arg-type]
    assert [label for _, label in got] == ["session", "smpplib"]
