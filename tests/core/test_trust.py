"""Certificates are verified against the OS trust store (core/smtp/trust.py, through truststore),
with the per-account fingerprint and --cafile on top. OpenSSL's own environment variables stand
in for "the system store" here (SSL_CERT_FILE / SSL_CERT_DIR are where OpenSSL looks first);
.ci/run installs a CA into the real system store and probes with the frozen app."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from omidesk.core.smtp import Security, probe, tls, trust
from tests.helpers.smtp_client import config_for


@pytest.fixture
def fresh_contexts():
    """The contexts are built once per process and shared: start and end with none built."""
    tls._context.cache_clear()
    yield
    tls._context.cache_clear()


def system_store(monkeypatch, tmp_path: Path, *pem_files: Path) -> None:
    """Make these PEM files the whole 'system' store for OpenSSL (nothing else in it)."""
    bundle = tmp_path / "system-bundle.pem"
    bundle.write_bytes(b"".join(p.read_bytes() for p in pem_files))
    empty = tmp_path / "no-hashed-certs"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("SSL_CERT_DIR", str(empty))


@pytest.mark.asyncio
async def test_a_ca_in_the_system_store_is_trusted_without_a_cafile(
        smtp_server, certs, tmp_path, monkeypatch, fresh_contexts):
    system_store(monkeypatch, tmp_path, certs.cafile)
    server = smtp_server(tls="implicit")
    result = await probe(config_for(server, Security.SSL, cafile=None, user=""))
    assert result.ok and result.diagnosis.code == "connection_ok", result.diagnosis.render("en")
    assert result.tls is not None and result.tls.verified
    assert server.commands and server.commands[0].startswith("EHLO")  # spoke after TLS


@pytest.mark.asyncio
async def test_a_ca_missing_from_the_system_store_is_untrusted_and_nothing_is_sent(
        smtp_server, certs, tmp_path, monkeypatch, fresh_contexts):
    other = tmp_path / "other-ca.pem"
    certs.other_ca.cert_pem.write_to_path(str(other))
    system_store(monkeypatch, tmp_path, other)
    server = smtp_server(tls="implicit")
    result = await probe(config_for(server, Security.SSL, cafile=None))
    assert result.diagnosis.code == "cert_untrusted"
    assert server.connections >= 1 and server.commands == [] and server.auth_attempts == 0
    # --cafile still adds a CA on top of the system store, and a trusted fingerprint still
    # stands in for the chain
    assert (await probe(config_for(server, Security.SSL, user=""))).ok
    pinned = config_for(server, Security.SSL, cafile=None, user="",
                        trusted_fingerprint=result.tls.cert.sha256)
    assert (await probe(pinned)).ok


@pytest.mark.asyncio
async def test_the_host_name_is_still_checked_against_a_system_trusted_ca(
        smtp_server, certs, tmp_path, monkeypatch, fresh_contexts):
    system_store(monkeypatch, tmp_path, certs.cafile)
    server = smtp_server(tls="starttls", cert="wrong_name")
    result = await probe(config_for(server, Security.STARTTLS, host="localhost", cafile=None))
    assert result.diagnosis.code == "cert_name_mismatch"
    assert result.diagnosis.facts["suggested_host"] == "smtp.itpison.com"  # the relay's own
    assert server.auth_attempts == 0


def test_without_the_build_machines_openssl_paths_the_distributions_store_is_found(
        monkeypatch, tmp_path, fresh_contexts):
    """What a frozen app meets on another machine: OpenSSL's compiled-in paths lead nowhere.
    The stdlib's default context then has no root at all; OMIDesk's finds the distribution's."""
    missing = tmp_path / "not-there"
    monkeypatch.setenv("SSL_CERT_FILE", str(missing / "cert.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(missing / "certs"))
    assert ssl.create_default_context().cert_store_stats()["x509_ca"] == 0
    ours = trust.os_trust_context()
    assert ours.cert_store_stats()["x509_ca"] > 0
    assert ours.verify_mode == ssl.CERT_REQUIRED and ours.check_hostname is False
    store = trust.trust_store()
    assert store.roots > 0 and Path(store.where).is_file()


def test_an_unusable_trust_store_is_refused_saying_where_it_looked(monkeypatch, tmp_path):
    import truststore._openssl

    missing = tmp_path / "not-there"
    monkeypatch.setenv("SSL_CERT_FILE", str(missing / "cert.pem"))
    monkeypatch.setenv("SSL_CERT_DIR", str(missing / "certs"))
    monkeypatch.setattr(truststore._openssl, "_CA_FILE_CANDIDATES", [str(missing / "bundle")])
    with pytest.raises(trust.TrustStoreUnavailable) as caught:
        trust.trust_store()
    assert str(missing / "bundle") in str(caught.value) and "ca-certificates" in str(caught.value)


@pytest.mark.asyncio
async def test_truststores_own_context_class_works_with_the_smtp_engine(
        smtp_server, monkeypatch, fresh_contexts):
    """On macOS and Windows the context is truststore.SSLContext, which asks the OS after each
    handshake. Its Linux verifier is OpenSSL's, but the class is the same: asyncio, aiosmtplib's
    STARTTLS and load_verify_locations (--cafile) must all accept it."""
    import truststore

    monkeypatch.setattr(trust.sys, "platform", "darwin")
    server = smtp_server(tls="starttls_required")
    config = config_for(server, Security.STARTTLS)
    assert isinstance(tls.make_context(config), truststore.SSLContext)
    result = await probe(config)
    assert result.ok and result.authenticated, result.diagnosis.render("en")
    implicit = smtp_server(tls="implicit", cert="unknown_ca")
    refused = await probe(config_for(implicit, Security.SSL))
    assert refused.diagnosis.code == "cert_untrusted" and implicit.auth_attempts == 0


@pytest.mark.parametrize("code, expected", [(10, "cert_expired"), (-67818, "cert_expired"),
                                            (0x800B0101, "cert_expired"),
                                            (20, "cert_untrusted"), (-67843, "cert_untrusted"),
                                            (0x800B0109, "cert_untrusted")])
def test_os_verification_codes_are_classified(code, expected):
    """truststore reports the OS's own codes: macOS OSStatus, Windows HRESULT."""
    from omidesk.core.smtp.diagnosis import classify

    error = ssl.SSLCertVerificationError("verification failed")
    error.verify_code = code
    assert classify(error) == expected
