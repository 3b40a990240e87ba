"""The sender-domain check (manual §2): is the From domain's DNS ready for mail sent through
the relay? SPF evaluated for the relay's addresses, DMARC, DKIM keys for given selectors, and
free-mail domains, as findings with stable codes and one verdict.

Which addresses the relay sends from is not in the manual: the addresses its host and backup
host resolve to stand in for them, and an include of an itpison.com or newermail.com domain is
accepted too. The report says so (APPROXIMATION)."""

from __future__ import annotations

import asyncio
import ipaddress
import time
from dataclasses import dataclass, field
from typing import Any

from ..smtp.config import RELAY_BACKUP_HOST, RELAY_HOST
from .lookup import Answer, Resolver, Status, default_nameserver
from .names import Nameserver, Target, is_free_mail, is_relay_name
from .policy import UNUSABLE, DkimKey, Dmarc, find_dkim, find_dmarc
from .spf import SpfResult, check_host
from .spf_record import SpfSyntaxError, glued, is_spf_record, parse_record

READY, NOT_READY = "domain_ready", "domain_not_ready"
# An address no relay sends from (TEST-NET-1, RFC 5737): evaluated when the relay's names do
# not resolve, to find out whether the record includes the relay's domain.
PROBE_ADDRESS = "192.0.2.1"
# An address no sender lists (240.0.0.0/4 is reserved, RFC 1112): a record that passes it
# lets everyone send (+all, ip4:0.0.0.0/0, an include of such a record).
OUTSIDER_ADDRESS = "240.0.0.1"
# Receivers ignore RSA keys shorter than this (RFC 8301 §3.2; Gmail, Outlook, Yahoo).
MIN_RSA_BITS = 1024
BLOCKING = frozenset({"spf_missing", "spf_relay_not_authorized", "spf_invalid",
                      "dmarc_missing", "dmarc_invalid", "free_mail_domain", "domain_not_found",
                      "dns_failed"})


@dataclass(frozen=True)
class RelayHost:
    host: str
    addresses: tuple[str, ...] = ()
    status: str = "ok"  # ok, literal (an IP address was given), nxdomain, nodata, timeout, …
    error: str = ""


@dataclass(frozen=True)
class Finding:
    """One result. `row` is the record it is about (domain, spf, dmarc, dkim, relay), `level`
    the picture (ok, warning, error, info); `facts` fill its texts (texts.py)."""

    code: str
    row: str
    level: str
    name: str = ""  # the DNS name that was read
    value: str = ""  # the record as published
    facts: dict[str, str] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.code in BLOCKING or self.facts.get("blocking") == "yes"


@dataclass(frozen=True)
class DomainReport:
    target: Target
    relay: tuple[RelayHost, ...]
    nameserver: str
    findings: tuple[Finding, ...]
    spf: tuple[SpfResult, ...] = ()
    dmarc: Dmarc | None = None
    dkim: tuple[DkimKey, ...] = ()
    trail: tuple[Answer, ...] = ()
    elapsed_ms: float = 0.0
    selectors: tuple[str, ...] = ()

    @property
    def ready(self) -> bool:
        return not any(f.blocking for f in self.findings)

    @property
    def verdict(self) -> str:
        return READY if self.ready else NOT_READY

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings] + [self.verdict]

    @property
    def lookup_failed(self) -> bool:
        return any(f.code == "dns_failed" for f in self.findings)

    def finding(self, code: str) -> Finding | None:
        return next((f for f in self.findings if f.code == code), None)

    def shown_value(self, finding: Finding) -> str:
        """The finding's record as the DNS panel shows it, quoted: as its strings when it was
        published split (QA5 #4), else whole; "" when it has none."""
        if not finding.value:
            return ""
        for answer in self.trail:
            if answer.rdtype == "TXT" and answer.name == finding.name:
                shown = dict(zip(answer.records, answer.shown_records(), strict=False))
                if finding.value in shown:
                    return shown[finding.value]
        return f'"{finding.value}"'

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from .texts import approximation, finding_texts, verdict_texts

        def texts(title: Any, explain: Any, step: Any, status: Any) -> dict[str, str]:
            return {"status": status.get(lang), "title": title.get(lang),
                    "explanation": explain.get(lang), "next_step": step.get(lang)}

        return {
            "domain": self.target.domain, "address": self.target.address,
            "domain_shown": self.target.shown,
            "nameserver": self.nameserver, "ready": self.ready, "verdict": self.verdict,
            "codes": self.codes, "selectors": list(self.selectors),
            "relay": [{"host": r.host, "addresses": list(r.addresses), "status": r.status,
                       **({"error": r.error} if r.error else {})} for r in self.relay],
            "findings": [{"code": f.code, "record": f.row, "level": f.level, "name": f.name,
                          "value": f.value, "blocking": f.blocking,
                          **texts(*finding_texts(f, self))} for f in self.findings],
            "verdict_text": texts(*verdict_texts(self)),
            "approximation": approximation(self).get(lang),
            "records_read": [a.to_dict() for a in self.trail],
            "elapsed_ms": round(self.elapsed_ms, 1),
        }


