"""TLS contexts and what a certificate says: names, issuer, dates, fingerprint, and whether the
host name matches (checked here, so a mismatch can list the names the certificate does carry)."""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import ssl
from dataclasses import asdict, dataclass, field
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import normalize_lang
from .config import ServerConfig
from ..untrusted import neutralise
from .trust import EXPIRED_CODES as EXPIRED_CODES  # certcheck reads it from here
from .trust import os_trust_context

if TYPE_CHECKING:
    from cryptography import x509


# OpenSSL's verification errors (X509_V_ERR_*) that a mail server's certificate meets, in 繁中.
_VERIFY_ZH = {
    2: "找不到簽發者的憑證", 9: "憑證尚未生效", 10: "憑證已過期", 18: "自我簽署的憑證",
    19: "憑證鏈中有自我簽署的憑證", 20: "找不到簽發者（不是受信任的 CA）",
    21: "無法驗證第一張憑證", 23: "憑證已被撤銷", 62: "主機名稱與憑證不符",
}


def verify_reason_zh(code: int | None, reason: str) -> str:
    """OpenSSL's verification error (English) in 繁中, with its number for IT."""
    words = _VERIFY_ZH.get(code or 0)
    return f"{words}（OpenSSL {code}）" if words else f"憑證驗證失敗（OpenSSL {code}）"


@dataclass(frozen=True)
class CertInfo:
    subject: str
    names: tuple[str, ...]  # DNS and IP subject alternative names (or the CN when there are none)
    issuer: str
    not_before: str
    not_after: str
    sha256: str  # AB:CD:… like browsers show it

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class TLSInfo:
    version: str = ""
    cipher: str = ""
    cert: CertInfo | None = None
    verified: bool = False
    verdict: str = ""  # "CA and host name verified", or why not
    facts: dict[str, str] = field(default_factory=dict)
    verdict_zh: str = ""  # the verdict in 繁中 (verdict_in)

    def verdict_in(self, lang: str) -> str:
        return self.verdict_zh if normalize_lang(lang) == "zh_TW" and self.verdict_zh \
            else self.verdict

    @property
    def present(self) -> bool:
        """TLS was negotiated, or at least a certificate was seen (failed verification)."""
        return bool(self.version or self.cert)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["cert"] = self.cert.to_dict() if self.cert else None
        return data


def _name(name: x509.Name) -> str:
    return neutralise(name.rfc4514_string()) or "(empty)"


def fingerprint(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def parse_certificate(der: bytes) -> CertInfo:
    # cryptography's x509 (~25 ms to import) only once a certificate is read: a mailing or
    # a send without TLS never loads it.
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    cert = x509.load_der_x509_certificate(der)
    names: list[str] = []
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names += san.get_values_for_type(x509.DNSName)
        names += [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        pass
    if not names:
        names += [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    return CertInfo(
        subject=_name(cert.subject),
        names=tuple(neutralise(n) for n in names),  # what the server chose: shown as text
        issuer=_name(cert.issuer),
        not_before=cert.not_valid_before_utc.astimezone(UTC).isoformat(),
        not_after=cert.not_valid_after_utc.astimezone(UTC).isoformat(),
        sha256=fingerprint(der),
    )


def host_matches(host: str, names: tuple[str, ...]) -> bool:
    """RFC 6125: exact match, or a wildcard standing for exactly the left-most label."""
    host = host.rstrip(".").lower()
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        ip = None
    for name in names:
        name = name.rstrip(".").lower()
        if ip is not None:
            try:
                if ipaddress.ip_address(name) == ip:
                    return True
            except ValueError:
                continue
            continue
        if name == host:
            return True
        if name.startswith("*.") and "." in host:
            label, rest = host.split(".", 1)
            if label and rest == name[2:]:
                return True
    return False


def suggest_host(names: tuple[str, ...]) -> str:
    """The relay's own host name that this certificate is valid for (smtp.itpison.com for
    *.itpison.com, manual §3 note), or "". Never a name derived from the certificate: a
    look-alike or typo domain (*.ipison.com) would then be recommended to the user."""
    from .config import RELAY_HOSTS

    return next((host for host in RELAY_HOSTS if host_matches(host, names)), "")


def make_context(config: ServerConfig) -> ssl.SSLContext:
    """Verified by default: the chain against the OS trust store (trust.os_trust_context), plus
    an optional CA file; the host name is checked by host_matches after the handshake. Only an
    explicitly trusted fingerprint skips the chain. Contexts are shared: set up once."""
    cafile = str(config.cafile) if config.cafile else ""
    stamp = Path(cafile).stat().st_mtime_ns if cafile and Path(cafile).exists() else 0
    return _context(cafile, stamp, bool(config.trusted_fingerprint))


@functools.lru_cache(maxsize=16)
def _context(cafile: str, _stamp: int, pinned: bool) -> ssl.SSLContext:
    if pinned:  # the fingerprint is compared after the handshake (session._check_certificate)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx
    ctx = os_trust_context()
    if cafile:
        ctx.load_verify_locations(cafile=cafile)
    return ctx


@functools.lru_cache(maxsize=1)
def unverified_context() -> ssl.SSLContext:
    """Only to read a certificate that failed verification, for the report; nothing is sent."""
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
