"""The TLS half of a Session: checking the certificate the server presents (names, expiry,
trust, a pinned fingerprint), explaining a failed handshake, and reading a certificate that
failed verification over a second connection, for the report only.

A mixin of Session (session.py): it uses the session's transcript, TLS facts and `_fail`
(failures.py)."""

from __future__ import annotations

import asyncio
import ssl
from typing import TYPE_CHECKING, Protocol, TypeVar

from aiosmtplib.errors import SMTPResponseException, SMTPServerDisconnected, SMTPTimeoutError

from ..errors import SMTPFailure, SMTPTLSFailure
from ..text import Text
from .config import Security, ServerConfig
from .failures import Failures
from .tls import (
    EXPIRED_CODES, TLSInfo, host_matches, parse_certificate, suggest_host, unverified_context,
    verify_reason_zh,
)
from .transcript import Transcript

if TYPE_CHECKING:
    from .protocol import RecordingProtocol


def verdict(key: str, **values: str) -> Text:
    """notes.verdict, imported when a certificate is checked: notes compiles its patterns
    on import, which a plain-SMTP mailing never needs."""
    from .notes import verdict as worded

    return worded(key, **values)


E = TypeVar("E", bound=BaseException)


class _Twin(Protocol):
    """What reading a certificate over a second connection needs of a session."""

    protocol: RecordingProtocol | None

    async def connect(self) -> None: ...
    async def ehlo(self) -> None: ...
    def close(self) -> None: ...


