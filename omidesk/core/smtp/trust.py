"""The operating system's trust store, through `truststore` (MIT): Security.framework on macOS,
CryptoAPI on Windows (which also sees a company's own roots and fetches missing
intermediates), and on Linux the distribution's CA store wherever it lives.

A frozen app must not rely on the OpenSSL paths of the machine it was built on: on a user's Mac
they do not exist, `ssl.create_default_context()` loads no root at all and every real server
would be `cert_untrusted` (pyinstaller#7229).

The host name is checked by OMIDesk itself after the handshake (tls.host_matches), so that a
mismatch can list the names the certificate does carry: the OS is asked about the chain only."""

from __future__ import annotations

import ssl
import sys
from dataclasses import dataclass
from pathlib import Path

# Verify codes that mean "expired / not yet valid": OpenSSL's X509_V_ERR_CERT_NOT_YET_VALID and
# _HAS_EXPIRED; through truststore, macOS' errSecCertificateExpired / NotValidYet and Windows'
# CERT_E_EXPIRED (0x800B0101, either way out of its validity period).
EXPIRED_CODES = frozenset({9, 10, -67818, -67819, 0x800B0101})


class TrustStoreUnavailable(OSError):
    """The OS trust store cannot be used: no real server could be verified."""


@dataclass(frozen=True)
class TrustStore:
    kind: str  # "macOS keychain", "Windows certificate store", "OpenSSL CA store"
    where: str
    roots: int  # how many root certificates it holds (0 when only a hashed folder is known)

    def describe(self) -> str:
        count = f"{self.roots} roots" if self.roots else "hashed CA folder"
        return f"{self.kind} ({self.where}, {count})"


def os_trust_context() -> ssl.SSLContext:
    """A client context that verifies the chain against the OS trust store, the host name left
    to tls.host_matches. On macOS and Windows every handshake asks the OS. Elsewhere truststore
    points OpenSSL at the distribution's CA store, searching well-known places when the build's
    own OpenSSL paths are missing; it does that on every handshake, re-reading the whole
    bundle (~16 ms on the UI thread each time), so it is done once here, with its own search."""
    try:
        import truststore
    except ImportError as exc:  # the bundle lacks it, or macOS/Windows' libraries did not load
        raise TrustStoreUnavailable(f"truststore cannot load: {exc}") from exc
    if sys.platform in ("darwin", "win32"):
        ctx: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    else:
        from truststore._openssl import _configure_context  # held to truststore 0.10.x

        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        with _configure_context(ctx):
            pass
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_REQUIRED
    return ctx


def trust_store() -> TrustStore:
    """What the OS trust store holds, for `--self-test`; raises TrustStoreUnavailable, saying
    why, when it cannot be used."""
    if sys.platform == "win32":
        return _windows_store()
    if sys.platform == "darwin":
        return _macos_store()
    return _openssl_store()


def _windows_store() -> TrustStore:
    try:
        roots = len(ssl.enum_certificates("ROOT"))  # type: ignore[attr-defined]
    except OSError as exc:
        raise TrustStoreUnavailable(f"the Windows ROOT store cannot be read: {exc}") from exc
    if not roots:
        raise TrustStoreUnavailable("the Windows ROOT certificate store is empty")
    os_trust_context()
    return TrustStore("Windows certificate store", "ROOT", roots)


def _macos_store() -> TrustStore:
    import ctypes

    framework = "/System/Library/Frameworks/{0}.framework/{0}"  # the system's, never bundled
    try:
        security = ctypes.CDLL(framework.format("Security"))
        core = ctypes.CDLL(framework.format("CoreFoundation"))
    except OSError as exc:
        raise TrustStoreUnavailable(f"Security.framework cannot load: {exc}") from exc
    security.SecTrustCopyAnchorCertificates.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    security.SecTrustCopyAnchorCertificates.restype = ctypes.c_int32
    core.CFArrayGetCount.argtypes = [ctypes.c_void_p]
    core.CFArrayGetCount.restype = ctypes.c_long
    core.CFRelease.argtypes = [ctypes.c_void_p]
    anchors = ctypes.c_void_p()
    status = security.SecTrustCopyAnchorCertificates(ctypes.byref(anchors))
    if status != 0 or not anchors.value:
        raise TrustStoreUnavailable(f"the system roots cannot be read (OSStatus {status})")
    try:
        roots = int(core.CFArrayGetCount(anchors))
    finally:
        core.CFRelease(anchors)
    if not roots:
        raise TrustStoreUnavailable("the macOS keychain holds no system root")
    os_trust_context()
    return TrustStore("macOS keychain", "System Roots", roots)


def _openssl_store() -> TrustStore:
    ctx = os_trust_context()
    roots = ctx.cert_store_stats()["x509_ca"]
    defaults = ssl.get_default_verify_paths()
    if roots:
        where = defaults.cafile or _found_bundle() or "a CA bundle"
        return TrustStore("OpenSSL CA store", where, roots)
    folder = defaults.capath
    if folder and any(p.suffix[1:].isdigit() for p in Path(folder).iterdir()):
        return TrustStore("OpenSSL CA store", folder, 0)
    from truststore._openssl import _CA_FILE_CANDIDATES

    raise TrustStoreUnavailable(
        "no CA certificates found: not at OpenSSL's "
        f"{defaults.openssl_cafile} or {defaults.openssl_capath}, nor at "
        f"{', '.join(_CA_FILE_CANDIDATES)} (install the ca-certificates package)")


def _found_bundle() -> str:
    from truststore._openssl import _CA_FILE_CANDIDATES

    return next((path for path in _CA_FILE_CANDIDATES if Path(path).is_file()), "")