def relay_hosts(host: str | None, backup_host: str | None) -> tuple[str, ...]:
    """The account's host and backup host; the relay's pair by default (as `probe` does)."""
    host = (host or RELAY_HOST).strip()
    backup = RELAY_BACKUP_HOST if backup_host is None and host == RELAY_HOST else \
        (backup_host or "").strip()
    return tuple(h for h in dict.fromkeys((host, backup)) if h)


async def _resolve_host(resolver: Resolver, host: str) -> RelayHost:
    try:
        return RelayHost(host, (str(ipaddress.ip_address(host.strip("[]"))),), "literal")
    except ValueError:
        pass
    v4, v6 = await asyncio.gather(resolver.query(host, "A"), resolver.query(host, "AAAA"))
    addresses = v4.records + v6.records
    if addresses:
        return RelayHost(host, addresses)
    worst = v4 if v4.status is not Status.NODATA else v6
    return RelayHost(host, (), worst.status.value, worst.error)


async def check_domain(target: Target, *, hosts: tuple[str, ...] = (RELAY_HOST, RELAY_BACKUP_HOST),
                       selectors: tuple[str, ...] | list[str] = (),
                       nameserver: Nameserver | None = None,
                       resolver: Resolver | None = None) -> DomainReport:
    """Check `target` on `nameserver` (default: OMIDESK_NAMESERVER, else the system's DNS).
    Never raises for DNS trouble: that is the finding dns_failed. Cancelling stops at once."""
    started = time.perf_counter()
    resolver = resolver or Resolver(nameserver or default_nameserver())
    try:
        return await _check(resolver, target, hosts, tuple(selectors), started)
    finally:
        resolver.cancel()


async def _check(resolver: Resolver, target: Target, hosts: tuple[str, ...],
                 selectors: tuple[str, ...], started: float) -> DomainReport:
    domain = target.domain
    txt, dmarc, dkim, relay = await asyncio.gather(
        resolver.query(domain, "TXT"), find_dmarc(resolver, domain),
        asyncio.gather(*(find_dkim(resolver, domain, s) for s in selectors)),
        asyncio.gather(*(_resolve_host(resolver, h) for h in hosts)))
    findings: list[Finding] = []
    if is_free_mail(domain):
        findings.append(Finding("free_mail_domain", "domain", "error", domain,
                                facts={"policy": dmarc.policy or "-"}))
    spf_results: tuple[SpfResult, ...] = ()
    policy: Dmarc | None = dmarc
    if txt.status is Status.NXDOMAIN:
        findings.append(Finding("domain_not_found", "domain", "error", domain))
        policy, dkim = None, []
    elif txt.status.failed or txt.status is Status.INVALID:
        # The domain's own records could not be read: nothing else said would be reliable.
        findings.append(_dns_failed("spf", txt))
        return DomainReport(target, tuple(relay), resolver.server_label, tuple(findings),
                            trail=tuple(resolver.trail), selectors=selectors,
                            elapsed_ms=(time.perf_counter() - started) * 1000)
    else:
        spf_findings, spf_results = await _spf(resolver, target, txt, tuple(relay))
        findings += spf_findings
        if spf_findings[0].code in ("spf_ok", "spf_relay_not_authorized"):
            findings += await _open_to_everyone(resolver, target, spf_findings[0].value)
            findings += await _glued_finding(resolver, target, spf_findings[0].value)
    if policy is not None:
        findings.append(_dmarc_finding(policy))
    findings += _dkim_findings(list(dkim), domain, selectors, txt.status)
    for host in relay:
        if host.addresses:
            continue
        if host.status in (Status.TIMEOUT.value, Status.SERVFAIL.value):
            findings.append(Finding("dns_failed", "relay", "warning", host.host,
                                    facts={"query": f"A/AAAA {host.host}",
                                           "error": host.error or host.status}))
        else:
            findings.append(Finding("relay_unresolved", "relay", "warning", host.host,
                                    facts={"host": host.host, "status": host.status}))
    return DomainReport(target, tuple(relay), resolver.server_label, tuple(findings),
                        spf_results, policy, tuple(dkim), tuple(resolver.trail),
                        (time.perf_counter() - started) * 1000, selectors)


