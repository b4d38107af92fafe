"""Own SIM cards: GSM modems, phones and LAN SIM boxes (scenario A).

- AT commands in string literals: `AT+CMGS=` (send; case and space
  tolerant, also `+CMGS=` alone), `AT+CMGF=1` (text mode; reported only when
  the file does not merely read messages with `AT+CMGL` / `AT+CMGR`).
- Modem libraries and their send calls: python-gsmmodem (`GsmModem`,
  `sendSms`), python-gammu (`gammu.StateMachine().SendSMS`,
  `gammu.smsd.SMSD(...).InjectSMS`), SMSLib modem gateways
  (`org.smslib.modem.SerialModemGateway`), Node `serialport-gsm`, .NET GsmComm,
  Go `warthog618/modem`.
- Command-line tools and spools: `gnokii --sendsms`, `gammu sendsms`,
  `gammu-smsd-inject`, smstools / gammu-smsd outgoing folders and the `To:`
  header of a spooled message.
- Android: `SmsManager.sendTextMessage` / `sendMultipartTextMessage`, and the
  `android.permission.SEND_SMS` permission in AndroidManifest.xml.
- Phone / SIM box gateways on the LAN: GoIP's web send API and GoIP config,
  SMS Gateway for Android (capcom6) in local mode. Its cloud relay
  (api.sms-gate.app) is a hosted service, reported as scenario B.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner import classify as k
from scanner import lazy_re
from scanner.detector import Detector, FileContext, Hit
from scanner.hosts import classify_host, split_host_port
from scanner.model import Confidence, Evidence, Example, Precision, Rule, Scenario, Severity
from scanner.signatures import matching_imports

AT_SEND = lazy_re.compile(r"(?:\bAT\s*\+\s*|^\s*\+)CMGS\s*=", re.I)
AT_MODE = lazy_re.compile(r"\bAT\s*\+\s*CMGF\s*=\s*[01]\b", re.I)
AT_READ = lazy_re.compile(r"\bAT\s*\+\s*CMG[LR]\b|\bAT\s*\+\s*CNMI\b|\+CMTI\b", re.I)

MODEM_IMPORTS = {
    "gsmmodem": "python-gsmmodem",
    "gammu": "python-gammu",
    "org.smslib.modem": "SMSLib (modem)",
    "serialport-gsm": "serialport-gsm",
    "GsmComm": "GsmComm",
    "github.com/warthog618/modem": "warthog618/modem",
}
# Send calls of the modem libraries (only counted when one is imported). SMSLib's
# `new SerialModemGateway(...)` only opens the modem (reading programs do that too).
SEND_CALLS = frozenset(
    {"sendSms", "SendSMS", "InjectSMS", "sendSMS", "SendMessage", "sendMessage", "queueMessage"}
)
ANDROID_SEND = frozenset({"sendTextMessage", "sendMultipartTextMessage", "sendDataMessage"})

CLI = lazy_re.compile(
    r"\bgnokii\b.*--sendsms\b|\bgammu\b(?:\s+-{1,2}[\w=-]+(?:\s+\d+)?)*\s+(?:--)?sendsms\b|"
    r"\bgammu-smsd-inject\b",
    re.I,
)
SPOOL = lazy_re.compile(r"/var/spool/(?:sms/outgoing|gammu/outbox)\b")
# Shell lines that set the spool up rather than write a message into it.
_SHELL_SETUP = lazy_re.compile(
    r"^\s*(?:sudo\s+)?(?:\w*dir|chown|chmod|chgrp|rm|ls|install|cd|test|\[|if|for|find|du)\b"
)
TO_HEADER = lazy_re.compile(r"^To:\s*\+?[\d{%$]")
GOIP_SEND = lazy_re.compile(r"/default/en_US/(?:send\.html|sms_info\.html)", re.I)
# Calls that run a command: the CLI must be an argument of one of these.
EXEC_CALLS = frozenset(
    {
        "run",
        "call",
        "check_call",
        "check_output",
        "Popen",
        "system",
        "popen",
        "exec",
        "execSync",
        "execFile",
        "execFileSync",
        "spawn",
        "spawnSync",
        "shell_exec",
        "passthru",
        "proc_open",
        "Command",
        "ProcessBuilder",
        "getoutput",
        "getstatusoutput",
    }
)
_HOSTISH_KEY = lazy_re.compile(r"(?:host|ip|addr|address|url|server)$", re.I)

CODE_KINDS = frozenset(
    {k.PYTHON, k.JAVA, k.KOTLIN, k.GO, k.JAVASCRIPT, k.TYPESCRIPT, k.TSX, k.PHP, k.CSHARP, k.RUBY}
)

HELP_A = (
    "**Why it matters.** Sending from own SIM cards (a modem, a phone, a SIM box) needs no SP "
    "licence while it stays internal: tests, alerts to your own staff. Verification codes or "
    "marketing to the public from SIM cards break carrier terms and the SMS rules (and SIM boxes "
    "are often blocked): production traffic belongs on a licensed platform (B) or an SP link (C).\n\n"
    "**What to check.** Is this path used in production, and to whom does it send?"
)


def _rule(
    rid: str,
    name: str,
    short: str,
    full: str,
    evidence: Evidence,
    langs: tuple[str, ...],
    invalid: tuple[Example, ...],
    valid: tuple[Example, ...],
    severity: Severity = Severity.LOW,
    precision: Precision = Precision.HIGH,
    tags: tuple[str, ...] = ("own-sim", "modem"),
) -> Rule:
    return Rule(
        id=rid,
        name=name,
        short_description=short,
        full_description=full,
        help_markdown=HELP_A,
        scenario=Scenario.A,
        severity=severity,
        precision=precision,
        evidence=evidence,
        languages=langs,
        tags=tags,
        invalid=invalid,
        valid=valid,
    )


SMS6001 = _rule(
    "SMS6001",
    "AtSmsCommand",
    "An AT command sends SMS through a GSM modem",
    "A string literal holds the AT send command `AT+CMGS=` (any case, spaces allowed) or sets SMS "
    "text mode with `AT+CMGF=1` without only reading messages: the code drives a GSM modem on its "
    "own SIM card (scenario A).",
    Evidence.CALL,
    ("python", "java", "javascript", "c", "go", "csharp"),
    (
        Example(
            "import serial\n\nport = serial.Serial('/dev/ttyUSB0', 115200, timeout=5)\n"
            "port.write(b'AT+CMGF=1\\r')\n"
            "port.write(('AT+CMGS=\"%s\"\\r' % number).encode())  # expect: SMS6001\n"
            "port.write(text.encode() + b'\\x1a')\n",
            "tools/modem_send.py",
        ),
        Example(
            "class Modem {\n  void send(String to) throws Exception {\n"
            '    out.write(("AT + CMGS = \\"" + to + "\\"\\r").getBytes()); // expect: SMS6001\n'
            "  }\n}\n",
            "src/main/java/Modem.java",
        ),
        Example("port.write('at+cmgs=\"' + phone + '\"\\r'); // expect: SMS6001\n", "lib/modem.js"),
        Example(
            "void sendSms(const char *num) {\n"
            '  Serial1.print("AT+CMGS=\\""); // expect: SMS6001\n'
            "  Serial1.print(num);\n}\n",
            "firmware/sms.c",
        ),
        Example(
            'package modem\n\nfunc send(p io.Writer, to string) {\n\tfmt.Fprintf(p, "AT+CMGS=\\"%s\\"\\r", to) // expect: SMS6001\n}\n',
            "modem/send.go",
        ),
        Example(
            'class M { void S(SerialPort p, string to) { p.Write("AT+CMGS=\\"" + to + "\\"\\r"); } } // expect: SMS6001\n',
            "Modem/M.cs",
        ),
    ),
    (
        Example(
            "port.write(b'AT+CMGF=1\\r')\nport.write(b'AT+CMGL=\"REC UNREAD\"\\r')\n",
            "tools/inbox.py",
            "inbound only: text mode + list messages",
        ),
        Example("# port.write(b'AT+CMGS=\"1380\"\\r')\n", "old.py", "a comment"),
        Example("ATCMD = 'ATZ'\nprint('CMGS is documented in 27.005')\n", "doc.py"),
    ),
    precision=Precision.VERY_HIGH,
    tags=("own-sim", "modem", "at-command"),
)

SMS6002 = _rule(
    "SMS6002",
    "GsmModemLibrary",
    "A GSM modem / phone library is imported",
    "The code imports a library that drives a GSM modem or phone over a serial / USB link: "
    "python-gsmmodem, python-gammu, SMSLib modem gateways, serialport-gsm, GsmComm, "
    "warthog618/modem (scenario A).",
    Evidence.IMPORT,
    ("python", "java", "javascript"),
    (
        Example("from gsmmodem.modem import GsmModem  # expect: SMS6002\n", "sms/modem.py"),
        Example(
            "import org.smslib.modem.SerialModemGateway; // expect: SMS6002\nclass A {}\n",
            "src/main/java/A.java",
        ),
        Example("const serialportgsm = require('serialport-gsm'); // expect: SMS6002\n", "m.js"),
    ),
    (
        Example(
            "import org.smslib.http.ClickatellHTTPGateway;\nclass A {}\n",
            "A.java",
            "SMSLib's HTTP gateways are not modems",
        ),
        Example("import gammapy\n", "astro.py", "similar name"),
    ),
)

SMS6003 = _rule(
    "SMS6003",
    "GsmModemSend",
    "SMS is sent through a GSM modem library",
    "A modem library sends a message: GsmModem.sendSms, gammu StateMachine.SendSMS, "
    "gammu.smsd.SMSD.InjectSMS, SMSLib Service.sendMessage / queueMessage with a modem gateway, "
    "serialport-gsm sendSMS, GsmComm SendMessage (scenario A).",
    Evidence.CALL,
    ("python", "java", "javascript"),
    (
        Example(
            "import gammu\n\nsm = gammu.StateMachine()\nsm.ReadConfig()\nsm.Init()\n"
            "sm.SendSMS({'Text': text, 'SMSC': {'Location': 1}, 'Number': to})  # expect: SMS6003\n",
            "sms/send.py",
        ),
        Example(
            "import org.smslib.Service;\nimport org.smslib.modem.SerialModemGateway;\n"
            "class G {\n  void start() throws Exception {\n"
            '    SerialModemGateway gw = new SerialModemGateway("modem.com4", "COM4", 115200, "Huawei", "E160");\n'
            "    Service.getInstance().addGateway(gw);\n    Service.getInstance().startService();\n"
            '    OutboundMessage msg = new OutboundMessage("+8613800138000", "disk full on db1");\n'
            "    Service.getInstance().sendMessage(msg); // expect: SMS6003\n  }\n}\n",
            "src/main/java/G.java",
        ),
        Example(
            "const serialportgsm = require('serialport-gsm');\nconst modem = serialportgsm.Modem();\n"
            "modem.sendSMS(phone, text, false, cb); // expect: SMS6003\n",
            "lib/sms.js",
        ),
    ),
    (
        Example(
            "from gsmmodem.modem import GsmModem\n\n"
            "modem = GsmModem('/dev/ttyUSB0', 115200, smsReceivedCallbackFunc=on_sms)\n"
            "modem.connect()\nmodem.rxThread.join()\n",
            "inbox/receiver.py",
            "a receive-only modem program sends nothing",
        ),
        Example("client.sendSms(to, text)\n", "x.py", "no modem library"),
    ),
)

SMS6004 = _rule(
    "SMS6004",
    "ModemCliOrSpool",
    "SMS is handed to gnokii / gammu / smstools through the CLI or a spool folder",
    "The code runs `gnokii --sendsms`, `gammu sendsms` or `gammu-smsd-inject`, or writes message "
    "files into an smstools / gammu-smsd outgoing spool (`/var/spool/sms/outgoing`, with a "
    "`To:` header): the modem daemon sends them from its SIM card (scenario A).",
    Evidence.CALL,
    ("python", "php", "shell"),
    (
        Example(
            "import subprocess\n\ndef send(number, text):\n"
            "    subprocess.run(['gammu-smsd-inject', 'TEXT', number, '-text', text], check=True)  # expect: SMS6004\n",
            "ops/notify.py",
        ),
        Example(
            "<?php\nfunction sms($to, $text) {\n"
            "    $f = '/var/spool/sms/outgoing/' . uniqid('web'); // expect: SMS6004\n"
            '    file_put_contents($f, "To: $to\\n\\n$text"); // expect: SMS6004\n}\n',
            "lib/sms.php",
        ),
        Example('#!/bin/sh\necho "$2" | gnokii --sendsms "$1" # expect: SMS6004\n', "bin/sms.sh"),
    ),
    (
        Example("#!/bin/sh\n# gnokii --sendsms 123\nls /var/log\n", "bin/x.sh", "commented out"),
        Example("INBOX = '/var/spool/sms/incoming'\n", "read.py", "the incoming folder"),
    ),
)

SMS6005 = _rule(
    "SMS6005",
    "AndroidSmsManagerSend",
    "An Android app sends SMS from the phone's SIM card",
    "SmsManager.sendTextMessage / sendMultipartTextMessage / sendDataMessage sends SMS from the "
    "device's own SIM (scenario A). In a consumer app this may be a user-initiated feature; in a "
    "phone-gateway app it is an SMS gateway on own SIM cards.",
    Evidence.CALL,
    ("java", "kotlin"),
    (
        Example(
            "import android.telephony.SmsManager;\nclass Sender {\n  void send(String to, String text) {\n"
            "    SmsManager.getDefault().sendTextMessage(to, null, text, null, null); // expect: SMS6005\n"
            "  }\n}\n",
            "app/src/main/java/com/acme/Sender.java",
        ),
        Example(
            "import android.telephony.SmsManager\n\nclass Gateway(private val ctx: Context) {\n"
            "    fun send(to: String, parts: ArrayList<String>) {\n"
            "        val sms = ctx.getSystemService(SmsManager::class.java)\n"
            "        sms.sendMultipartTextMessage(to, null, parts, null, null) // expect: SMS6005\n"
            "    }\n}\n",
            "app/src/main/kotlin/Gateway.kt",
        ),
    ),
    (
        Example(
            "class Mail { void sendTextMessage(String to, String t) {} }\n",
            "Mail.java",
            "a method of the same name without SmsManager",
        ),
    ),
)

SMS6006 = _rule(
    "SMS6006",
    "AndroidSendSmsPermission",
    "An Android app requests the SEND_SMS permission",
    "AndroidManifest.xml requests `android.permission.SEND_SMS`: the app can send SMS from the "
    "phone's SIM card (scenario A).",
    Evidence.CONFIG,
    ("xml",),
    (
        Example(
            '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n'
            '    <uses-permission android:name="android.permission.SEND_SMS" /> <!-- expect: SMS6006 -->\n'
            "</manifest>\n",
            "app/src/main/AndroidManifest.xml",
        ),
    ),
    (
        Example(
            '<manifest xmlns:android="http://schemas.android.com/apk/res/android">\n'
            '    <uses-permission android:name="android.permission.RECEIVE_SMS" />\n</manifest>\n',
            "app/src/main/AndroidManifest.xml",
            "receive only",
        ),
    ),
    severity=Severity.INFO,
)

SMS6007 = _rule(
    "SMS6007",
    "SimGatewayHttpApi",
    "SMS is sent through a LAN SIM box or an Android phone gateway",
    "The code or config talks to a GoIP SIM box (its web send API `/default/en_US/send.html`, or a "
    "goip host setting) or to SMS Gateway for Android in local mode (`android_sms_gateway` client "
    "with a LAN base URL, `http://<phone>:8080/message`): own SIM cards (scenario A). The same "
    "client against the cloud relay api.sms-gate.app is a hosted service (B).",
    Evidence.ENDPOINT,
    ("python", "php", "javascript", "ini", "env"),
    (
        Example(
            "import requests\n\nGOIP = 'http://192.168.1.50'\n\ndef send(line, to, text):\n"
            "    requests.get(GOIP + '/default/en_US/send.html',  # expect: SMS6007\n"
            "                 params={'u': 'admin', 'p': 'admin', 'l': line, 'n': to, 'm': text})\n",
            "ops/goip.py",
        ),
        Example(
            '<?php\n$url = "http://$goip/default/en_US/sms_info.html?type=sms"; // expect: SMS6007\n',
            "goip/send.php",
        ),
        Example(
            "const client = new Client(login, password, fetchClient, 'http://192.168.8.31:8080'); // expect: SMS6007\n"
            "await fetch('http://192.168.8.31:8080/message', { method: 'POST', body: JSON.stringify({ textMessage: { text }, phoneNumbers: [to] }) }); // expect: SMS6007\n",
            "src/phone.js",
        ),
        Example("[goip]\nhost = 192.168.1.50 ; expect: SMS6007\nline = 1\n", "conf/sms.ini"),
        Example("GOIP_HOST=192.168.1.50 # expect: SMS6007\n", ".env"),
        Example(
            "from android_sms_gateway import client, domain\n\n"
            "api = client.APIClient(login, password, base_url='https://api.sms-gate.app/3rdparty/v1')  # expect: SMS6007\n",
            "notify/phone.py",
            "cloud relay: reported as scenario B",
        ),
    ),
    (
        Example(
            "requests.post('http://10.0.0.3:8080/message', json={'body': 'hi'})\n",
            "x.py",
            "a generic /message endpoint",
        ),
        Example("[database]\nhost = 10.0.0.1\n", "db.ini"),
    ),
    precision=Precision.MEDIUM,
    tags=("own-sim", "sim-box", "phone-gateway"),
)


def _at(ctx: FileContext) -> Iterator[Hit]:
    lits = [lit for lit in ctx.facts.literals if lit.kind == "string"]
    sends = [lit for lit in lits if AT_SEND.search(lit.value)]
    for lit in sends:
        yield Hit(
            "SMS6001",
            lit.span,
            "AT+CMGS send command to a GSM modem",
            attributes=(("protocol", "at"),),
            key="AT+CMGS",
        )
    if sends or any(AT_READ.search(lit.value) for lit in lits):
        return
    for lit in lits:
        if AT_MODE.search(lit.value):
            yield Hit(
                "SMS6001",
                lit.span,
                "AT+CMGF SMS text/PDU mode set on a GSM modem (no send command seen)",
                confidence=Confidence.MEDIUM,
                attributes=(("protocol", "at"),),
                key="AT+CMGF",
            )
            return


def _libraries(ctx: FileContext) -> Iterator[Hit]:
    libs = matching_imports(ctx, MODEM_IMPORTS)
    for imp, label in libs:
        yield Hit(
            "SMS6002",
            imp.span,
            f"GSM modem library '{label}' imported ({imp.module})",
            attributes=(("library", label), ("protocol", "at")),
            key=imp.module,
        )
    if not libs:
        return
    label = libs[0][1]
    for call in ctx.facts.calls:
        if call.name in SEND_CALLS:
            yield Hit(
                "SMS6003",
                call.span,
                f"SMS sent through a GSM modem: {call.name}() via {label}",
                attributes=(("library", label), ("protocol", "at"), ("role", "client")),
                key=f"{label}:{call.callee}",
            )


def _android(ctx: FileContext) -> Iterator[Hit]:
    imported = any("telephony" in i.module and "SmsManager" in i.module for i in ctx.facts.imports)
    for call in ctx.facts.calls:
        if call.name not in ANDROID_SEND:
            continue
        if not (imported or "smsmanager" in call.receiver.lower()):
            continue
        yield Hit(
            "SMS6005",
            call.span,
            f"Android SmsManager.{call.name}() sends SMS from the phone's SIM card",
            attributes=(("protocol", "android"), ("library", "android.telephony.SmsManager")),
            key=f"android:{call.name}",
        )


def _manifest(ctx: FileContext) -> Iterator[Hit]:
    if ctx.name != "AndroidManifest.xml":
        return
    for a in ctx.facts.assignments:
        if a.value == "android.permission.SEND_SMS":
            yield Hit(
                "SMS6006",
                a.span,
                "AndroidManifest.xml requests android.permission.SEND_SMS",
                attributes=(("protocol", "android"),),
                key="SEND_SMS",
            )


def _in_exec(ctx: FileContext, line: int) -> bool:
    """The line is inside a call that runs a command, or assigns a command
    string / list in a file that runs commands."""
    execs = [c for c in ctx.facts.calls if c.name in EXEC_CALLS]
    if any(c.span.start_line <= line <= c.span.end_line for c in execs):
        return True
    return bool(execs) and any(
        a.span.start_line <= line <= a.span.end_line and a.key.lower().endswith(("cmd", "command"))
        for a in ctx.facts.assignments
    )


def _line_hits(ctx: FileContext) -> Iterator[tuple[int, re.Match[str], str]]:
    """(line, match, which) for CLI / spool / GoIP patterns outside comments."""
    for lineno, line in enumerate(ctx.lines, 1):
        for which, pat in (("cli", CLI), ("spool", SPOOL), ("goip", GOIP_SEND)):
            m = pat.search(line)
            if not m:
                continue
            start = ctx.line_starts[lineno - 1]
            if ctx.in_comment(ctx.span(start + m.start(), start + m.end())):
                continue
            if which == "spool" and ctx.kind == k.SHELL and _SHELL_SETUP.match(line):
                continue
            if ctx.kind in CODE_KINDS and not re.search(r"[\"'`]", line):
                continue  # in code the command / path must be in a string
            if which == "cli" and ctx.kind in CODE_KINDS and not _in_exec(ctx, lineno):
                continue  # a docstring or a `which("gammu")` check runs nothing
            yield lineno, m, which


def _cli_spool_goip(ctx: FileContext) -> Iterator[Hit]:
    spool = False
    for lineno, m, which in _line_hits(ctx):
        start = ctx.line_starts[lineno - 1]
        span = ctx.span(start + m.start(), start + m.end())
        if which == "cli":
            tool = "gnokii" if "gnokii" in m.group().lower() else "gammu"
            yield Hit(
                "SMS6004",
                span,
                f"SMS handed to {tool} on the command line ({m.group().strip()[:40]})",
                attributes=(("gateway", tool), ("protocol", "at")),
                key=f"cli:{tool}",
            )
        elif which == "spool":
            spool = True
            gateway = "gammu" if "gammu" in m.group() else "smstools"
            yield Hit(
                "SMS6004",
                span,
                f"message file written to the {gateway} outgoing spool {m.group()}",
                attributes=(("gateway", gateway), ("protocol", "at")),
                key=f"spool:{m.group()}",
            )
        else:
            yield Hit(
                "SMS6007",
                span,
                f"GoIP SIM box web send API ({m.group()})",
                attributes=(("gateway", "goip"), ("host_class", "simbox"), ("protocol", "http")),
                key=f"goip:{m.group()}",
            )
    if spool:
        for lit in ctx.facts.literals:
            if TO_HEADER.match(lit.value):
                yield Hit(
                    "SMS6004",
                    lit.span,
                    "spooled SMS file with a 'To:' recipient header",
                    confidence=Confidence.MEDIUM,
                    attributes=(("protocol", "at"),),
                    key="spool:To",
                )
        if ctx.kind == k.PHP:  # interpolated PHP strings are not literals
            for lineno, line in enumerate(ctx.lines, 1):
                i = line.find('"To: ')
                if i >= 0 and not any(
                    lit.span.start_line == lineno
                    for lit in ctx.facts.literals
                    if TO_HEADER.match(lit.value)
                ):
                    start = ctx.line_starts[lineno - 1] + i
                    yield Hit(
                        "SMS6004",
                        ctx.span(start, start + 5),
                        "spooled SMS file with a 'To:' recipient header",
                        confidence=Confidence.MEDIUM,
                        attributes=(("protocol", "at"),),
                        key="spool:To",
                    )


def _phone_gateway(ctx: FileContext) -> Iterator[Hit]:
    """SMS Gateway for Android (capcom6): local device API vs the cloud relay."""
    text = ctx.text
    capcom = "android_sms_gateway" in text or "android-sms-gateway" in text
    payload = "phoneNumbers" in text and ("textMessage" in text or "message" in text)
    if not (capcom or payload):
        return
    found = False
    for lit in ctx.facts.literals:
        v = lit.value.strip()
        if "://" not in v:
            continue
        host, port = split_host_port(v)
        hc = classify_host(host)
        path = v.split("://", 1)[1].partition("/")[2]
        cloud = host.lower().endswith("sms-gate.app")
        local = hc.category in ("private", "loopback") or host.endswith(".local")
        to_phone = capcom or port == "8080" or path.rstrip("/").endswith("message")
        if not (cloud or (local and to_phone)):
            continue
        yield Hit(
            "SMS6007",
            lit.span,
            (
                "SMS Gateway for Android cloud relay api.sms-gate.app (hosted service)"
                if cloud
                else f"SMS Gateway for Android on a LAN phone ({host}:{port or '8080'})"
            ),
            confidence=Confidence.HIGH if capcom or cloud else Confidence.MEDIUM,
            scenario=Scenario.B if cloud else None,
            attributes=(
                ("gateway", "android-sms-gateway"),
                ("host", host),
                ("host_class", "aggregator" if cloud else hc.category),
                ("protocol", "http"),
            ),
            key=f"capcom6:{host}",
            test_only=hc.test_only and not cloud,
        )
        found = True
    if found or not _capcom_import(ctx):
        return
    for call in ctx.facts.calls:  # no base URL: the client's default is the cloud relay
        if (
            call.name in ("APIClient", "AsyncAPIClient", "Client")
            and not any(a.name in ("base_url", "baseUrl") for a in call.args)
            and len(call.args) < 4
        ):
            yield Hit(
                "SMS6007",
                call.span,
                "SMS Gateway for Android client without a base URL: the default cloud relay "
                "api.sms-gate.app (hosted service)",
                confidence=Confidence.MEDIUM,
                scenario=Scenario.B,
                attributes=(
                    ("gateway", "android-sms-gateway"),
                    ("host", "api.sms-gate.app"),
                    ("host_class", "aggregator"),
                    ("protocol", "http"),
                ),
                key="capcom6:default",
            )
            return


def _capcom_import(ctx: FileContext) -> bool:
    return any(
        i.module.split(".")[0].split("/")[0] in ("android_sms_gateway", "android-sms-gateway")
        for i in ctx.facts.imports
    )


def _goip_config(ctx: FileContext) -> Iterator[Hit]:
    for a in ctx.facts.assignments:
        if not a.value or "goip" not in a.full_key.lower():
            continue
        key = a.key.strip("[]")
        if not _HOSTISH_KEY.search(key):
            continue
        host, _ = split_host_port(a.value)
        if not host or " " in host:
            continue
        yield Hit(
            "SMS6007",
            a.span,
            f"GoIP SIM box at '{host}' ({a.full_key})",
            attributes=(("gateway", "goip"), ("host", host), ("host_class", "simbox")),
            key=f"goip:{a.full_key}",
        )


_CONFIG_KINDS = (k.INI, k.ENV, k.YAML, k.PROPERTIES, k.JSON, k.TOML)
# Lower-cased text each module prefix of MODEM_IMPORTS needs (`org.smslib.modem` can
# also be imported as `from org.smslib import modem`).
_MODEM_IMPORT_WORDS = (
    "gsmmodem",
    "gammu",
    "smslib",
    "serialport-gsm",
    "gsmcomm",
    "warthog618/modem",
)
_SPOOLS = ("/var/spool/sms/outgoing", "/var/spool/gammu/outbox")
_GOIP_PAGES = ("/default/en_us/send.html", "/default/en_us/sms_info.html")


def _code_possible(text: str, low: str, kind: str) -> bool:
    if "cmgs" in low or "cmgf" in low:  # _at: AT+CMGS= / AT+CMGF= in a literal
        return True
    if kind == k.C:
        return False
    if kind in CODE_KINDS:
        if any(w in low for w in _MODEM_IMPORT_WORDS):  # _libraries; also `gammu` CLI
            return True
        # _android: a send call on an SmsManager (imported or named as the receiver)
        android = kind in (k.JAVA, k.KOTLIN) and "smsmanager" in low
        if android and any(n in text for n in ANDROID_SEND):
            return True
        # _phone_gateway: the capcom6 package name, or a payload plus a URL literal
        if "android_sms_gateway" in text or "android-sms-gateway" in text:
            return True
        if "phoneNumbers" in text and "message" in low and "://" in text:
            return True
    # _cli_spool_goip (code and shell): gnokii --sendsms, gammu (above, or shell), a
    # spool folder, a GoIP send page
    return (
        ("gnokii" in low and "--sendsms" in low)
        or "gammu" in low
        or any(sp in text for sp in _SPOOLS)
        or any(pg in low for pg in _GOIP_PAGES)
    )


# Cheap text gate before any parsing: each kind's paths in check need their literal
# text: `goip` in a config key; SEND_SMS in a manifest; in code and shell an AT command
# (CMGS / CMGF), a modem module's name, an Android send call, the capcom6 gateway's
# words, or a command line, spool folder or GoIP page.
def gate(text: str, kind: str, _name: str) -> bool:
    low = text.lower()
    if kind in _CONFIG_KINDS:
        return "goip" in low
    if kind == k.XML:
        return "SEND_SMS" in text
    return _code_possible(text, low, kind)


def check(ctx: FileContext) -> Iterator[Hit]:
    if ctx.kind in _CONFIG_KINDS:
        yield from _goip_config(ctx)
        return
    if ctx.kind == k.XML:
        yield from _manifest(ctx)
        return
    if ctx.kind in CODE_KINDS or ctx.kind == k.C:
        yield from _at(ctx)
    if ctx.kind in CODE_KINDS:
        yield from _libraries(ctx)
        if ctx.kind in (k.JAVA, k.KOTLIN):
            yield from _android(ctx)
        yield from _phone_gateway(ctx)
    if ctx.kind in CODE_KINDS or ctx.kind == k.SHELL:
        yield from _cli_spool_goip(ctx)


DETECTOR = Detector(
    name="gsm_modem",
    rules=(SMS6001, SMS6002, SMS6003, SMS6004, SMS6005, SMS6006, SMS6007),
    kinds=CODE_KINDS
    | frozenset({k.C, k.SHELL, k.XML, k.INI, k.ENV, k.YAML, k.PROPERTIES, k.JSON, k.TOML}),
    check=check,
    gate=gate,
    anchors=(
        "cmgs",
        "cmgf",
        *_MODEM_IMPORT_WORDS,
        "gnokii",
        "/var/spool/",
        "sendtextmessage",
        "sendmultiparttextmessage",
        "senddatamessage",
        "send_sms",
        "goip",
        "sms_gateway",
        "sms-gateway",
        "phonenumbers",
    ),
    description=__doc__ or "",
)
