"""What a send-SMS call looks like, shared by the exposure and dormant detectors.

A call sends SMS when its callee text mentions SMS (or a carrier protocol) and
its last segment is a send verb: `sms.send_sms(...)`, `smsService.sendCode(...)`,
`$easySms->send(...)`, `client.SendSms(req)`, `session.submitShortMessage(...)`.
"""

from __future__ import annotations

import re

from scanner import lazy_re
from scanner.facts import Call
from scanner.model import Scenario

_SMSY = lazy_re.compile(r"sms|smpp|cmpp|sgip|smgp|gammu|modem|dysms", re.I)
_SEND_NAME = lazy_re.compile(
    r"^(?:send\w*|submit_?sm|submitshortmessage|submit_?multi|dispatch_?sms\w*|push_?sms\w*)$",
    re.I,
)
_SEND_NAME_ALONE = lazy_re.compile(
    r"^(?:send_?sms\w*|sendsms\w*|send_?(?:verify|verification|login|auth)_?code\w*|"
    r"submit_?sm|submitshortmessage)$",
    re.I,
)


def is_send_call(call: Call) -> bool:
    name = call.name
    if _SEND_NAME_ALONE.match(name):
        return True
    return bool(_SEND_NAME.match(name) and _SMSY.search(call.callee))


def is_send_name(name: str) -> bool:
    """A send verb (send*, submit_sm, ...), whatever the receiver."""
    return bool(_SEND_NAME.match(name))


def mentions_sms(text: str) -> bool:
    return bool(_SMSY.search(text))


# A commented-out call: the comment's text (after its marker) is a call statement.
COMMENTED_CALL = lazy_re.compile(
    r"^\s*(?:#|//+|/\*+|\*+|--|<!--)?\s*"
    r"(?:(?:await|return|yield|go|val|var|let|const|\$?[A-Za-z_][\w.]*\s*:?=)\s+)*"
    r"(?P<callee>[$A-Za-z_][\w$]*(?:(?:\.|->|::)[$A-Za-z_][\w$]*)*)\s*\((?P<rest>.*)\)\s*;?\s*"
    r"(?:\*/|-->)?\s*(?:(?:#|//).*)?$"
)


def scenario_of_text(text: str) -> Scenario:
    """The scenario a piece of (commented) sending code points to, by its words."""
    low = text.lower()
    if re.search(r"smpp|cmpp|sgip|smgp|cngp|submit_?sm|submitshortmessage", low):
        return Scenario.C
    if re.search(r"gammu|modem|serial|at\+cmgs|gnokii|smstools|smslib", low):
        return Scenario.A
    if re.search(
        r"tencent|aliyun|alibaba|dysms|huawei|twilio|easysms|easy_sms|yunpian|qcloud",
        low,
    ):
        return Scenario.B
    return Scenario.NONE
