"""Dormant SMS sending: a send call that is commented out, or a configuration
flag that switches SMS sending off (`sms.enabled=false`).

Dormant evidence shows a capability, never a live path: the verdict lists it
under `dormant` and does not count it. The finding carries the scenario the
commented code points to (by its words) and the attribute dormant=true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from detectors._sms_calls import (
    COMMENTED_CALL,
    is_send_call,
    is_send_name,
    mentions_sms,
    scenario_of_text,
)
from detectors._text_search import matches_from
from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.facts import Call
from scanner.model import (
    Confidence,
    Evidence,
    Example,
    Precision,
    Rule,
    Scenario,
    Severity,
    Span,
)

CODE_LANGS = ("python", "java", "kotlin", "go", "javascript", "typescript", "php")
FLAG_WORDS = frozenset({"enable", "enabled", "switch", "on", "open", "active", "send"})
OFF_VALUES = frozenset({"false", "0", "off", "no", "disabled", "disable", "n"})

SMS9121 = Rule(
    id="SMS9121",
    name="CommentedOutSmsSend",
    short_description="An SMS send call is commented out",
    full_description=(
        "A call that sends SMS (send_sms / sendSms / SendSms / submit_sm / submitShortMessage / "
        "$easySms->send ...) sits in a comment. The capability exists but is dormant."
    ),
    help_markdown=(
        "**Why it matters.** Commented-out sending code does not send today, so it does not change "
        "the verdict, but it shows a path that can be switched back on with a one-line change.\n\n"
        "**What to check.** Ask whether it will be re-enabled; if so, review it as live code "
        "(its scenario is in the finding). Otherwise delete it."
    ),
    scenario=Scenario.NONE,
    severity=Severity.INFO,
    precision=Precision.MEDIUM,
    evidence=Evidence.CALL,
    languages=CODE_LANGS,
    tags=("dormant",),
    invalid=(
        Example(
            "from tencentcloud.sms.v20210111 import sms_client\n\n"
            "def notify(client, req):\n"
            "    # resp = client.SendSms(req)  # expect: SMS9121\n"
            "    return None\n",
            "notify/sms.py",
        ),
        Example(
            "class Gw {\n  void send(SMPPSession session) {\n"
            '    // session.submitShortMessage("CMT", src, dst, body); // expect: SMS9121\n'
            "  }\n}\n",
            "src/main/java/Gw.java",
        ),
        Example(
            "fun notify(phone: String) {\n    // smsService.sendSms(phone, code) // expect: SMS9121\n}\n",
            "src/main/kotlin/Notify.kt",
        ),
        Example(
            "package sms\n\nfunc Notify() {\n\t// client.SendSms(request) // expect: SMS9121\n}\n",
            "sms/notify.go",
        ),
        Example(
            "async function notify(phone) {\n  // await smsClient.sendSms(phone, code); // expect: SMS9121\n}\n",
            "lib/notify.js",
        ),
        Example(
            "export async function notify(phone: string) {\n"
            "  /* await smsService.sendVerifyCode(phone) */ // expect: SMS9121\n}\n",
            "src/notify.ts",
        ),
        Example(
            "<?php\nfunction notify($easySms, $phone) {\n"
            "    // $easySms->send($phone, ['template' => 'SMS_1']); // expect: SMS9121\n}\n",
            "app/Notify.php",
        ),
    ),
    valid=(
        Example(
            "# send_sms() is called by the worker when a code is requested\nimport os\n",
            "notes.py",
            "prose about a function, not commented-out code",
        ),
        Example(
            "def f(client, req):\n    client.SendSms(req)  # live call\n",
            "sms.py",
            "a live call is not dormant",
        ),
        Example("// logger.send(event)\nconst x = 1;\n", "a.js", "not an SMS send"),
    ),
)

SMS9122 = Rule(
    id="SMS9122",
    name="SmsSendingDisabled",
    short_description="SMS sending is switched off by configuration",
    full_description=(
        "A configuration flag such as sms.enabled=false, sms.enable: false or SMS_ENABLED=False "
        "turns SMS sending off. The sending code is present but dormant in this configuration."
    ),
    help_markdown=(
        "**Why it matters.** A disabled flag does not remove the capability: another environment "
        "can switch it on. The verdict is unchanged, and the flag is listed as dormant evidence.\n\n"
        "**What to check.** Which environments enable it, and which sending path it enables."
    ),
    scenario=Scenario.NONE,
    severity=Severity.INFO,
    precision=Precision.HIGH,
    evidence=Evidence.CONFIG,
    languages=("properties", "yaml", "env", "python"),
    tags=("dormant", "config"),
    invalid=(
        Example(
            "sms.enabled=false  # expect: SMS9122\nsms.provider=aliyun\n",
            "src/main/resources/application.properties",
        ),
        Example(
            "sms:\n  enable: false  # expect: SMS9122\n  sign-name: ACME\n",
            "config/application.yml",
        ),
        Example("SMS_ENABLED=false  # expect: SMS9122\n", ".env"),
        Example("SMS_ENABLED = False  # expect: SMS9122\n", "settings.py"),
    ),
    valid=(
        Example("sms.enabled=true\n", "application.properties", "switched on"),
        Example("mail.enabled=false\n", "application.properties", "not SMS"),
        Example("SMS_ENABLED = os.getenv('SMS_ENABLED')\n", "settings.py", "not a literal"),
    ),
)


def _comment_lines(ctx: FileContext) -> Iterator[tuple[int, int, str]]:
    """(line, start column, text) of every comment line."""
    for span in ctx.facts.comments:
        for line in range(span.start_line, span.end_line + 1):
            if not 0 < line <= len(ctx.lines):
                continue
            text = ctx.lines[line - 1]
            start = span.start_column if line == span.start_line else 1
            end = span.end_column if line == span.end_line else len(text) + 1
            yield line, start, text[start - 1 : end - 1]


def _imports_text(ctx: FileContext) -> str:
    return " ".join(i.module for i in ctx.facts.imports)


def _commented_calls(ctx: FileContext) -> Iterator[Hit]:
    seen: set[int] = set()
    sms_file = mentions_sms(_imports_text(ctx))
    for line, col, text in _comment_lines(ctx):
        m = COMMENTED_CALL.match(text)
        if not m or line in seen:
            continue
        callee = m.group("callee").replace("->", ".").replace("::", ".").lstrip("$")
        call = Call(callee=callee, span=Span(line, col, line, col))
        if not (is_send_call(call) or (sms_file and is_send_name(call.name))):
            continue
        seen.add(line)
        scenario = scenario_of_text(text)
        if scenario is Scenario.NONE:
            scenario = scenario_of_text(_imports_text(ctx))
        yield Hit(
            "SMS9121",
            Span(line, col, line, col + len(text)),
            f"commented-out SMS send {m.group('callee')}(): dormant capability",
            confidence=Confidence.MEDIUM,
            scenario=scenario,
            attributes=(("dormant", "true"),),
            key=f"commented:{callee}",
        )


_KEY_SEPARATORS = lazy_re.compile(r"[._\-\s]+")


def _flag_off(key: str) -> bool:
    segs = [s for s in _KEY_SEPARATORS.split(key.lower()) if s]
    if len(segs) < 2:
        return False
    if segs[-1] in FLAG_WORDS and any("sms" in s for s in segs[:-1]):
        return True
    return segs[0] in ("enable", "enabled") and any("sms" in s for s in segs[1:])


def _disabled_flags(ctx: FileContext) -> Iterator[Hit]:
    for asg in ctx.facts.assignments:
        words = (asg.value or "").split()
        if not words or words[0].lower() not in OFF_VALUES:
            continue
        if not _flag_off(asg.full_key):
            continue
        yield Hit(
            "SMS9122",
            asg.span,
            f"SMS sending switched off by configuration: '{asg.full_key}' = {words[0]}",
            confidence=Confidence.HIGH,
            attributes=(("dormant", "true"),),
            key=f"flag:{asg.full_key}",
        )


# Cheap text gate before any parsing: an SMS word at a word start ("sms", not "mechanisms")
WORTH_PARSING = lazy_re.compile(
    r"(?<![a-z])(?i:sms|smpp|cmpp|sgip|smgp|submit_?sm)|Sms|SMS|Smpp|SMPP|Cmpp|CMPP|SubmitSm|短信"
)


FLAG_KINDS = frozenset((k.PROPERTIES, k.YAML, k.ENV, k.PYTHON, k.TOML, k.INI))

# --- text gate ---------------------------------------------------------------------
# The exact regexes below start with a character class (no leading lookbehind); a
# lookbehind after the first character stands for the one before it. `ſ` (U+017F) is
# the other case-insensitive `s`. A class first still means `re` tries every offset of
# the text (~30 MB/s), so the gate runs them only where a candidate is: candidates are
# found in `_folded(text)` by patterns opening with a literal, which `re` skips to fast.

# WORTH_PARSING, same matches, faster.
_WORTH_FAST = lazy_re.compile(
    r"[sScCſ短](?:(?<![a-z].)(?:(?<=[sSſ])(?i:ms|mpp|gip|mgp|ubmit_?sm)|(?<=[cC])(?i:mpp))"
    r"|(?<=S)(?:ms|MS|mpp|MPP|ubmitSm)|(?<=C)(?:mpp|MPP)|(?<=短)信)"
)
# A commented-out send: its last callee segment is a send verb (is_send_call and
# is_send_name both need `_SEND_NAME`), followed by `(` on the same line; the segment
# starts a word.
_SEND_CALL_TEXT = lazy_re.compile(
    r"[sSſdDpP](?<!\w.)(?:(?<=[sSſ])(?i:end|ubmit_?sm|ubmitshortmessage|ubmit_?multi)"
    r"|(?<=[dD])(?i:ispatch_?sms)|(?<=[pP])(?i:ush_?sms))\w*\s*\("
)
_SEND_CALL_ANYWHERE = lazy_re.compile(
    r"[sSſdDpP](?:(?<=[sSſ])(?i:end|ubmit_?sm|ubmitshortmessage|ubmit_?multi)"
    r"|(?<=[dD])(?i:ispatch_?sms)|(?<=[pP])(?i:ush_?sms))\w*\s*\("
)
# Line breaks str.splitlines() knows but the parsers may not count: comment lines and
# ctx.lines may then disagree, so a comment's text can be any piece of any line.
_ODD_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"

# Non-ASCII characters that IGNORECASE matches to ASCII letters: ſ (s), ı and İ (i), K (k).
_CASELESS_ODD = "\u017f\u0131\u0130\u212a"


def _folded(text: str) -> bytes | None:
    """`text` as bytes, ASCII letters lowered and every non-ASCII character `?`: byte i
    stands for character i, and an ASCII letter matches in any case, as in (?i). None
    when the text holds a character (?i) also matches to an ASCII letter."""
    if not text.isascii() and any(c in text for c in _CASELESS_ODD):
        return None
    return text.encode("ascii", "replace").lower()


# In the folded text, a character `\w` matches is one of `[a-z0-9_?]`, one `\s` matches
# is one of `[\t-\r\x1c-\x1f ?]` (the ASCII ones; `?` stands for every other character),
# and one `[^\W_]` (alphanumeric) matches is one of `[a-z0-9?]`. So each candidate
# pattern below matches wherever its exact regex does, and the exact regex decides there.
_W = rb"[a-z0-9_?]"
_S = rb"[\t-\r\x1c-\x1f ?]"

# Where _SEND_CALL_TEXT / _ANYWHERE can match: a verb (cut to send / submit / dispatch /
# push: `\w*` takes the rest) then `\w*\s*\(`, found from the verb's "s" (2 letters into
# dispatch and push, see _VERB_BACK).
_SEND_VERB = lazy_re.compile(
    rb"s(?:end|ubmit|patch(?<=dispatch)|h(?<=push))(?=" + _W + b"*" + _S + rb"*\()"
)
_VERB_BACK = {b"spatch": 2, b"sh": 2}


def _verb_starts(low: bytes) -> list[int]:
    """Every place where a send call can start, in increasing order."""
    return sorted(m.start() - _VERB_BACK.get(m.group(), 0) for m in _SEND_VERB.finditer(low))


def _send_calls(text: str, pattern: re.Pattern[str], starts: list[int] | None) -> Iterator[int]:
    """The start of each match of `pattern.finditer(text)`, every one of which starts at
    one of `starts` (None: the text has no folded copy, run finditer)."""
    matches = pattern.finditer(text) if starts is None else matches_from(pattern, text, starts)
    yield from (m.start() for m in matches)


def _odd_line_breaks(text: str) -> bool:
    if any(c in text for c in _ODD_BREAKS):
        return True
    cr = text.count("\r")
    return cr != 0 and cr != text.count("\r\n")  # a lone \r


# A disabled flag: "sms" in the key, an off value as a word, and a flag word as a key
# segment (keys split on . _ - blanks, so segments are bounded by non-alphanumerics).
_SMS_ANY = lazy_re.compile(r"[sSſ](?i:ms)")
_OFF_WORD = lazy_re.compile(
    r"[fF0oOnNdD](?<![^\W_].)(?i:(?<=[fF])alse|(?<=0)|(?<=[oO])ff|(?<=[nN])o?|(?<=[dD])isabled?)(?![^\W_])"
)
_FLAG_WORD = lazy_re.compile(
    r"[eEsSſoOaA](?<![^\W_].)(?i:(?<=[eE])nabled?|(?<=[sSſ])(?:witch|end)|(?<=[oO])(?:n|pen)|(?<=[aA])ctive)(?![^\W_])"
)
# Python keys are names, attribute paths, keyword names or dict / subscript strings: the
# last segment (the flag word) ends the key, then `=` / `:` follows after quotes,
# brackets, blanks or continuations; or the key's first segment is enable / enabled.
_PY_FLAG_LAST = lazy_re.compile(
    r"[eEsSſoOaA](?<![^\W_].)(?i:(?<=[eE])nabled?|(?<=[sSſ])(?:witch|end)|(?<=[oO])(?:n|pen)|(?<=[aA])ctive)"
    r"(?:[\s\"')\]._\-]|\\.){0,200}[:=]"
)
_PY_FLAG_FIRST = lazy_re.compile(r"[eE](?<![^\W_].)(?i:nabled?)[\s._\-)\\]")
# Their candidates in the folded text, one pattern per first letter (a literal, and the
# boundary looked for behind it): each match starts where the exact regex would.
_FLAG_TAIL = rb"(?=(?:[\t-\r\x1c-\x1f ?\"')\]._\-]|\\[^\n]){0,200}[:=])"
_PY_FLAG_LAST_AT = tuple(
    lazy_re.compile(first + rb"(?<![a-z0-9]" + first + b")" + rest + _FLAG_TAIL)
    for first, rest in (
        (b"e", b"nabled?"),
        (b"s", b"(?:witch|end)"),
        (b"o", b"(?:n|pen)"),
        (b"a", b"ctive"),
    )
)
_PY_FLAG_FIRST_AT = lazy_re.compile(rb"e(?<![a-z0-9]e)nabled?[\t-\r\x1c-\x1f ?._\-)\\]")


def _matches_at(
    exact: re.Pattern[str], candidates: tuple[re.Pattern[bytes], ...], text: str, low: bytes
) -> bool:
    """`exact.search(text)`, tried only where a candidate match starts."""
    return any(exact.match(text, m.start()) for c in candidates for m in c.finditer(low))


def _commented_call_possible(text: str, kind: str, low: bytes | None) -> bool:
    """A send call after a comment marker on its line, or inside a /* */ comment.

    One pass over the matches; every search looks only between two matches."""
    starts = None if low is None else _verb_starts(low)
    if starts == []:
        return False  # no send call at all
    if _odd_line_breaks(text):
        return next(_send_calls(text, _SEND_CALL_ANYWHERE, starts), None) is not None
    line_start = prev = 0
    opener = closer = -1  # last /* and */ before the current match
    for pos in _send_calls(text, _SEND_CALL_TEXT, starts):
        nl = text.rfind("\n", prev, pos)
        if nl != -1:
            line_start = nl + 1
        # markers before `prev` on this line were seen at the previous match
        seg = text[max(line_start, prev) : pos]
        if "#" in seg or "//" in seg or "/*" in seg:
            return True
        o, c = text.rfind("/*", prev, pos), text.rfind("*/", prev, pos)
        opener, closer = (o if o != -1 else opener), (c if c != -1 else closer)
        if opener != -1 and (kind == k.KOTLIN or closer <= opener + 1):
            return True  # inside a block comment (Kotlin's nest: any opener before)
        prev = pos
    return False


def _disabled_flag_possible(text: str, kind: str, low: bytes | None) -> bool:
    # _SMS_ANY is "sms" in any case
    if not ((b"sms" in low) if low is not None else _SMS_ANY.search(text)):
        return False
    if not _OFF_WORD.search(text):
        return False
    if kind != k.PYTHON:
        return bool(_FLAG_WORD.search(text))
    if low is None:
        return bool(_PY_FLAG_LAST.search(text) or _PY_FLAG_FIRST.search(text))
    return _matches_at(_PY_FLAG_LAST, _PY_FLAG_LAST_AT, text, low) or _matches_at(
        _PY_FLAG_FIRST, (_PY_FLAG_FIRST_AT,), text, low
    )


# Gate: check's own SMS-word test, then for code a send call that can lie in a comment
# (a marker earlier on its line, or an unclosed /* before it), and for config / Python
# "sms", an off value and a flag word (for Python: placed as a key's last or first
# segment), all of which _disabled_flags needs. The SMS-word test passes most files
# the prefilter sends, so it runs last.
def gate(text: str, kind: str, _name: str) -> bool:
    low = _folded(text)
    possible = (kind in k.CODE_KINDS and _commented_call_possible(text, kind, low)) or (
        kind in FLAG_KINDS and _disabled_flag_possible(text, kind, low)
    )
    return possible and bool(_WORTH_FAST.search(text))


def check(ctx: FileContext) -> Iterator[Hit]:
    if not WORTH_PARSING.search(ctx.text):
        return
    if ctx.kind in k.CODE_KINDS:
        yield from _commented_calls(ctx)
    if ctx.kind in FLAG_KINDS:
        yield from _disabled_flags(ctx)


DETECTOR = Detector(
    name="dormant",
    rules=(SMS9121, SMS9122),
    kinds=frozenset(
        (k.CODE_KINDS - {k.CSHARP, k.RUBY}) | {k.ENV, k.INI, k.PROPERTIES, k.TOML, k.YAML}
    ),
    check=check,
    anchors=("sms", "submit_sm", "submitshortmessage"),
    gate=gate,
    skips_minified=True,  # bundles are build output: no routes, comments or logging to judge
    description=__doc__ or "",
)
