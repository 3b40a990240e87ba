"""Real DNS servers on 127.0.0.1 for the sender-domain check (the DNS side of
tests/helpers/servers.py).

- Dnsmasq: Debian's dnsmasq (scripts/install-system-deps.sh installs dnsmasq-base), serving
  the TXT, A, AAAA, MX and CNAME records given on its command line; names under the zones it
  serves and not given are NXDOMAIN.
- ZoneServer: a small authoritative server on dnspython's wire format, answering from a zone
  that can be replaced between cases, for the RFC 7208 test suite, whose zones need what
  dnsmasq cannot be told (a name that never answers, type SPF records, empty answers by type).
- SilentDns: a resolver address that never answers (UDP and TCP).

Nothing here is a mock of a resolver: OMIDesk's resolver sends real queries over UDP (and TCP
for truncated answers) and reads real answers."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self, cast

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.SPF
import dns.rdtypes.ANY.TXT
import dns.rrset

from tests.helpers.servers import LOCALHOST, _RawEndpoint

__all__ = ["DnsRecords", "Dnsmasq", "SilentDns", "Zone", "ZoneServer", "dual_free_port",
           "system_resolver_available", "system_resolver_command"]


def bound_pair(host: str = LOCALHOST, port: int | None = None,
               ) -> tuple[socket.socket, socket.socket]:
    """A UDP socket and a listening TCP socket bound to one port on `host` (`port`, or a free
    one), kept bound: no other process can take the port between the pick and the bind."""
    for _ in range(50):
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            udp.bind((host, port or 0))
            return udp, socket.create_server((host, int(udp.getsockname()[1])))
        except OSError:
            udp.close()
            if port:
                raise
    raise RuntimeError("no free port")


def dual_free_port() -> int:
    """A port free on 127.0.0.1 for both UDP and TCP a moment ago (for dnsmasq, which binds
    it itself: Dnsmasq.start() tries another when it was taken in between)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((LOCALHOST, 0))
            port = int(udp.getsockname()[1])
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind((LOCALHOST, port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free port")


class _Server(_RawEndpoint):
    @property
    def address(self) -> str:
        """What `--nameserver` takes: IP:PORT."""
        return f"{self.host}:{self.port}"


# ---------------------------------------------------------------------------------- dnsmasq


@dataclass
class DnsRecords:
    """What dnsmasq serves. `txt` values are one string or a list of strings (one record
    each); a record given as a tuple is one record of several character-strings."""

    txt: dict[str, list[str | tuple[str, ...]] | str] = field(default_factory=dict)
    a: dict[str, list[str] | str] = field(default_factory=dict)
    aaaa: dict[str, list[str] | str] = field(default_factory=dict)
    mx: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    cname: dict[str, str] = field(default_factory=dict)
    zones: Sequence[str] = ()  # answered locally: other names in them are NXDOMAIN

    def arguments(self) -> list[str]:
        args: list[str] = []
        for name, values in self.txt.items():
            for value in [values] if isinstance(values, str) else values:
                strings = (value,) if isinstance(value, str) else value
                # On the command line dnsmasq takes text as it is and splits strings at commas
                # (quotes are its configuration file's).
                if any("," in string for string in strings):
                    raise ValueError(f"dnsmasq cannot serve a comma in a TXT string: {value}")
                args.append(f"--txt-record={name},{','.join(strings)}")
        for family in (self.a, self.aaaa):
            for name, addresses in family.items():
                for address in [addresses] if isinstance(addresses, str) else addresses:
                    args.append(f"--host-record={name},{address}")
        for name, exchanges in self.mx.items():
            for exchange, preference in exchanges:
                args.append(f"--mx-host={name},{exchange},{preference}")
        for alias, target in self.cname.items():
            args.append(f"--cname={alias},{target}")
        zones = set(self.zones) or {name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1]
                                    for name in self._names()}
        args += [f"--local=/{zone}/" for zone in sorted(zones)]
        return args

    def _names(self) -> Iterable[str]:
        for table in (self.txt, self.a, self.aaaa, self.mx, self.cname):
            yield from table


class Dnsmasq(_Server):
    """`dnsmasq` in the foreground on 127.0.0.1:<free port>, nothing forwarded anywhere."""

    def __init__(self, records: DnsRecords) -> None:
        self.records = records
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> Self:
        executable = shutil.which("dnsmasq") or "/usr/sbin/dnsmasq"
        for attempt in range(3):  # the free port can be taken before dnsmasq binds it
            self.port = dual_free_port()
            command = [executable, "--keep-in-foreground", "--conf-file=/dev/null",
                       "--no-resolv", "--no-hosts", "--no-poll", "--bind-interfaces",
                       f"--listen-address={self.host}", f"--port={self.port}", "--pid-file=",
                       "--cache-size=0", "--user=" + _user(),
                       *self.records.arguments()]
            self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.PIPE)
            try:
                self._wait_ready()
            except RuntimeError as exc:
                self.stop()
                if "in use" not in str(exc) or attempt == 2:
                    raise
                continue
            return self
        raise AssertionError("not reached")

    def _wait_ready(self) -> None:
        query = dns.message.make_query("ready.invalid.", "A")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                error = self._process.stderr.read().decode() if self._process.stderr else ""
                raise RuntimeError(f"dnsmasq exited: {error}")
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.settimeout(0.2)
                sock.sendto(query.to_wire(), (self.host, self.port))
                with contextlib.suppress(OSError):
                    sock.recvfrom(4096)
                    return
        raise RuntimeError("dnsmasq did not start")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _user() -> str:
    """dnsmasq drops root for 'nobody'; as another user it stays who it is."""
    import getpass

    return getpass.getuser()


