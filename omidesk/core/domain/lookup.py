"""DNS lookups for the sender-domain check: dnspython's asyncio resolver on the running loop
(the qasync loop in the app, asyncio.run in the CLI), short timeouts, one cache per check, and
a trail of every answer so the user sees each record that was read.

A lookup never raises: its Answer says ok, nodata, nxdomain, or why it failed."""

from __future__ import annotations

import asyncio
import enum
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .names import Nameserver, parse_nameserver, valid_dns_name

if TYPE_CHECKING:
    import dns.asyncresolver

# Per attempt and per lookup: a resolver that does not answer is reported within seconds.
TIMEOUT = 2.0
LIFETIME = 3.0
# The environment variable that points the app's checks at another DNS server (IT, tests).
NAMESERVER_ENV = "OMIDESK_NAMESERVER"


class Status(enum.Enum):
    OK = "ok"
    NODATA = "nodata"  # the name exists, without a record of this type
    NXDOMAIN = "nxdomain"  # the name does not exist
    TIMEOUT = "timeout"  # no answer within the lifetime
    SERVFAIL = "servfail"  # the server answered with an error (SERVFAIL, REFUSED, …)
    INVALID = "invalid"  # not a name a query can be made for (a label too long, …)

    @property
    def void(self) -> bool:
        """RFC 7208 §4.6.4: a lookup that found nothing (NODATA or NXDOMAIN)."""
        return self in (Status.NODATA, Status.NXDOMAIN)

    @property
    def failed(self) -> bool:
        """The question was not answered: the result is unknown, not negative."""
        return self in (Status.TIMEOUT, Status.SERVFAIL)


@dataclass(frozen=True, slots=True)
class Answer:
    """One lookup. `records` are in text form: TXT strings joined (RFC 7208 §3.3), addresses,
    "PREFERENCE EXCHANGE" for MX, a name for PTR; names without the final dot."""

    name: str
    rdtype: str
    status: Status
    records: tuple[str, ...] = ()
    cname: str = ""  # where a CNAME led, when the answer came through one
    error: str = ""
    ascii: tuple[bool, ...] = ()  # TXT: whether each record was plain ASCII

    @property
    def ok(self) -> bool:
        return self.status is Status.OK

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "type": self.rdtype,
                                "status": self.status.value, "records": list(self.records)}
        if self.cname:
            data["cname"] = self.cname
        if self.error:
            data["error"] = self.error
        return data


def default_nameserver() -> Nameserver | None:
    """`OMIDESK_NAMESERVER` when set (an IP[:PORT]), else None: the system's resolver."""
    value = os.environ.get(NAMESERVER_ENV, "").strip()
    return parse_nameserver(value) if value else None