class CertificateChecks(Failures):
    """Needs: config, host, transcript, protocol and tls (Session provides them); _fail is
    Failures'."""

    config: ServerConfig
    host: str
    transcript: Transcript
    protocol: RecordingProtocol | None
    tls: TLSInfo

    def _twin(self, config: ServerConfig, transcript: Transcript) -> _Twin:
        """Another session to the same host (Session makes one; no import of it here)."""
        raise NotImplementedError

    def _check_certificate(self) -> None:
        """Record the TLS facts and check the host name against the certificate's names."""
        assert self.protocol is not None and self.protocol.transport is not None
        t = self.transcript
        ssl_object: ssl.SSLObject = self.protocol.transport.get_extra_info("ssl_object")
        cipher = ssl_object.cipher()
        der = ssl_object.getpeercert(binary_form=True)
        self.tls = TLSInfo(version=ssl_object.version() or "", cipher=cipher[0] if cipher else "")
        t.local(f"TLS established: {self.tls.version}, cipher {self.tls.cipher}", tls=True)
        if not der:
            raise self._fail(SMTPTLSFailure, "cert_untrusted", "The server sent no certificate",
                             "伺服器沒有提供憑證", detail="no certificate")
        cert = self.tls.cert = parse_certificate(der)
        self._narrate_certificate(tls=True)
        if self.config.trusted_fingerprint:
            if cert.sha256.replace(":", "").lower() != \
                    self.config.trusted_fingerprint.replace(":", "").lower():
                self._verdict(False, verdict("pin_differs"))
                raise self._fail(SMTPTLSFailure, "cert_untrusted",
                                 "The certificate is not the one trusted for this account",
                                 "憑證與此帳號信任的憑證不同",
                                 detail="fingerprint changed", cert_names=", ".join(cert.names))
            self._verdict(True, verdict("pinned"))
            return
        if not host_matches(self.host, cert.names):
            suggested = suggest_host(cert.names)  # only the relay's own hosts, never a guess
            self._verdict(False, verdict("name_missing", host=self.host))
            raise self._fail(SMTPTLSFailure, "cert_name_mismatch",
                             f"The certificate is for {', '.join(cert.names)}, not {self.host}",
                             f"憑證適用於 {'、'.join(cert.names)}，而不是 {self.host}",
                             variant="suggest" if suggested else "",
                             cert_names=", ".join(cert.names), suggested_host=suggested)
        self._verdict(True, verdict("verified", host=self.host))

    def _narrate_certificate(self, *, tls: bool) -> None:
        cert, t = self.tls.cert, self.transcript
        assert cert is not None
        t.local(f"certificate subject: {cert.subject}", tls=tls)
        t.local(f"certificate names: {', '.join(cert.names) or '(none)'}", tls=tls)
        t.local(f"certificate issuer: {cert.issuer}", tls=tls)
        t.local(f"certificate valid until: {cert.not_after}", tls=tls)
        t.local(f"certificate SHA-256: {cert.sha256}", tls=tls)

    def _verdict(self, ok: bool, why: Text) -> None:
        self.tls.verified = ok
        self.tls.verdict, self.tls.verdict_zh = why.en, why.zh
        self.transcript.local(f"verification {'passed' if ok else 'FAILED'}: {why.en}",
                              tls=True)

    async def _tls_failure(self, exc: BaseException, *, agreed: bool = False) -> SMTPFailure:
        """Turn a handshake error (bare ssl errors from STARTTLS included) into a diagnosis.
        `agreed`: the server had answered 220 to STARTTLS, so a failure now is the server's or
        a middlebox's fault, not a mix-up of settings."""
        cert_error = _find(exc, ssl.SSLCertVerificationError)
        if cert_error is not None:
            reason = cert_error.verify_message or str(cert_error)
            self.transcript.local(f"verification FAILED: {reason}")
            self.tls.verified, self.tls.verdict = False, reason
            self.tls.verdict_zh = verify_reason_zh(cert_error.verify_code, reason)
            await self._fetch_unverified_certificate()
            names = ", ".join(self.tls.cert.names) if self.tls.cert else ""
            if cert_error.verify_code in EXPIRED_CODES:
                return self._fail(SMTPTLSFailure, "cert_expired",
                                  f"Certificate expired: {reason}", f"憑證已過期：{reason}",
                                  detail=reason, cert_names=names)
            return self._fail(SMTPTLSFailure, "cert_untrusted",
                              f"Certificate not trusted: {reason}", f"憑證不受信任：{reason}",
                              detail=reason, cert_names=names)
        variant = "after_starttls" if agreed else ""
        if _find(exc, TimeoutError) is not None or isinstance(exc, SMTPTimeoutError):
            self.transcript.local("TLS handshake timed out")
            return self._fail(SMTPTLSFailure, "tls_handshake_failed", "TLS handshake timed out",
                              "TLS 交握逾時", variant=variant, detail="timed out")
        detail = str(_find(exc, ssl.SSLError) or _find(exc, OSError) or exc)
        if agreed:
            self.transcript.local(f"the server agreed to STARTTLS (220), then the TLS handshake "
                                  f"failed: {detail}")
        else:
            self.transcript.local(f"TLS handshake failed: {detail}")
        return self._fail(SMTPTLSFailure, "tls_handshake_failed",
                          f"TLS handshake failed: {detail}", f"TLS 交握失敗：{detail}",
                          variant=variant, detail=detail)

    async def _fetch_unverified_certificate(self) -> None:
        """A second connection, verification off, only to show which certificate the server
        presents (an antivirus proxy, an expired or foreign certificate). It never logs in: its
        configuration holds no login and no password."""
        cfg = self.config.with_(user="", password="", allow_plaintext_login=False)
        quiet = Transcript()
        try:
            async with asyncio.timeout(cfg.timeouts.greeting):
                if cfg.security is Security.SSL:
                    _, writer = await asyncio.open_connection(
                        self.host, cfg.port, ssl=unverified_context(), server_hostname=self.host)
                    ssl_object = writer.get_extra_info("ssl_object")
                    der = ssl_object.getpeercert(binary_form=True)
                    writer.transport.abort()
                else:
                    probe = self._twin(cfg, quiet)
                    try:
                        await probe.connect()
                        await probe.ehlo()
                        assert probe.protocol is not None
                        await probe.protocol.start_tls(unverified_context(), self.host,
                                                       timeout=cfg.timeouts.greeting)
                        transport = probe.protocol.transport
                        assert transport is not None  # connected: start_tls just returned
                        ssl_object = transport.get_extra_info("ssl_object")
                        der = ssl_object.getpeercert(binary_form=True)
                    finally:
                        probe.close()
        except (OSError, TimeoutError, SMTPFailure, SMTPResponseException, ssl.SSLError,
                SMTPServerDisconnected) as exc:
            self.transcript.local(f"could not read the certificate for the report: {exc}")
            return
        if der:
            self.tls.cert = parse_certificate(der)
            self.transcript.local("certificate as presented (read over a second connection "
                                  "without verification, nothing sent):")
            self._narrate_certificate(tls=False)


def _find(exc: BaseException, kind: type[E]) -> E | None:
    """Walk __cause__/__context__: aiosmtplib wraps some TLS errors and not others."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