# ------------------------------------------------------------------------- a zone server

Zone = Mapping[str, Sequence[tuple[str, object]]]  # name -> [(type, value)]; type TIMEOUT


class ZoneServer(_Server):
    """Answers from `zone` (assign a new one between cases): {name: [(type, value), …]} with
    types A, AAAA, MX ((preference, host)), PTR, CNAME, TXT and SPF (a string or a list of
    strings), and TIMEOUT: the name, or with `("TIMEOUT", "TXT")` one type, never answers;
    `("RCODE", "REFUSED")`: every question about the name gets that error code.
    Names not in the zone are NXDOMAIN; a name without the asked type is NODATA."""

    def __init__(self) -> None:
        self.zone: Zone = {}
        self.queries = 0
        self.errors: list[Exception] = []
        self._udp: socket.socket | None = None
        self._tcp: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()

    def start(self) -> Self:
        self._udp, self._tcp = bound_pair(self.host)
        self.port = int(self._udp.getsockname()[1])
        self._udp.settimeout(0.1)
        self._tcp.settimeout(0.1)
        for target in (self._serve_udp, self._serve_tcp):
            thread = threading.Thread(target=target, daemon=True, name=f"dns:{self.port}")
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=5)
        for sock in (self._udp, self._tcp):
            if sock is not None:
                sock.close()

    def _serve_udp(self) -> None:
        assert self._udp is not None
        while not self._stopping.is_set():
            try:
                data, peer = self._udp.recvfrom(65535)
            except (TimeoutError, OSError):
                continue
            reply = self._safe_answer(data, tcp=False)
            if reply is not None:
                self._udp.sendto(reply, peer)

    def _serve_tcp(self) -> None:
        assert self._tcp is not None
        while not self._stopping.is_set():
            try:
                conn, _ = self._tcp.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(2)
                try:
                    size = int.from_bytes(_read(conn, 2), "big")
                    reply = self._safe_answer(_read(conn, size), tcp=True)
                    if reply is not None:
                        conn.sendall(len(reply).to_bytes(2, "big") + reply)
                except (OSError, ValueError):
                    continue

    def _safe_answer(self, wire: bytes, *, tcp: bool) -> bytes | None:
        try:
            return self._answer(wire, tcp=tcp)
        except Exception as exc:  # noqa: BLE001 (a zone the server cannot encode: say so)
            self.errors.append(exc)
            query = dns.message.from_wire(wire)
            response = dns.message.make_response(query)
            response.set_rcode(dns.rcode.SERVFAIL)
            return response.to_wire()

    def _answer(self, wire: bytes, *, tcp: bool) -> bytes | None:
        self.queries += 1
        try:
            query = dns.message.from_wire(wire)
        except Exception:  # noqa: BLE001 (a malformed query gets no answer)
            return None
        question = query.question[0]
        qname = ".".join(label.decode("latin-1") for label in question.name.labels if label)
        qname = qname.lower()
        qtype = dns.rdatatype.to_text(question.rdtype)
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        entries = self._entries(qname)
        if entries is None:
            response.set_rcode(dns.rcode.NXDOMAIN)
            return response.to_wire()
        rcode = next((v for t, v in entries if t == "RCODE"), None)
        if rcode is not None:
            response.set_rcode(dns.rcode.from_text(str(rcode)))
            return response.to_wire()
        if ("TIMEOUT", qtype) in entries or (("TIMEOUT", None) in entries and
                                             not any(t == qtype for t, _ in entries)):
            return None
        cname = next((v for t, v in entries if t == "CNAME"), None)
        if cname is not None and qtype != "CNAME":
            response.answer.append(self._rrset(qname, "CNAME", [cname]))
            target = str(cname).lower().rstrip(".")
            target_entries = self._entries(target)
            if target_entries is None:  # RFC 6604: the rcode is the chain's last name's
                response.set_rcode(dns.rcode.NXDOMAIN)
            values = [v for t, v in target_entries or [] if t == qtype]
            if values:
                response.answer.append(self._rrset(target, qtype, values))
        else:
            values = [v for t, v in entries if t == qtype]
            if values:
                response.answer.append(self._rrset(qname, qtype, values))
        wire_out = response.to_wire(max_size=65535)
        limit = query.payload if query.edns >= 0 else 512
        if not tcp and len(wire_out) > limit:
            response.answer.clear()
            response.flags |= dns.flags.TC
            wire_out = response.to_wire()
        return wire_out

    def _entries(self, name: str) -> list[tuple[str, object]] | None:
        for key, values in self.zone.items():
            if key.lower().rstrip(".") == name:
                return [(t.upper(), v) if t.upper() != "TIMEOUT" else ("TIMEOUT", v)
                        for t, v in values]
        return None

    @staticmethod
    def _rrset(name: str, rdtype: str, values: list[object]) -> dns.rrset.RRset:
        owner = dns.name.Name([label.encode("latin-1") for label in name.split(".")] + [b""])
        if rdtype in ("TXT", "SPF"):
            kind = dns.rdatatype.from_text(rdtype)
            cls = dns.rdtypes.ANY.TXT.TXT if rdtype == "TXT" else dns.rdtypes.ANY.SPF.SPF
            rrset = dns.rrset.RRset(owner, dns.rdataclass.IN, kind)
            for value in values:
                strings = [value] if isinstance(value, str) else \
                    list(cast(Iterable[str], value))
                # A TXT record of no strings is illegal and dnspython cannot encode it: the
                # nearest legal record is one empty string.
                strings = strings or [""]
                rrset.add(cls(dns.rdataclass.IN, kind, [str(s).encode() for s in strings]))
            return rrset
        texts: list[str] = []
        for value in values:
            if rdtype == "MX":
                preference, host = cast(tuple[int, str], value)
                texts.append(f"{preference} {host}.")
            elif rdtype in ("PTR", "CNAME"):
                texts.append(f"{str(value).rstrip('.')}.")
            else:
                texts.append(str(value))
        return dns.rrset.from_text_list(owner, 0, dns.rdataclass.IN,
                                        dns.rdatatype.from_text(rdtype), texts)


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ValueError("closed")
        data += chunk
    return data