def _dns_failed(row: str, answer: Answer) -> Finding:
    return Finding("dns_failed", row, "warning", answer.name,
                   facts={"query": f"{answer.rdtype} {answer.name}",
                          "error": answer.error or answer.status.value})


def _is_v6(ip: str) -> bool:
    return ipaddress.ip_address(ip).version == 6


def _failing(result: SpfResult, family: bool = True) -> str:
    """`2001:db8::10 (IPv6): fail (-all)`: an address that does not pass, and why."""
    v6 = " (IPv6)" if family and _is_v6(result.ip) else ""
    return f"{result.ip}{v6}: {result.result}" + (f" ({result.matched})" if result.matched
                                                   else "")


async def _spf(resolver: Resolver, target: Target, txt: Answer,
               relay: tuple[RelayHost, ...]) -> tuple[list[Finding], tuple[SpfResult, ...]]:
    """The SPF finding first; then spf_ipv6_not_covered when only IPv6 addresses fail."""
    domain = target.domain
    records = [r for r in txt.records if is_spf_record(r)] if txt.ok else []
    if not records:  # perhaps one whose version was glued to its next string (v=spf1ip4:…)
        return [Finding("spf_missing", "spf", "error", domain,
                        facts=await _glued_strings(resolver, domain))], ()
    value = records[0] if len(records) == 1 else " | ".join(records)
    pairs = [(ip, r.host) for r in relay for ip in r.addresses]
    probing = not pairs
    if probing:
        pairs = [(PROBE_ADDRESS, relay[0].host if relay else domain)]
    results = tuple(await asyncio.gather(*(
        check_host(resolver, ip, domain, sender=target.sender, helo=host) for ip, host in pairs)))
    for result in results:
        if result.result in ("permerror", "temperror"):
            assert result.problem is not None
            problem = result.problem
            facts = {"problem": problem.code, "where": problem.domain, "term": problem.term,
                     "detail": problem.detail, "detail_zh": problem.detail_zh or problem.detail,
                     "lookups": str(result.lookups), "loop": " → ".join(problem.loop)}
            if result.result == "temperror":
                return [Finding("dns_failed", "spf", "warning", domain, value,
                                {**facts, "query": f"{problem.term} {problem.domain}",
                                 "error": problem.detail})], results
            facts.update(await _glued_strings(resolver, problem.domain, problem.term))
            return [Finding("spf_invalid", "spf", "error", domain, value, facts)], results
    relay_is_ours = any(is_relay_name(r.host) for r in relay)
    covered, uncovered, via = [], [], ""
    refused = ""
    for result in results:
        # the relay's include counts only on a path of "+" includes: -include:/~include:/
        # ?include: of it can only fail it, softfail it or leave it neutral
        relay_paths = [(name, above) for name, above in result.qualified
                       if is_relay_name(name)] if relay_is_ours else []
        include = next((name for name, above in relay_paths if not above), "")
        against = next((above for _, above in relay_paths if above), "")
        if include:
            via = via or include
            covered.append(result)
        elif against:
            refused = refused or against
            uncovered.append(result)
        elif result.result == "pass" and not probing:
            covered.append(result)
        else:
            uncovered.append(result)
    # QA3 #9: the relay's host may have an IPv6 address too. Whether the relay sends over
    # IPv6 is not known (not in the manual), so when every IPv4 address passes and only IPv6
    # ones fail, SPF covers the relay as far as is known, with a warning of its own.
    v6_only = bool(uncovered) and not probing and all(_is_v6(r.ip) for r in uncovered) \
        and any(not _is_v6(r.ip) for r in covered)
    shown = covered if v6_only else list(results)
    facts = {"addresses": ", ".join(f"{r.ip} ({r.result})" for r in results),
             "ips": ", ".join(r.ip for r in shown),
             "lookups": str(max(r.lookups for r in results)), "via": via,
             "matched": ", ".join(dict.fromkeys(r.matched for r in covered if r.matched)),
             "uncovered": ", ".join(_failing(r) for r in uncovered),
             "probing": "yes" if probing else "", "refused": refused,
             "ipv4_only": "yes" if v6_only else ""}
    if not uncovered:
        return [Finding("spf_ok", "spf", "ok", domain, value, facts)], results
    if probing:  # QA5 #23: no relay address to evaluate: no verdict on the record
        return [_relay_unknown(domain, value, relay)], results
    if not v6_only:
        return [Finding("spf_relay_not_authorized", "spf", "error", domain, value, facts)], \
            results
    hosts = {str(ipaddress.ip_address(ip)): host for ip, host in pairs}
    v6 = {"ip6": " ".join(r.ip for r in uncovered),
          "hosts": ", ".join(dict.fromkeys(hosts.get(r.ip, "") for r in uncovered)),
          "uncovered": ", ".join(_failing(r, family=False) for r in uncovered)}
    return [Finding("spf_ok", "spf", "ok", domain, value, facts),
            Finding("spf_ipv6_not_covered", "spf", "warning", domain, value, v6)], results


