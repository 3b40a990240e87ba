"""The sandbox relay: an embedded SMTP server on 127.0.0.1 that behaves like the OMICard /
NewerMail relay (implicit TLS and STARTTLS, AUTH, a final `250 LaunchID=<n>`), so a newcomer
can try every part of the app without an account, and keeps what arrives in an inbox instead
of delivering it.

The server runs aiosmtpd on its own event loop in its own thread: it is the *server*, so it
must answer while the app's client side (aiosmtplib on the Qt loop) waits for it. TLS uses a
certificate made at start-up by a throw-away CA whose private key never leaves memory; only
the CA's certificate is written (into a private folder removed at stop), and the app trusts
that file for this session through Account.cafile — nothing is installed anywhere.
"""

from __future__ import annotations

from .certs import make_certificates
from .inbox import SandboxMessage
from .relay import SANDBOX_HOST, SANDBOX_NAME, SANDBOX_USER, SandboxRelay

__all__ = ["SANDBOX_HOST", "SANDBOX_NAME", "SANDBOX_USER", "SandboxMessage", "SandboxRelay",
           "make_certificates"]