# ------------------------------------------------------------------- a resolver that is mute


class SilentDns(_Server):
    """Receives queries (UDP, and TCP connections) and never answers. `host`/`port`: where to
    listen (default 127.0.0.1 and a free port; the system resolver, which knows no ports, needs
    port 53 — see system_resolver_command)."""

    def __init__(self, host: str = LOCALHOST, port: int | None = None) -> None:
        self.host = host
        self._fixed_port = port
        self._udp: socket.socket | None = None
        self._tcp: socket.socket | None = None
        self._queries = 0

    def start(self) -> Self:
        self._udp, self._tcp = bound_pair(self.host, self._fixed_port)
        self.port = int(self._udp.getsockname()[1])
        return self

    @property
    def queries(self) -> int:
        """UDP queries received so far (read and dropped: still never answered)."""
        while self._udp is not None:
            try:
                self._udp.recv(4096, socket.MSG_DONTWAIT)
            except BlockingIOError:
                break
            self._queries += 1
        return self._queries

    def stop(self) -> None:
        for sock in (self._udp, self._tcp):
            if sock is not None:
                sock.close()
        self._udp = self._tcp = None


def system_resolver_command(resolv_conf: Path, argv: Sequence[str]) -> list[str]:
    """`argv` run with `resolv_conf` as the system resolver's /etc/resolv.conf (getaddrinfo
    reads it; it cannot be pointed elsewhere from inside a process): a private mount namespace
    with the file bind-mounted over it, nothing changed for anyone else. Needs root and
    unshare(1); see system_resolver_available()."""
    script = 'mount --bind "$0" /etc/resolv.conf && exec "$@"'
    return ["unshare", "--mount", "sh", "-c", script, str(resolv_conf), *argv]


