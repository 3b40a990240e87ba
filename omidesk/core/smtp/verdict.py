"""What a whole connection test says when nothing worked and no single row tells the story.

Each row of a matrix is diagnosed on its own ("Connection refused", "STARTTLS not offered on
this port"), and each row's next step is true of that row alone — "use port 465" is good advice
for a wrong port, and wrong when 465 was just refused. The pattern across the rows is what the
user needs: the encrypted ports unreachable on every host while the plain port answers only
without encryption means this network blocks 465/587 (or inspects SMTP), and the step is
asking IT to open them. The CLI, the Connection test tab, the set-up assistant and the report
all take their headline from here (MatrixResult.verdict)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..text import Text
from .config import Security, ServerConfig
from .diagnosis import Diagnosis, diagnose

if TYPE_CHECKING:
    from .probe import ProbeResult

# The connection did not get through (a firewall's refusal or silence); DNS failures are
# not a blocked port.
BLOCKED = frozenset({"connect_refused", "connect_timeout", "network_unreachable",
                     "greeting_timeout"})
# Reached, but nothing encrypted on offer: STARTTLS missing, or a plain combination on which
# OMIDesk would not (or could not) log in.
_PLAIN_ONLY = frozenset({"plaintext_login_refused", "auth_unsupported"})


def _plain_only(result: ProbeResult) -> bool:
    code = result.diagnosis.code
    if not result.greeting:
        return False
    if result.security is Security.NONE:
        return code in _PLAIN_ONLY
    return code == "starttls_unsupported"


def joined(items: Sequence[str]) -> Text:
    """"465 and 587" / "465 與 587"; "a, b and c" / "a、b 與 c"."""
    if len(items) <= 1:
        return Text("".join(items), "".join(items))
    return Text(", ".join(items[:-1]) + " and " + items[-1],
                "、".join(items[:-1]) + " 與 " + items[-1])


def _ports(ports: Sequence[int]) -> Text:
    numbers = joined([str(p) for p in ports])
    if len(ports) == 1:
        return Text(f"port {numbers.en}", f"連接埠 {numbers.zh}")
    return Text(f"ports {numbers.en}", f"連接埠 {numbers.zh}")


def across_rows(config: ServerConfig, results: Sequence[ProbeResult]) -> Diagnosis | None:
    """The diagnosis of the whole test, or None when the rows do not form a known pattern
    (then the row MatrixResult.focus names speaks for the test). Only for a finished test in
    which nothing worked and no login was tried."""
    if not results or any(r.ok or r.login_tried for r in results):
        return None
    return _ports_blocked(config, results) or _login_only_unencrypted(config, results)


# An encrypted row that met a port speaking plain SMTP: SSL's handshake answered by a banner,
# or no STARTTLS offered.
_NOT_ENCRYPTED = frozenset({"tls_handshake_failed", "starttls_unsupported"})


def _login_only_unencrypted(config: ServerConfig,
                            results: Sequence[ProbeResult]) -> Diagnosis | None:
    """Every port reached speaks SMTP only without encryption and offers a login there (a
    custom server, QA3 #6): the verdict is that, and the setting that would allow it, not
    the rows' "try 465 or 587", which nobody tested on this server."""
    plain = {(r.host, r.port) for r in results
             if r.security is Security.NONE and r.greeting and
             r.diagnosis.code == "plaintext_login_refused"}
    if not plain or all(r.security is Security.NONE for r in results):
        return None  # no encryption tried: the plain row's own words say it
    for result in results:
        if (result.host, result.port) not in plain:
            return None  # a port of another kind: its row says it better
        if result.security is not Security.NONE and result.diagnosis.code not in _NOT_ENCRYPTED:
            return None
    ports = list(dict.fromkeys(port for _host, port in plain))
    hosts = list(dict.fromkeys(host for host, _port in plain))
    return diagnose("plaintext_login_only", config, host=hosts[0],
                    extra_facts={"open_ports": ", ".join(map(str, ports)),
                                 "hosts": ", ".join(hosts)},
                    worded={"open_ports": _ports(ports), "hosts": joined(hosts)})


def _ports_blocked(config: ServerConfig, results: Sequence[ProbeResult]) -> Diagnosis | None:
    blocked: list[ProbeResult] = []
    plain: list[ProbeResult] = []
    for result in results:
        if _plain_only(result):
            plain.append(result)
        elif result.diagnosis.code in BLOCKED and not result.diagnosis.facts.get("tls"):
            # (a greeting that never came after a TLS handshake that worked: not blocked)
            if result.security is not Security.NONE:
                blocked.append(result)
        else:
            return None  # something else went wrong too: its row says it better
    open_ports = list(dict.fromkeys(r.port for r in plain))
    blocked = [r for r in blocked if r.port not in open_ports]
    if not plain or not blocked:
        return None
    ports = list(dict.fromkeys(r.port for r in blocked))
    hosts = list(dict.fromkeys(r.host for r in blocked))
    login_offered = any(r.diagnosis.code == "plaintext_login_refused" for r in plain)
    no_login = not login_offered and any(r.security is Security.NONE for r in plain)
    return diagnose("encrypted_ports_blocked", config, host=hosts[0],
                    variant="no_login" if no_login else "",
                    extra_facts={"blocked_ports": ", ".join(map(str, ports)),
                                 "open_ports": ", ".join(map(str, open_ports)),
                                 "hosts": ", ".join(hosts)},
                    worded={"blocked": _ports(ports), "open_ports": _ports(open_ports),
                            "hosts": joined(hosts)})
