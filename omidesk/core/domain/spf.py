"""RFC 7208 check_host(): is this address allowed to send mail for this domain? Every
mechanism and modifier, macros, the limits of §4.6.4 (10 DNS-querying terms, 2 void lookups,
10 MX or PTR names), on the lookup.Resolver, so each record read is in its trail. Checked
against the RFC 7208 test suite (tests/data/rfc7208-tests.yml) served by a real DNS server.

Why not a library: pyspf (PSF licence) is the one Python evaluator of this RFC, but its last
release (2.0.14, January 2020) calls dnspython's deprecated `resolver.query`, carries an
invalid escape sequence (a SyntaxWarning from Python 3.12), and asks only the process-wide
resolver, blocking; checkdmarc (Apache-2.0) parses records but evaluates no address."""

from __future__ import annotations

import ipaddress
import time
from dataclasses import dataclass, field

from .lookup import Answer, Resolver, Status
from .names import is_fqdn, is_under
from .spf_record import (
    CONTROL_CHARACTERS,
    MacroString,
    SpfRecord,
    SpfSyntaxError,
    Term,
    expand,
    is_spf_record,
    parse_record,
    truncate_name,
    uses_letter,
)

MAX_LOOKUPS = 10  # §4.6.4: include, a, mx, ptr, exists, redirect
MAX_VOID_LOOKUPS = 2
MAX_NAMES = 10  # addresses looked up per MX or PTR answer
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class SpfProblem:
    """Why a result is permerror or temperror: a stable code and the facts to explain it."""

    code: str  # two_records, syntax, too_many_lookups, void_lookups, include_none,
    #            redirect_none, mx_limit, non_ascii, dns (temperror)
    domain: str = ""  # whose record
    term: str = ""
    detail: str = ""
    detail_zh: str = ""  # the detail in 繁中, where it is words (a syntax error's why)
    loop: tuple[str, ...] = ()  # too_many_lookups: the records that include each other


@dataclass(frozen=True)
class SpfResult:
    result: str  # pass, fail, softfail, neutral, none, permerror, temperror
    ip: str
    domain: str
    chain: tuple[tuple[str, str], ...] = ()  # (domain, term) from the record down to a match
    problem: SpfProblem | None = None
    lookups: int = 0
    void_lookups: int = 0
    records: tuple[tuple[str, str], ...] = ()  # (domain, record) in the order read
    reached: tuple[str, ...] = ()  # include and redirect targets evaluated
    # each of them with the first include above it (itself too) whose qualifier is not "+"
    # ("-include:x", "~include:x", "?include:x"), "" when the whole path passes: a match in
    # there can only give fail/softfail/neutral, so it authorises nobody
    qualified: tuple[tuple[str, str], ...] = ()

    @property
    def matched(self) -> str:
        return " → ".join(term for _, term in self.chain)


class _Stop(Exception):
    def __init__(self, result: str, problem: SpfProblem) -> None:
        super().__init__(problem.code)
        self.result = result
        self.problem = problem


def _perm(code: str, domain: str = "", term: str = "", detail: str = "",
          detail_zh: str = "") -> _Stop:
    return _Stop("permerror", SpfProblem(code, domain, term, detail, detail_zh))


def _temp(answer: Answer) -> _Stop:
    return _Stop("temperror", SpfProblem("dns", answer.name, answer.rdtype,
                                         answer.error or answer.status.value))


def _ip(text: str) -> IPAddress:
    ip = ipaddress.ip_address(text)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # §5: an IPv4-mapped IPv6 address is checked as IPv4
    return ip