@dataclass
class Resolver:
    """One check's resolver: a cache (each name and type asked once, also when asked twice
    at the same time) and the trail of answers in the order they were asked."""

    nameserver: Nameserver | None = None
    timeout: float = TIMEOUT
    lifetime: float = LIFETIME
    _pending: dict[tuple[str, str], asyncio.Future[Answer]] = field(default_factory=dict,
                                                                      repr=False)
    _resolver: dns.asyncresolver.Resolver | None = field(default=None, repr=False)
    _setup_error: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        import dns.asyncresolver
        import dns.resolver

        try:
            resolver = dns.asyncresolver.Resolver(configure=self.nameserver is None)
        except (dns.resolver.NoResolverConfiguration, OSError) as exc:
            self._setup_error = f"no DNS server is configured on this computer ({exc})"
            return
        if self.nameserver is not None:
            resolver.nameservers = [self.nameserver.host]
            resolver.port = self.nameserver.port
        resolver.timeout, resolver.lifetime = self.timeout, self.lifetime
        resolver.use_edns(0, 0, 1232)  # big TXT answers in one datagram; TCP when truncated
        resolver.cache = None  # this object caches, for the length of one check
        self._resolver = resolver

    @property
    def trail(self) -> list[Answer]:
        """Every answer so far, in the order the questions were asked."""
        return [f.result() for f in self._pending.values() if f.done() and not f.cancelled()]

    def cancel(self) -> None:
        """Stop the lookups still running (the check ended or was cancelled)."""
        for pending in self._pending.values():
            pending.cancel()

    @property
    def server_label(self) -> str:
        if self.nameserver is not None:
            return str(self.nameserver)
        if self._resolver is not None and self._resolver.nameservers:
            return ", ".join(str(ns) for ns in self._resolver.nameservers)
        return "-"

    async def query(self, name: str, rdtype: str) -> Answer:
        key = (name.lower().rstrip("."), rdtype.upper())
        pending = self._pending.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._ask(*key))
            self._pending[key] = pending
        return await asyncio.shield(pending)

    async def _ask(self, name: str, rdtype: str) -> Answer:
        import dns.exception
        import dns.name
        import dns.resolver

        if not valid_dns_name(name):
            return Answer(name, rdtype, Status.INVALID, error="not a valid domain name")
        if self._resolver is None:
            return Answer(name, rdtype, Status.SERVFAIL, error=self._setup_error)
        try:
            # Labels as they are: a name built by SPF macros may hold any visible character.
            qname = dns.name.Name([label.encode("ascii") for label in name.split(".")] + [b""])
            result = await self._resolver.resolve(qname, rdtype, search=False)
        except dns.resolver.NXDOMAIN as exc:
            return Answer(name, rdtype, Status.NXDOMAIN, cname=_dangling(exc, name))
        except dns.resolver.NoAnswer as exc:
            return Answer(name, rdtype, Status.NODATA, cname=_dangling(exc, name))
        except dns.resolver.NoNameservers as exc:
            return Answer(name, rdtype, Status.SERVFAIL, error=_first_line(exc))
        except dns.exception.Timeout:
            return Answer(name, rdtype, Status.TIMEOUT,
                          error=f"no answer from {self.server_label} within "
                          f"{self.lifetime:g} s")
        except (dns.name.NameTooLong, dns.name.LabelTooLong, dns.name.EmptyLabel,
                dns.name.BadEscape) as exc:
            return Answer(name, rdtype, Status.INVALID, error=_first_line(exc))
        except (dns.exception.DNSException, OSError) as exc:
            return Answer(name, rdtype, Status.SERVFAIL, error=_first_line(exc))
        cname = result.canonical_name.to_text(omit_final_dot=True).lower()
        records, plain = _texts(result, rdtype)
        return Answer(name, rdtype, Status.OK, records, cname if cname != name else "",
                      ascii=plain)


def _dangling(exc: Any, name: str) -> str:
    """Where a CNAME at `name` led when nothing was found there ("" if it is no CNAME).
    `exc`: dnspython's NXDOMAIN or NoAnswer, which keep the response(s) in `kwargs`."""
    try:
        kwargs = getattr(exc, "kwargs", None) or {}
        response = kwargs.get("response")
        if response is None:
            responses = kwargs.get("responses") or {}  # NXDOMAIN: per name asked
            response = next(iter(responses.values()), None)
        if response is None:
            return ""
        target = response.resolve_chaining().canonical_name.to_text(omit_final_dot=True)
    except Exception:  # noqa: BLE001 - a response without a usable chain: no CNAME to name
        return ""
    target = target.lower()
    return target if target != name.lower().rstrip(".") else ""


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _texts(result: Any, rdtype: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    records: list[str] = []
    plain: list[bool] = []
    for rdata in result:
        if rdtype == "TXT":
            raw = b"".join(rdata.strings)
            records.append(raw.decode("utf-8", errors="replace"))
            plain.append(raw.isascii())
        elif rdtype == "MX":
            records.append(f"{rdata.preference} "
                           f"{rdata.exchange.to_text(omit_final_dot=True).lower()}")
        elif rdtype in ("PTR", "CNAME"):
            records.append(rdata.target.to_text(omit_final_dot=True).lower())
        else:
            records.append(rdata.to_text())
    if rdtype == "MX":
        records.sort(key=lambda text: int(text.split(" ", 1)[0]))
    return tuple(records), tuple(plain)