def system_resolver_available(tmp: Path) -> str:
    """"" when system_resolver_command works here, else why not (to skip a test with)."""
    if shutil.which("unshare") is None:
        return "unshare(1) is not installed"
    conf = tmp / "resolv-probe.conf"
    conf.write_text("nameserver 127.0.0.1\n", encoding="ascii")
    done = subprocess.run(system_resolver_command(conf, ["cat", "/etc/resolv.conf"]),
                          capture_output=True, timeout=30)
    if done.returncode != 0 or done.stdout != conf.read_bytes():
        return f"cannot bind-mount resolv.conf here: {done.stderr.decode().strip()}"
    return ""


# ------------------------------------------------------------- the sender-domain scenarios

# The relay of the scenarios (--host / --backup-host) and its addresses.
RELAY_HOSTS = ("smtp.relay.com.tw", "smtp2.relay.com.tw")
RELAY_ADDRESSES = ("192.0.2.10", "192.0.2.11")
# the relay's first host with an IPv6 address as well, and a host with an IPv6 address only
RELAY6_HOST, RELAY6_ONLY_HOST, RELAY6_ADDRESS = \
    "smtp6.relay.com.tw", "smtp6only.relay.com.tw", "2001:db8::10"


def dkim_public_key() -> str:
    """A real RSA-2048 public key, base64 DER, as a DKIM record carries it."""
    import base64

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    der = key.public_bytes(serialization.Encoding.DER,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode("ascii")


# An RSA-512 public key (cryptography no longer makes keys this short).
WEAK_DKIM_KEY = ("MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1"
                 "Pt8QuKUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ==")


def _split(text: str, size: int = 250) -> tuple[str, ...]:
    return tuple(text[i:i + size] for i in range(0, len(text), size))


def scenario_records(key: str) -> DnsRecords:
    """One zone with every case the tests need; each domain is one case."""
    dkim = _split(f"v=DKIM1; k=rsa; p={key}")
    many = " ".join(f"a:h{i}.toomany.com.tw" for i in range(1, 12))
    return DnsRecords(
        txt={
            # ready: SPF lists the relay's addresses, DMARC p=reject, a DKIM key for s1
            "ready.com.tw": ["v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all",
                             "google-site-verification=abc123"],
            "_dmarc.ready.com.tw": "v=DMARC1; p=reject; rua=mailto:dmarc@ready.com.tw",
            "s1._domainkey.ready.com.tw": [dkim],
            "old._domainkey.ready.com.tw": "v=DKIM1; k=rsa; p=",
            # a real 512-bit RSA key (receivers ignore it), a key in testing mode, Ed25519
            "weak._domainkey.ready.com.tw": f"v=DKIM1; k=rsa; p={WEAK_DKIM_KEY}",
            "tst._domainkey.ready.com.tw": [_split(f"v=DKIM1; t=y:s; k=rsa; p={key}")],
            "ed._domainkey.ready.com.tw":
                "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "nm.dkim.newermail.com": [dkim],
            # keys no receiver can use (QA5 #3): a type that does not exist, SHA-1 only, not
            # for e-mail, an Ed25519 key of the wrong length; SHA-1 beside SHA-256 is fine
            "dsa._domainkey.ready.com.tw": [_split(f"v=DKIM1; k=dsa; p={key}")],
            "sha1._domainkey.ready.com.tw": [_split(f"v=DKIM1; h=sha1; k=rsa; p={key}")],
            "svc._domainkey.ready.com.tw": [_split(f"v=DKIM1; s=tlsrpt; p={key}")],
            "ed31._domainkey.ready.com.tw":
                "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHUQ==",
            "hs._domainkey.ready.com.tw": [_split(f"v=DKIM1; h=sha1:sha256; k=rsa; p={key}")],
            # an SPF record split into two strings with no space at the split (QA5 #4): the
            # join glues two terms; glueinc's glues an include to -all; split's is split
            # inside a term on purpose and reads right
            "glue.com.tw": [("v=spf1 ip4:198.51.100.1", "ip4:192.0.2.10 ip4:192.0.2.11 -all")],
            "_dmarc.glue.com.tw": "v=DMARC1; p=none",
            "glueinc.com.tw": [("v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 include:spf.ready.com.tw",
                                "-all")],
            "split.com.tw": [("v=spf1 ip4:192.0.2.1", "0 ip4:192.0.2.11 -all")],
            "gluev.com.tw": [("v=spf1", "ip4:192.0.2.10 ip4:192.0.2.11 -all")],
            # records that need 10 and 9 DNS lookups and do not cover the relay (QA5 #21):
            # the relay's include would make the first invalid
            "full.com.tw": "v=spf1 " + " ".join(f"include:i{i}.full.com.tw"
                                                for i in range(1, 11)) + " -all",
            "_dmarc.full.com.tw": "v=DMARC1; p=reject",
            "nine.com.tw": "v=spf1 " + " ".join(f"include:i{i}.full.com.tw"
                                                for i in range(1, 10)) + " -all",
            **{f"i{i}.full.com.tw": f"v=spf1 ip4:198.51.100.{i} -all" for i in range(1, 11)},
            # no SPF at all (another TXT record only), DMARC p=none
            "nospf.com.tw": "google-site-verification=xyz",
            "_dmarc.nospf.com.tw": "v=DMARC1; p=none",
            # SPF that does not cover the relay (softfail), DMARC p=quarantine
            "notcovered.com.tw": "v=spf1 ip4:198.51.100.0/24 ~all",
            "_dmarc.notcovered.com.tw": "v=DMARC1; p=quarantine",
            # SPF covering the relay through two nested includes, DMARC p=none
            "nested.com.tw": "v=spf1 include:a.nested-esp.net -all",
            "a.nested-esp.net": "v=spf1 include:b.nested-esp.net -all",
            "b.nested-esp.net": "v=spf1 ip4:192.0.2.0/28 -all",
            "_dmarc.nested.com.tw": "v=DMARC1; p=none",
            # a subdomain covered by its parent's DMARC (sp=reject)
            "sub.parent.com.tw": "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all",
            "_dmarc.parent.com.tw": "v=DMARC1; p=none; sp=reject",
            # SPF that needs 11 DNS lookups
            "toomany.com.tw": f"v=spf1 {many} -all",
            "_dmarc.toomany.com.tw": "v=DMARC1; p=none",
            # a record that includes itself, and two that include each other
            "loop.com.tw": "v=spf1 include:loop.com.tw -all",
            "ping.com.tw": "v=spf1 ip4:198.51.100.1 include:pong.com.tw -all",
            "pong.com.tw": "v=spf1 include:ping.com.tw ~all",
            # two SPF records, and a syntax error
            "twospf.com.tw": ["v=spf1 ip4:192.0.2.10 -all", "v=spf1 ip4:192.0.2.11 -all"],
            "syntax.com.tw": "v=spf1 ip4:192.0.2.300 -all",
            # the relay's own include (spf.itpison.com lists other addresses)
            "viarelay.com.tw": "v=spf1 include:spf.itpison.com -all",
            "_dmarc.viarelay.com.tw": "v=DMARC1; p=none",
            "spf.itpison.com": "v=spf1 ip4:203.0.113.0/24 -all",
            # the relay's include with a qualifier that is not "+" (QA finding 3): not ready
            "relayfail.com.tw": "v=spf1 -include:spf.itpison.com +all",
            "relaysoft.com.tw": "v=spf1 ~include:spf.itpison.com -all",
            "relayneutral.com.tw": "v=spf1 ?include:spf.itpison.com -all",
            "nestedsoft.com.tw": "v=spf1 ~include:c.nested-esp.net -all",
            "nestedrelay.com.tw": "v=spf1 +include:c.nested-esp.net -all",
            "c.nested-esp.net": "v=spf1 include:spf.itpison.com -all",
            **{f"_dmarc.{name}.com.tw": "v=DMARC1; p=reject" for name in (
                "relayfail", "relaysoft", "relayneutral", "nestedsoft", "nestedrelay")},
            # ready for a relay on 127.0.0.1 (the Connection test tab's test servers)
            "loopback.com.tw": "v=spf1 ip4:127.0.0.1 -all",
            "_dmarc.loopback.com.tw": "v=DMARC1; p=quarantine",
            # a free-mail domain
            # DMARC records receivers ignore (QA finding 15): upper-case tags, a bad p=
            "dmarccase.com.tw": "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all",
            "_dmarc.dmarccase.com.tw": "V=DMARC1; P=REJECT",
            "dmarcbad.com.tw": "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all",
            "_dmarc.dmarcbad.com.tw": "v=DMARC1; p=garbage",
            "dmarcbadrua.com.tw": "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all",
            "_dmarc.dmarcbadrua.com.tw": "v=DMARC1; p=garbage; rua=mailto:d@dmarcbadrua.com.tw",
            # what a hostile zone publishes (QA3 finding 1): ESC colour and OSC title
            # sequences, a bidi override; none may act on a terminal or the panel
            "hostile.com.tw": "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all \x1b[31mRED\x1b]0;pwned",
            "_dmarc.hostile.com.tw": "v=DMARC1; p=reject; rua=mailto:d@hostile.com.tw\u202e",
            "omi._domainkey.hostile.com.tw": "v=DKIM1; p=<b>bold</b>\u202etxet",
            # records that authorise every address (QA3 finding 9)
            "open.com.tw": "v=spf1 +all",
            "open2.com.tw": "v=spf1 ip4:192.0.2.10 ip4:0.0.0.0/0 ip6:::/0 -all",
            "openinc.com.tw": "v=spf1 include:open.com.tw -all",
            "_dmarc.openinc.com.tw": "v=DMARC1; p=reject",
            "_dmarc.open.com.tw": "v=DMARC1; p=reject",
            "_dmarc.open2.com.tw": "v=DMARC1; p=reject",
            # an IDN domain, 範例.台灣 (QA3 finding 8)
            "xn--fsqy19h.xn--kpry57d": "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all",
            "_dmarc.xn--fsqy19h.xn--kpry57d": "v=DMARC1; p=reject",
            # a relay host with an IPv6 address too (QA3 #9): ready.com.tw lists ip4 only
            "ready6.com.tw": "v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 ip6:2001:db8::/32 -all",
            "_dmarc.ready6.com.tw": "v=DMARC1; p=reject",
            "gmail.com": "v=spf1 ip4:203.0.113.50 ~all",
            "_dmarc.gmail.com": "v=DMARC1; p=none; sp=quarantine",
        },
        a={"smtp.relay.com.tw": RELAY_ADDRESSES[0], "smtp2.relay.com.tw": RELAY_ADDRESSES[1],
           "smtp.itpison.com": "198.51.100.25", "smtp2.itpison.com": "198.51.100.26",
           **{f"h{i}.toomany.com.tw": f"198.51.100.{100 + i}" for i in range(1, 12)},
           RELAY6_HOST: RELAY_ADDRESSES[0]},
        aaaa={RELAY6_HOST: RELAY6_ADDRESS, RELAY6_ONLY_HOST: RELAY6_ADDRESS},
        cname={"nm._domainkey.ready.com.tw": "nm.dkim.newermail.com",
               # a CNAME to a name that does not exist (dnsmasq: NOERROR, the CNAME alone)
               "gone._domainkey.ready.com.tw": "gone.dkim.newermail.com"},
        zones=("com.tw", "nested-esp.net", "itpison.com", "newermail.com", "gmail.com",
               "xn--kpry57d"),
    )