def _relay_unknown(domain: str, value: str, relay: tuple[RelayHost, ...]) -> Finding:
    """SPF when no relay address is known and the record includes no relay domain: a failed
    lookup of the relay's names leaves the result unknown (dns_failed: the verdict is "could
    not check"); names without an address make it spf_not_checked (check the server name) —
    never "does not cover the relay", which would send IT to edit a record that may be right."""
    failed = next((r for r in relay if r.status in (Status.TIMEOUT.value,
                                                    Status.SERVFAIL.value)), None)
    hosts = ", ".join(r.host for r in relay)
    if failed is not None:
        return Finding("dns_failed", "spf", "warning", domain, value,
                       {"query": f"A/AAAA {failed.host}", "error": failed.error or failed.status,
                        "relay": "yes"})
    return Finding("spf_not_checked", "spf", "warning", domain, value,
                   {"hosts": hosts, "blocking": "yes"})


async def _glued_strings(resolver: Resolver, where: str, term: str = "") -> dict[str, str]:
    """QA5 #4: two terms of the SPF record at `where` glued at the join of two of its strings
    (a long record a DNS panel split, with no space at the split) — inside `term`, the faulty
    one, when given: the words glued, for the text to say why and where the space goes. The
    answer is the one read already (the resolver's cache)."""
    if not where:
        return {}
    answer = await resolver.query(where, "TXT")
    for record, strings in zip(answer.records, answer.strings, strict=False):
        if not is_spf_record(record) and "".join(strings[:1]).lower() != "v=spf1":
            continue
        for before, after in glued(strings):
            if not term or before + after in term:
                return {"where": where, "glued_before": before, "glued_after": after,
                        "strings": str(len(strings))}
    return {}


