"""What each scenario means legally (China), in plain words, and what to do.

Data only: the verdict (scanner/infer.py) picks entries from here and every
reporter prints them. Not legal advice; the wording states the usual reading
of the Telecommunications Regulations and the 2015 Classification Catalogue
of Telecommunications Services, plus PIPL duties for scenario B.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Licence(NamedTuple):
    """What a scenario means for licensing, in words a lawyer and an engineer can both read."""

    scenario: str  # "A" | "B" | "C"
    short: str  # a few plain words: "direct carrier connection"
    title: str  # what the scenario is, one line
    licence: str  # the licence consequence, one sentence (first sentence everywhere)
    required: bool  # does the operator itself need a telecom licence?
    conditions: tuple[str, ...]  # conditions / duties / provider-side checks
    actions: tuple[str, ...]  # the action guide for a reviewer or the team

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "title": self.title,
            "licence": self.licence,
            "licence_required": self.required,
            "conditions": list(self.conditions),
            "actions": list(self.actions),
        }


LICENCES: dict[str, Licence] = {
    "C": Licence(
        scenario="C",
        short="direct carrier connection",
        title="Direct connection to a carrier SMSC (SMPP/CMPP/SGIP/SMGP, usually a 106 service number)",
        licence=(
            "A B25 value-added telecom SP licence is required (provincial: 1M RMB registered capital; "
            "cross-regional: 10M RMB)."
        ),
        required=True,
        conditions=(
            "Licence: 增值电信业务经营许可证, category B25 information services (the 'SP licence'), "
            "issued by the provincial communications administration (one province) or by MIIT "
            "(cross-regional, several provinces).",
            "Registered capital: at least 1M RMB (provincial) or 10M RMB (cross-regional); the company "
            "must be domestically funded for this service.",
            "Typical lead time: 3 to 9 months; the carrier allocates the 106 service number only under a "
            "valid licence and a carrier access agreement.",
            "Related but separate: an ICP licence (B25 internet information services) for paid online "
            "services, and a call-centre licence (B24) if the same operation runs a call centre.",
        ),
        actions=(
            "Confirm which legal entity operates the carrier link and whether it holds a valid B25 SP "
            "licence covering every province it sends to (check the MIIT licence register).",
            "Collect the carrier access agreement and the 106 service-number allocation.",
            "If no licence is held: stop the direct link or move the traffic to a licensed SMS platform "
            "(scenario B) while applying.",
            "Check the hosts the code connects to: an aggregator's SMPP/CMPP account is scenario B, not C.",
        ),
    ),
    "B": Licence(
        scenario="B",
        short="licensed third-party SMS platform",
        title="Licensed third-party SMS platform API (Tencent Cloud, Alibaba Cloud, Huawei Cloud, ...)",
        licence=(
            "No SP licence is needed by the sender; the platform must hold one, and contract and PIPL "
            "duties apply."
        ),
        required=False,
        conditions=(
            "The provider must hold a valid B25 SP licence (check it; large clouds do, small resellers "
            "may not).",
            "A signed service agreement with the provider; SMS signatures and templates registered "
            "with it.",
            "The privacy policy must disclose that phone numbers and message content are processed by "
            "the third-party provider (PIPL).",
            "Verification codes and message bodies must not be logged; keep message bodies only as "
            "long as needed (minimal retention).",
        ),
        actions=(
            "Collect the provider's SP licence number and the signed service agreement.",
            "Review the privacy policy for the third-party processing disclosure.",
            "Check logs and databases: no verification codes or message bodies in logs; a retention "
            "limit for stored messages.",
            "Keep provider credentials in a secret store, never in the repository.",
        ),
    ),
    "A": Licence(
        scenario="A",
        short="own SIM cards / GSM modems for internal testing",
        title="Own SIM cards / GSM modems, internal testing",
        licence="No licence is needed while it stays internal (staff only, internal network, testing).",
        required=False,
        conditions=(
            "Recipients are the company's own staff; no messages to customers or the public.",
            "The sending path (modem, SIM box, gateway) is reachable only from the internal network.",
            "SIM cards are registered to the company; volumes stay at testing level.",
        ),
        actions=(
            "Confirm the path is used only for internal testing and only reaches staff numbers.",
            "Make sure no public route, public bind or load balancer exposes it (see exposure).",
            "Before any customer-facing use: move to a licensed platform (B) or obtain an SP licence (C).",
        ),
    ),
}

NO_SCENARIO = "No SMS-sending path was found: no SMS licence question arises from this code."
