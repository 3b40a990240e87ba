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

from ..text import Text
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


# What a status is called where a lookup's result is shown in a line (relay → …).
STATUS_TEXTS = {
    Status.OK: Text("found", "找到"),
    Status.NODATA: Text("no record", "沒有記錄"),
    Status.NXDOMAIN: Text("no such name (NXDOMAIN)", "名稱不存在（NXDOMAIN）"),
    Status.TIMEOUT: Text("no answer", "沒有回應"),
    Status.SERVFAIL: Text("lookup failed", "查詢失敗"),
    Status.INVALID: Text("not a valid name", "不是有效的名稱"),
}


def status_text(status: str) -> Text:
    """A status value (Status.value, or "literal" for an IP address given as a name)."""
    if status == "literal":
        return Text("an IP address", "IP 位址")
    try:
        return STATUS_TEXTS[Status(status)]
    except ValueError:
        return Text(status, status)


# Why a lookup failed: a stable code kept in Answer.error (and the JSON's "error"), worded in
# the language of the output by error_text(); never dnspython's own English.
_ERROR_TEXTS = {
    "servfail": Text("the DNS server reported a failure (SERVFAIL)",
                     "DNS 伺服器回報查詢失敗（SERVFAIL）"),
    "refused": Text("the DNS server refused to answer (REFUSED)",
                    "DNS 伺服器拒絕回答（REFUSED）"),
    "no_dns_server": Text("no DNS server is configured on this computer",
                          "這台電腦沒有設定 DNS 伺服器"),
    "unreachable": Text("the DNS server cannot be reached", "無法連上 DNS 伺服器"),
    "bad_answer": Text("the DNS server's answer could not be read", "無法解讀 DNS 伺服器的回答"),
    "invalid_name": Text("not a valid domain name", "不是有效的網域名稱"),
    "failed": Text("the lookup failed", "查詢失敗"),
}


def error_text(code: str) -> Text:
    """The words for an Answer.error code: "timeout:3" (seconds), "rcode:NOTIMP", "refused"…"""
    kind, _sep, value = code.partition(":")
    if kind == "timeout" and value:
        return Text(f"no answer within {value} s", f"{value} 秒內沒有回應")
    if kind == "rcode":
        return Text(f"the DNS server answered with an error ({value})",
                    f"DNS 伺服器回答錯誤（{value}）")
    return _ERROR_TEXTS.get(code) or status_text(code)


def _nameserver_error(exc: BaseException) -> str:
    """dnspython's NoNameservers as our code: what the servers answered (REFUSED is not
    SERVFAIL: the first is this server's policy, the second a failure behind it)."""
    import dns.exception

    answered = [err[3] for err in getattr(exc, "kwargs", {}).get("errors", [])
                if len(err) > 3]
    rcodes = [str(a) for a in answered if isinstance(a, str)]
    if "REFUSED" in rcodes:
        return "refused"
    if "SERVFAIL" in rcodes:
        return "servfail"
    if rcodes:
        return f"rcode:{rcodes[0]}"
    if any(isinstance(a, OSError) for a in answered):
        return "unreachable"
    if any(isinstance(a, dns.exception.DNSException) for a in answered):
        return "bad_answer"
    return "failed"


@dataclass(frozen=True, slots=True)
class Answer:
    """One lookup. `records` are in text form: TXT strings joined (RFC 7208 §3.3), addresses,
    "PREFERENCE EXCHANGE" for MX, a name for PTR; names without the final dot."""

    name: str
    rdtype: str
    status: Status
    records: tuple[str, ...] = ()
    cname: str = ""  # where a CNAME led, when the answer came through one
    error: str = ""  # a code for error_text(): "timeout:3", "refused", …
    ascii: tuple[bool, ...] = ()  # TXT: whether each record was plain ASCII
    visible: tuple[bool, ...] = ()  # TXT: whether it held no control or bidi character
    # TXT: each record's character-strings as published (one: not split), which DNS
    # panels show and RFC 7208 §3.3 joins with no space; records holds the join
    strings: tuple[tuple[str, ...], ...] = ()

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
        if any(len(parts) > 1 for parts in self.strings):
            data["strings"] = [list(parts) for parts in self.strings]
        return data

    def shown_records(self) -> list[str]:
        """The records as a DNS panel shows them: TXT quoted, a split one as its strings
        (`"v=spf1 ip4:…" "ip4:… -all"`)."""
        if self.rdtype != "TXT":
            return list(self.records)
        parts = self.strings if len(self.strings) == len(self.records) else \
            tuple((record,) for record in self.records)
        return [" ".join(f'"{string}"' for string in strings) for strings in parts]


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
        except (dns.resolver.NoResolverConfiguration, OSError):
            self._setup_error = "no_dns_server"
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
            return Answer(name, rdtype, Status.INVALID, error="invalid_name")
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
            return Answer(name, rdtype, Status.SERVFAIL, error=_nameserver_error(exc))
        except dns.exception.Timeout:
            return Answer(name, rdtype, Status.TIMEOUT, error=f"timeout:{self.lifetime:g}")
        except (dns.name.NameTooLong, dns.name.LabelTooLong, dns.name.EmptyLabel,
                dns.name.BadEscape):
            return Answer(name, rdtype, Status.INVALID, error="invalid_name")
        except OSError:
            return Answer(name, rdtype, Status.SERVFAIL, error="unreachable")
        except dns.exception.DNSException:
            return Answer(name, rdtype, Status.SERVFAIL, error="bad_answer")
        cname = result.canonical_name.to_text(omit_final_dot=True).lower()
        records, plain, visible, strings = _texts(result, rdtype)
        return Answer(name, rdtype, Status.OK, records, cname if cname != name else "",
                      ascii=plain, visible=visible, strings=strings)


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


def _texts(result: Any, rdtype: str) -> tuple[tuple[str, ...], tuple[bool, ...],
                                              tuple[bool, ...], tuple[tuple[str, ...], ...]]:
    """The records as text. A TXT record is what anyone may publish (a customer's domain, a
    hijacked resolver): its control and bidi characters become visible escapes here, where
    DNS answers become text, by the one escaper of server replies (untrusted.neutralise), so
    no terminal, report or panel acts on them; `visible` keeps whether there were any.
    `strings`: each TXT record's strings, so escaped (the join alone when a character's
    UTF-8 bytes were split between two strings)."""
    from ..untrusted import neutralise

    records: list[str] = []
    plain: list[bool] = []
    visible: list[bool] = []
    strings: list[tuple[str, ...]] = []
    for rdata in result:
        if rdtype == "TXT":
            raw = b"".join(rdata.strings)
            text = raw.decode("utf-8", errors="replace")
            shown = neutralise(text, one_line=True)
            records.append(shown)
            plain.append(raw.isascii())
            visible.append(shown == text)
            parts = tuple(neutralise(part.decode("utf-8", errors="replace"), one_line=True)
                          for part in rdata.strings)
            strings.append(parts if "".join(parts) == shown else (shown,))
        elif rdtype == "MX":
            records.append(f"{rdata.preference} "
                           f"{rdata.exchange.to_text(omit_final_dot=True).lower()}")
        elif rdtype in ("PTR", "CNAME"):
            records.append(rdata.target.to_text(omit_final_dot=True).lower())
        else:
            records.append(rdata.to_text())
    if rdtype == "MX":
        records.sort(key=lambda text: int(text.split(" ", 1)[0]))
    return tuple(records), tuple(plain), tuple(visible), tuple(strings)
