"""The text gates of sms_credentials, dormant and carrier_handrolled look for words with
patterns anchored on a literal character, in a case-folded byte copy of the text, and
run their exact regexes only at candidate places. They must answer exactly as the
straightforward versions kept here (the gates as they were: one regex search or one
`in` per word over the whole text), on texts built from the words they look for, their
case variants, separators and the non-ASCII characters that case folding treats
specially."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from detectors import carrier_handrolled as ch
from detectors import dormant as dm
from detectors import sms_credentials as sc
from scanner import classify as k

# non-ASCII characters lower() or IGNORECASE relate to ASCII letters, others, and
# Unicode spaces / line breaks / word characters
ODD = ["\u0130", "\u0131", "\u017f", "\u212a", "é", "短信", "中", "\u3000", "\u00a0", "\u2028"]
ODD += ["\x85", "\x1c", "\ud800", "١"]
SEPARATORS = [" ", "\t", "\n", "\r", "\r\n", "_", "-", ".", "=", ":", ",", ";", "(", ")"]
SEPARATORS += ["[", "]", '"', "'", "`", "#", "//", "/*", "*/", "\\", "$", "->", "::", "?"]

# hypothesis' shrinking likes short texts, so fragments are glued from a few pieces
_ALNUM = "aZ09bYx5QKfE"


def _texts(
    words: list[str], *extra: st.SearchStrategy[str], max_size: int = 14
) -> st.SearchStrategy[str]:
    runs = st.builds(
        lambda n, seed: "".join(_ALNUM[(seed + 7 * i) % len(_ALNUM)] for i in range(n)),
        st.integers(1, 40),
        st.integers(0, 99),
    )
    hexes = st.integers(1, 40).map(lambda n: ("0123456789abcdef" * 3)[:n])
    cased = st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w, w, w.lower(), w.upper(), w.title(), w.swapcase(), w[:-1]])
    )
    pieces = [cased, cased, cased, st.sampled_from(SEPARATORS), st.sampled_from(ODD), runs, hexes]
    return st.lists(st.one_of(*pieces, *extra, *extra), max_size=max_size).map("".join)


def _joined(*parts: list[str]) -> st.SearchStrategy[str]:
    """One of each list, concatenated: a likely statement."""
    return st.tuples(*(st.sampled_from(p) for p in parts)).map("".join)


# --- sms_credentials ----------------------------------------------------------------

_OLD_SHAPED = re.compile(r"LTAI[0-9A-Za-z]{12}|AKID[0-9A-Za-z]{32}|AC[0-9a-f]{32}")
_OLD_CARRIER_WORDS = ("cmpp", "sgip", "smgp", "ismg", "cngp")
_OLD_CARRIER_KEY = re.compile(r"sp[^a-z0-9\n]{0,3}secret|login[^a-z0-9\n]{0,3}passowrd")
_OLD_QUOTED_RUN = re.compile(r"[\"'`]\s*[0-9A-Za-z]{20}")


def _credentials_reference(text: str, kind: str) -> bool:
    if _OLD_SHAPED.search(text):
        return True
    low = text.lower()
    if any(w in low for w in _OLD_CARRIER_WORDS) or _OLD_CARRIER_KEY.search(low):
        return True
    value = _OLD_QUOTED_RUN if kind in k.CODE_KINDS else sc._VALUE_RUN
    provider = any(w in low for w in sc._PROVIDER_WORDS) or re.search(r"\bLTAI|\bAKID", text)
    return bool(provider) and bool(value.search(text))


CREDENTIAL_WORDS = [
    *sc._PROVIDER_WORDS, *_OLD_CARRIER_WORDS, "LTAI", "AKID", "AC", "sp", "secret", "login",
    "passowrd", "LoginPassowrd", "sp_secret", "SP-SECRET", "Aliyun", "LTAI5t", "AKIDab",
]  # fmt: skip
KINDS = [k.PYTHON, k.JAVA, k.GO, k.YAML, k.PROPERTIES, k.JSON, k.KOTLIN, k.INI]
_GAPS = ["", "_", "-", "__", "_-_", " : ", "中中中", "\u0130", "\n", "____", "x"]
_KEYS = st.one_of(
    _joined(["login", "Login", "LOGIN", "logın"], _GAPS, ["passowrd", "Passowrd", "password"]),
    _joined(["sp", "Sp", "SP", "cmpp2_sp", "ſp"], _GAPS, ["secret", "Secret", "SECRET"]),
    _joined(["LTAI", "AKID", "AC", "SK", "ltai", "A"], ["", "5t"], [_ALNUM * 3, "0123abcdef" * 4]),
)


@settings(max_examples=800, deadline=None)
@given(_texts(CREDENTIAL_WORDS, _KEYS), st.sampled_from(KINDS))
def test_credentials_gate_is_the_plain_one(text: str, kind: str) -> None:
    assert sc.gate(text, kind, "x") == _credentials_reference(text, kind), text


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), _texts(CREDENTIAL_WORDS, _KEYS)))
def test_credentials_folding_is_lower_then_ascii(text: str) -> None:
    assert sc._folded(text) == text.lower().encode("ascii", "replace")


@settings(max_examples=500, deadline=None)
@given(_texts(CREDENTIAL_WORDS, _KEYS))
def test_credential_finders_find_the_words(text: str) -> None:
    low = sc._folded(text)
    words = sc._PROVIDER_WORDS
    assert any(f.search(low) for f in sc._PROVIDER_FINDERS) == any(w.encode() in low for w in words)
    carrier = any(w.encode() in low for w in _OLD_CARRIER_WORDS if w != "ismg")
    key = bool(_OLD_CARRIER_KEY.search(text.lower()))
    assert bool(sc._CARRIER_OR_KEY.search(low)) == (carrier or key)
    assert bool(sc._SHAPED.search(text)) == bool(_OLD_SHAPED.search(text))


# --- dormant ------------------------------------------------------------------------


def _old_disabled_flag_possible(text: str, kind: str) -> bool:
    if not (dm._SMS_ANY.search(text) and dm._OFF_WORD.search(text)):
        return False
    if kind == k.PYTHON:
        return bool(dm._PY_FLAG_LAST.search(text) or dm._PY_FLAG_FIRST.search(text))
    return bool(dm._FLAG_WORD.search(text))


def _dormant_reference(text: str, kind: str) -> bool:
    if not dm.WORTH_PARSING.search(text):
        return False
    # without a folded copy (None) the commented-call test runs `finditer`, as before the
    # candidates; that the candidates give finditer's matches is tested below
    if kind in k.CODE_KINDS and dm._commented_call_possible(text, kind, None):
        return True
    return kind in dm.FLAG_KINDS and _old_disabled_flag_possible(text, kind)


DORMANT_WORDS = [
    "send", "sendSms", "submit", "submit_sm", "submitShortMessage", "submit_multi", "dispatch",
    "dispatch_sms", "push", "pushSms", "sms", "SMS", "smpp", "cmpp", "enable", "enabled",
    "switch", "on", "open", "active", "false", "0", "off", "n", "no", "disable", "disabled",
    "sms.enabled", "SMS_ENABLED", "client.", "$easySms->", "(", " = ", ": ", "#", "// ",
]  # fmt: skip
DORMANT_KINDS = [k.PYTHON, k.JAVA, k.KOTLIN, k.GO, k.PHP, k.JAVASCRIPT, k.YAML, k.PROPERTIES]


_MARKERS = ["", "# ", "// ", "/* ", "  //", "* ", "x = 1 # ", "/*\n"]
_CALLS = _joined(
    _MARKERS,
    ["", "client.", "$easySms->", "self.sms.", "Sms::", "a_", "ſ", "İ", "send", "push"],
    [
        *("send", "Send", "SEND", "sendSms", "send_sms", "submit_sm", "SubmitShortMessage"),
        *("submit_multi", "dispatch_sms", "pushSms", "PUSH_SMS", "ſend", "submıt_sm", "sendsend"),
        "resend",
    ],
    ["", "Code", "_now", "中", "中x", "é_2", "\u3000\u3000"],
    ["(", " (", "\u3000(", "\n(", ")", " = "],
    ["", "*/", "\n"],
)
_FLAGS = _joined(
    ["", "\n", "  ", "settings.", "'", "cfg['"],
    ["sms", "SMS", "Sms", "ſms", "aliyun_sms", "enable_sms", "sms_x", "mail"],
    [".", "_", "-", " ", "']['", ""],
    ["enabled", "ENABLE", "switch", "send", "on", "open", "active", "enabledX", "Kind"],
    ["", "'", "']", " \\\n", ")"],
    ["=", " = ", ": ", ":", "=="],
    ["false", "False", "0", "off", "no", "N", "disabled", "true", "ſ", "0x"],
)


@settings(max_examples=800, deadline=None)
@given(_texts(DORMANT_WORDS, _CALLS, _FLAGS), st.sampled_from(DORMANT_KINDS))
def test_dormant_gate_is_the_plain_one(text: str, kind: str) -> None:
    assert dm.gate(text, kind, "x") == _dormant_reference(text, kind), text


@settings(max_examples=500, deadline=None)
@given(_texts(DORMANT_WORDS, _CALLS, _FLAGS))
def test_dormant_candidates_give_finditers_matches(text: str) -> None:
    low = dm._folded(text)
    if low is None:  # a character (?i) matches to an ASCII letter: the plain regexes run
        assert any(c in text for c in dm._CASELESS_ODD)
        return
    starts = dm._verb_starts(low)
    for pattern in (dm._SEND_CALL_TEXT, dm._SEND_CALL_ANYWHERE):
        expected = [m.start() for m in pattern.finditer(text)]
        assert list(dm._send_calls(text, pattern, starts)) == expected, text
    last, first = dm._PY_FLAG_LAST, dm._PY_FLAG_FIRST
    assert dm._matches_at(last, dm._PY_FLAG_LAST_AT, text, low) == bool(last.search(text))
    assert dm._matches_at(first, (dm._PY_FLAG_FIRST_AT,), text, low) == bool(first.search(text))


# --- carrier_handrolled -------------------------------------------------------------


def _old_carrier_possible(text: str) -> bool:
    auth = (
        ("Authenticator" in text or "authenticator_source" in text)
        and any(v in text for v in ("md5", "MD5", "Md5", "mD5"))
        and bool(ch._AUTH.search(text) and ch._MD5.search(text))
    )
    for proto in ("cmpp", "sgip", "smgp", "cngp"):
        n_cmds = ch._present(text, [proto.upper() + "_" + c for c in ch.CMDS[proto]])
        if proto == "cngp" and not n_cmds:
            continue
        n_strong = ch._present(text, ch.STRONG_NAMES[proto])
        n_weak = ch._present(text, ch.WEAK_NAMES[proto])
        has_auth = auth and proto in ("cmpp", "smgp", "cngp")
        if ch._carrier_verdict(n_cmds, n_strong, n_weak, has_auth) is not None:
            return True
    return False


def _old_smpp_possible(text: str) -> bool:
    if "0x" not in text:
        return False
    return len({n.lower().replace("_", "") for n in ch.SMPP_CONST.findall(text)}) >= 2


CARRIER_WORDS = [
    *(f"{p.upper()}_{c}" for p, cmds in ch.CMDS.items() for c in cmds[:4]), "CMPP_", "SMGP_",
    *(n for names in ch.STRONG_NAMES.values() for n in names),
    *(n for names in ch.WEAK_NAMES.values() for n in names),
    "Authenticator", "authenticator_source", "XAuthenticator", "md5", "MD5", "Md5",
    'MessageDigest.getInstance("MD5")', "createHash('md5", " = 0x0000000", "0x",
    *(n for spellings in ch._SMPP_SPELLINGS for n in spellings),
    *ch._SMPP_PREFIXES, "_RESP", "Resp", "_ID", " uint32 ", "(int) ", "int32(",
]  # fmt: skip


_SMPP_DEFINITIONS = _joined(
    ["", "\n", " ", ".", "x", "'", '"'],
    ["", *ch._SMPP_PREFIXES, "CMD_"],
    [n for spellings in ch._SMPP_SPELLINGS for n in spellings] + ["SUBMIT", "Bind_Receiver"],
    ["", "_RESP", "Resp", "_ID", "Id", "'"],
    ["", " ", "\t", " uint32 ", " : ", ",", " DATA_SM ", " deliver_sm\n"],  # a type, or a name
    ["", "=", ":", ",", " = ", "(int) ", "int32(", "uint32("],
    ["0x00000004", "0x1", "0x8000000B", "0xZ", "0x123456789", "4"],
    ["\n", ";\n", ",", "", "x"],
)
_CARRIER_NAMES = st.sampled_from(
    [f"{p.upper()}_{c}" for p, cmds in ch.CMDS.items() for c in cmds]
    + [n for names in ch.STRONG_NAMES.values() for n in names]
    + [n for names in ch.WEAK_NAMES.values() for n in names]
    + ["Authenticator", 'md5 = MessageDigest.getInstance("MD5")', "Md5", " md5 "]
)


@settings(max_examples=800, deadline=None)
@given(_texts(CARRIER_WORDS, _SMPP_DEFINITIONS, _CARRIER_NAMES, max_size=18))
def test_handrolled_gate_is_the_plain_one(text: str) -> None:
    expected = _old_carrier_possible(text) or _old_smpp_possible(text)
    assert ch.gate(text, k.JAVA, "x") == expected, text
    assert ch._smpp_possible(text) == _old_smpp_possible(text), text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_SMPP_DEFINITIONS, st.sampled_from(SEPARATORS + ODD)), max_size=8))
def test_smpp_gate_reads_findall_from_candidates(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert ch._smpp_possible(text) == _old_smpp_possible(text), text


_AUTH_PIECES = ["Authenticator", "authenticator_source", "AuthenticatorClient", "XAuthenticator"]
_AUTH_PIECES += ["md5", 'MessageDigest.getInstance( "MD5")', "createHash('md5')", "Md5x", "MD5"]


_WEAK_AND_OTHERS = [*ch.WEAK_NAMES["cmpp"][:3], *ch.WEAK_NAMES["smgp"], *_AUTH_PIECES]
_WEAK_AND_OTHERS += ["SrcTermID", "CNGP_LOGIN", "SGIP_BIND", "x"]


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["Authenticator", "authenticator_source", "XAuthenticator", ""]),
    st.lists(st.tuples(st.sampled_from(_WEAK_AND_OTHERS), st.sampled_from([" ", "\n", "", "_"]))),
    st.sampled_from(["md5", 'MessageDigest.getInstance("MD5")', "Md5x", ""]),
)
def test_handrolled_gate_on_the_authenticator_alone(
    auth: str, pieces: list[tuple[str, str]], md5: str
) -> None:
    """No command, no strong name: the Authenticator digest and two weak names."""
    text = " ".join((auth, *(a + b for a, b in pieces), md5))
    assert ch._carrier_possible(text) == _old_carrier_possible(text), text


@settings(max_examples=500, deadline=None)
@given(_texts(CARRIER_WORDS, _SMPP_DEFINITIONS, _CARRIER_NAMES, max_size=18))
def test_handrolled_finders_find_the_names(text: str) -> None:
    names = [p.upper() + "_" for p in ch.CMDS] + [n for v in ch.STRONG_NAMES.values() for n in v]
    assert ch._found(ch._COUNTED, text) == any(n in text for n in names)
    spellings = [n for s in ch._SMPP_SPELLINGS for n in s]
    assert ch._found(ch._SMPP_FINDERS, text) == any(n in text for n in spellings)
    md5 = any(v in text for v in ("md5", "MD5", "Md5", "mD5"))
    assert ch._auth(text) == bool(md5 and ch._AUTH.search(text) and ch._MD5.search(text))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_name_patterns_only_match_names_holding_their_literal_core(data):
    # classify_name runs the name patterns' regex only for names holding one of the cores
    import fnmatch

    pattern, _kind = data.draw(st.sampled_from(k._NAME_PATTERNS))
    name = data.draw(st.from_regex(fnmatch.translate(pattern), fullmatch=True))
    assert k._literal_core(pattern) in name
    assert k._classify_lower_name.__wrapped__(name.lower()) is not None


def test_literal_cores_of_fnmatch_patterns():
    assert k._literal_core("*.py[cod]") == ".py"
    assert k._literal_core("[!a]bcd*") == "bcd"
    assert k._literal_core("x[y") == "x[y"  # an unclosed bracket is a literal
    assert k._literal_core("ab[]x]c") == "ab"
    assert set(k._NAME_CORES) == {k._literal_core(p) for p, _ in k._NAME_PATTERNS}