async def _glued_finding(resolver: Resolver, target: Target, record: str) -> list[Finding]:
    """spf_strings_glued: a warning beside an SPF record that could be evaluated."""
    facts = await _glued_strings(resolver, target.domain)
    return [Finding("spf_strings_glued", "spf", "warning", target.domain, record, facts)] \
        if facts else []


async def _open_to_everyone(resolver: Resolver, target: Target, record: str) -> list[Finding]:
    """spf_allows_everyone (QA3 #9): each mechanism of the record that passes any address
    (+all, an ip4/ip6 network of length 0), and the way an address that nobody lists passes
    (an include of such a record, say)."""
    terms: list[str] = []
    try:
        parsed = parse_record(record)
    except SpfSyntaxError:
        parsed = None
    if parsed is not None:
        terms = [t.text for t in parsed.mechanisms if t.result == "pass" and (
            t.name == "all" or (t.network is not None and t.network.prefixlen == 0))]
    outsider = await check_host(resolver, OUTSIDER_ADDRESS, target.domain,
                                sender=target.sender, helo=target.domain)
    if outsider.result == "pass" and outsider.matched and \
            outsider.matched.split(" → ", 1)[0] not in terms:
        terms.append(outsider.matched)
    if not terms:
        return []
    return [Finding("spf_allows_everyone", "spf", "warning", target.domain, record,
                    {"terms": ", ".join(terms),
                     "remove": ", ".join(dict.fromkeys(t.split(" → ", 1)[0] for t in terms))})]


def _dmarc_finding(dmarc: Dmarc) -> Finding:
    name = f"_dmarc.{dmarc.found_at}" if dmarc.found_at else f"_dmarc.{dmarc.domain}"
    facts = {"asked": ", ".join(dmarc.asked), "found_at": dmarc.found_at,
             "policy": dmarc.policy, "pct": str(dmarc.percent),
             "inherited": "yes" if dmarc.inherited else "", "problem": dmarc.problem,
             "rua": dmarc.tags.get("rua", ""), "sp": dmarc.tags.get("sp", "")}
    if dmarc.problem == "dns" and dmarc.failed is not None:
        return _dns_failed("dmarc", dmarc.failed)
    if not dmarc.record:
        return Finding("dmarc_missing", "dmarc", "error", name, facts=facts)
    if dmarc.problem in ("several_records", "case", "no_policy"):  # no policy applies
        return Finding("dmarc_invalid", "dmarc", "error", name, dmarc.record, facts)
    code = "dmarc_monitoring" if dmarc.policy == "none" else "dmarc_enforced"
    return Finding(code, "dmarc", "ok", name, dmarc.record, facts)


def _dkim_findings(keys: list[DkimKey], domain: str, selectors: tuple[str, ...],
                   status: Status) -> list[Finding]:
    if status is Status.NXDOMAIN:
        return []
    if not selectors:
        return [Finding("dkim_not_checked", "dkim", "info", f"<selector>._domainkey.{domain}")]
    any_found = any(k.found for k in keys)
    out: list[Finding] = []
    for key in keys:
        facts = {"selector": key.selector, "cname": key.cname, "key_type": key.key_type,
                 "bits": str(key.bits) if key.bits else "", "problem": key.problem,
                 "detail": key.detail}
        if key.problem == "dns" and key.failed is not None:
            out.append(_dns_failed("dkim", key.failed))
        elif key.found:
            # a key receivers ignore is not "found": its mail counts as unsigned (QA3 #29)
            weak = key.key_type == "rsa" and key.bits < MIN_RSA_BITS
            out.append(Finding("dkim_weak_key" if weak else "dkim_found", "dkim",
                               "warning" if weak else "ok", key.name, key.record, facts))
            if key.testing:
                out.append(Finding("dkim_testing", "dkim", "warning", key.name, key.record,
                                   facts))
        else:
            # a key no receiver can use (QA5 #3) fails DKIM as a missing one does
            code = "dkim_unusable" if key.problem in UNUSABLE else "dkim_not_found"
            level = "warning" if any_found else "error"
            out.append(Finding(code, "dkim", level, key.name, key.record,
                               {**facts, "blocking": "" if any_found else "yes"}))
    return out