@dataclass
class _Evaluation:
    resolver: Resolver
    ip: IPAddress
    sender: str
    helo: str
    lookups: int = 0
    void_lookups: int = 0
    records: list[tuple[str, str]] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)
    qualified: list[tuple[str, str]] = field(default_factory=list)
    _not_pass: str = ""  # the include above the record being evaluated that is not "+"
    _path: list[str] = field(default_factory=list)  # the records being evaluated, outermost first
    _validated: dict[str, list[str]] = field(default_factory=dict)

    @property
    def v6(self) -> bool:
        return isinstance(self.ip, ipaddress.IPv6Address)

    # -- limits ------------------------------------------------------------------------------
    def _count(self, domain: str, term: Term) -> None:
        self.lookups += 1
        if self.lookups > MAX_LOOKUPS:
            raise _Stop("permerror", SpfProblem("too_many_lookups", domain, term.text,
                                                loop=self._loop()))

    def _loop(self) -> tuple[str, ...]:
        """The first record on the include/redirect path that comes back, from it to its
        return (a → a: it includes itself; a → b → a); () when none repeats (QA3 #32)."""
        for end, name in enumerate(self._path):
            if name in self._path[:end]:
                return tuple(self._path[self._path.index(name):end + 1])
        return ()

    def _void(self, domain: str, term: Term) -> None:
        self.void_lookups += 1
        if self.void_lookups > MAX_VOID_LOOKUPS:
            raise _perm("void_lookups", domain, term.text)

    # -- records -----------------------------------------------------------------------------
    async def check_host(self, domain: str, depth: int = 0) -> tuple[str, list[tuple[str, str]]]:
        """(result, chain) for `domain`; raises _Stop for permerror and temperror."""
        if not is_fqdn(domain):
            return "none", []  # §4.3
        if depth > 2 * MAX_LOOKUPS:
            raise _perm("too_many_lookups", domain)
        self._path.append(domain)
        try:
            return await self._check_record(domain, depth)
        finally:
            self._path.pop()

    async def _check_record(self, domain: str, depth: int) -> tuple[str, list[tuple[str, str]]]:
        answer = await self.resolver.query(domain, "TXT")
        if answer.status.failed:
            raise _temp(answer)
        if not answer.ok:
            return "none", []
        found = [(text, plain, visible) for text, plain, visible
                 in zip(answer.records, answer.ascii, answer.visible, strict=False)
                 if is_spf_record(text)]
        if not found:
            return "none", []
        if len(found) > 1:
            raise _perm("two_records", domain, detail=str(len(found)))
        text, plain, visible = found[0]
        self.records.append((domain, text))
        if not plain:
            raise _perm("non_ascii", domain)
        if not visible:  # control or bidi characters, shown escaped in `text` (lookup.py)
            term = next((w for w in text.split(" ") if "\\" in w), text[:20])
            raise _perm("syntax", domain, term, *CONTROL_CHARACTERS)
        try:
            record = parse_record(text)
        except SpfSyntaxError as exc:
            raise _perm("syntax", domain, exc.term, exc.why, exc.why_zh) from None
        return await self._evaluate(record, domain, depth)

    async def _evaluate(self, record: SpfRecord, domain: str,
                        depth: int) -> tuple[str, list[tuple[str, str]]]:
        for term in record.mechanisms:
            inner = await self._matches(term, domain, depth)
            if inner is not None:
                return term.result, [(domain, term.text), *inner]
        if record.redirect is not None:  # §6.1: only when no mechanism matched
            term = record.redirect
            self._count(domain, term)
            target = await self._target(term.spec, domain)
            self.reached.append(target)
            self.qualified.append((target, self._not_pass))
            result, inner = await self.check_host(target, depth + 1)
            if result == "none":
                raise _perm("redirect_none", domain, term.text, target)
            return result, [(domain, term.text), *inner]
        return "neutral", []

    # -- mechanisms (§5): None when the term does not match, else the chain below it ---------
    async def _matches(self, term: Term, domain: str,
                       depth: int) -> list[tuple[str, str]] | None:
        name = term.name
        if name == "all":
            return []
        if name in ("ip4", "ip6"):
            assert term.network is not None
            same_family = (name == "ip6") == self.v6
            return [] if same_family and self.ip in term.network else None
        self._count(domain, term)
        target = await self._target(term.spec, domain) if term.spec else domain
        if name == "include":
            self.reached.append(target)
            outer = self._not_pass
            self._not_pass = outer or ("" if term.result == "pass" else term.text)
            self.qualified.append((target, self._not_pass))
            try:
                result, inner = await self.check_host(target, depth + 1)
            finally:
                self._not_pass = outer
            if result == "none":
                raise _perm("include_none", domain, term.text, target)
            return inner if result == "pass" else None
        if name == "a":
            addresses = await self._addresses(target, domain, term)
            return [] if self._in(addresses, term) else None
        if name == "mx":
            return [] if await self._mx(target, domain, term) else None
        if name == "ptr":
            names = await self._validated_names(domain, term)
            return [] if any(is_under(n, target) for n in names) else None
        # exists: an A lookup, whatever the address family (§5.7)
        answer = await self.resolver.query(target, "A")
        if answer.status.failed:
            raise _temp(answer)
        if answer.status.void:
            self._void(domain, term)
        return [] if answer.ok else None

    def _in(self, addresses: list[str], term: Term) -> bool:
        prefix = term.cidr6 if self.v6 else term.cidr4
        for address in addresses:
            try:
                network = ipaddress.ip_network(f"{address}/{prefix}", strict=False)
            except ValueError:
                continue
            if self.ip in network:
                return True
        return False

    async def _addresses(self, target: str, domain: str, term: Term | None) -> list[str]:
        answer = await self.resolver.query(target, "AAAA" if self.v6 else "A")
        if answer.status.failed:
            raise _temp(answer)
        if answer.status.void and term is not None:
            self._void(domain, term)
        return list(answer.records) if answer.ok else []

    async def _mx(self, target: str, domain: str, term: Term) -> bool:
        answer = await self.resolver.query(target, "MX")
        if answer.status.failed:
            raise _temp(answer)
        if answer.status.void:
            self._void(domain, term)
            return False
        exchanges = [record.split(" ", 1)[1] for record in answer.records]
        exchanges = [name for name in exchanges if name not in ("", ".")]  # RFC 7505 null MX
        if len(exchanges) > MAX_NAMES:
            raise _perm("mx_limit", domain, term.text, str(len(exchanges)))
        for exchange in exchanges:
            if self._in(await self._addresses(exchange, domain, None), term):
                return True
        return False

    async def _validated_names(self, domain: str, term: Term | None) -> list[str]:
        """§5.5: the PTR names of the address whose own addresses include it (10 at most)."""
        key = str(self.ip)
        if key in self._validated:
            return self._validated[key]
        answer = await self.resolver.query(self.ip.reverse_pointer, "PTR")
        names: list[str] = []
        if answer.status.void and term is not None:
            self._void(domain, term)
        if answer.ok:
            for name in answer.records[:MAX_NAMES]:
                try:
                    addresses = await self._addresses(name, domain, None)
                except _Stop:
                    continue  # a DNS error on one name skips that name (§5.5)
                if any(_ip(a) == self.ip for a in addresses):
                    names.append(name)
        self._validated[key] = names
        return names

    # -- macros (§7) -------------------------------------------------------------------------
    async def _target(self, spec: MacroString, domain: str) -> str:
        return truncate_name(expand(spec, await self._macro_values(spec, domain)))

    async def _macro_values(self, spec: MacroString, domain: str) -> dict[str, str]:
        local, _, sender_domain = self.sender.rpartition("@")
        nibbles = ".".join(self.ip.exploded.replace(":", "")) if self.v6 else str(self.ip)
        values = {
            "s": f"{local or 'postmaster'}@{sender_domain}", "l": local or "postmaster",
            "o": sender_domain, "d": domain, "i": nibbles, "v": "ip6" if self.v6 else "in-addr",
            "h": self.helo, "c": str(self.ip), "r": "unknown", "t": str(int(time.time())),
            "p": "unknown",
        }
        if uses_letter(spec, "p"):
            values["p"] = await self._p_macro(domain)
        return values

    async def _p_macro(self, domain: str) -> str:
        names = await self._validated_names(domain, None)
        for pick in (lambda n: n == domain, lambda n: is_under(n, domain), lambda n: True):
            for name in names:
                if pick(name):
                    return name
        return "unknown"


async def check_host(resolver: Resolver, ip: str, domain: str, *, sender: str = "",
                     helo: str = "") -> SpfResult:
    """RFC 7208 §4: the SPF result for mail from `sender` (default postmaster@domain) sent
    from `ip`. Never raises: a DNS failure is temperror, a broken record permerror."""
    address = _ip(ip)
    domain = domain.lower().rstrip(".")
    sender = sender or f"postmaster@{domain}"
    state = _Evaluation(resolver, address, sender, helo or domain)
    result, problem = "none", None
    chain: list[tuple[str, str]] = []
    try:
        result, chain = await state.check_host(domain)
    except _Stop as stop:
        result, problem = stop.result, stop.problem
    return SpfResult(result, str(address), domain, tuple(chain), problem, state.lookups,
                     state.void_lookups, tuple(state.records), tuple(state.reached),
                     tuple(state.qualified))


__all__ = ["MAX_LOOKUPS", "SpfProblem", "SpfResult", "Status", "check_host"]
