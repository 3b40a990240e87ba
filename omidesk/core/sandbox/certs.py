"""The sandbox's TLS: a throw-away CA, name-constrained to localhost, and a server certificate
it signs; only the CA's certificate and the server's own pair are written, privately."""

from __future__ import annotations

import ipaddress
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def make_certificates(folder: Path, host: str, *, days: int = 30) -> tuple[Path, Path, Path]:
    """A throw-away CA and a server certificate for localhost / `host` (an IPv4 address) in
    `folder`.

    Returns (ca.pem, server.pem, server-key.pem). The CA key is discarded after signing, and
    the CA may only vouch for localhost and `host` (name constraints): even a copy of ca.pem
    left trusted somewhere cannot be used to impersonate any other server."""
    now = datetime.now(UTC)
    valid = now - timedelta(days=1), now + timedelta(days=days)
    address = ipaddress.IPv4Address(host)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = _ca_certificate(ca_key, address, valid)
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf_cert = _server_certificate(leaf_key, ca_key, ca_cert, address, valid)
    paths = folder / "ca.pem", folder / "server.pem", folder / "server-key.pem"
    _write_private(paths[0], ca_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(paths[1], leaf_cert.public_bytes(serialization.Encoding.PEM))
    _write_private(paths[2], leaf_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    """A CA signs certificates (and CRLs); the server only signs its handshake."""
    return x509.KeyUsage(
        digital_signature=not ca, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False)


def _ca_certificate(key: ec.EllipticCurvePrivateKey, address: ipaddress.IPv4Address,
                    valid: tuple[datetime, datetime]) -> x509.Certificate:
    name = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "OMIDesk"),
        x509.NameAttribute(NameOID.COMMON_NAME, "OMIDesk sandbox CA (this session only)"),
    ])
    return (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0]).not_valid_after(valid[1])
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(x509.NameConstraints(
            permitted_subtrees=[x509.DNSName("localhost"),
                                x509.IPAddress(ipaddress.IPv4Network(f"{address}/32"))],
            excluded_subtrees=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .sign(key, hashes.SHA256())
    )


def _server_certificate(key: ec.EllipticCurvePrivateKey, ca_key: ec.EllipticCurvePrivateKey,
                        ca: x509.Certificate, address: ipaddress.IPv4Address,
                        valid: tuple[datetime, datetime]) -> x509.Certificate:
    ca_ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(valid[0]).not_valid_after(valid[1])
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(address)]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
