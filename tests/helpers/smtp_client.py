"""Client-side helpers shared by the SMTP tests: a config for a test server, short timeouts,
and every form a password takes on the wire (computed here, not by the Redactor under test)."""

from __future__ import annotations

import base64
import re

from omidesk.core.smtp import Security, ServerConfig, Timeouts

FAST = Timeouts(connect=1.0, greeting=1.0, command=2.0)


def config_for(server, security: Security, **changes) -> ServerConfig:  # type: ignore[no-untyped-def]
    """A configuration for `server` with its login. With Security.NONE it allows the login
    without TLS (the explicit choice a user makes for such an account), so the many tests of
    other behaviour can use a plain server on 127.0.0.1; the tests of that safety rule pass
    allow_plaintext_login=False (the default of ServerConfig) themselves."""
    base = ServerConfig(host="127.0.0.1", port=server.port, security=security,
                        user=server.user, password=server.password, cafile=server.cafile,
                        timeouts=FAST, allow_plaintext_login=security is Security.NONE)
    return base.with_(**changes)


def secret_forms(user: str, password: str) -> list[str]:
    raw, login = password.encode(), user.encode()
    return [password, base64.b64encode(raw).decode(), base64.b64encode(raw).decode().rstrip("="),
            base64.b64encode(b"\0" + login + b"\0" + raw).decode(),
            base64.b64encode(login + b"\0" + login + b"\0" + raw).decode()]


def names_port(text: str, *ports: int) -> bool:
    """Whether TEXT names one of PORTS as a whole number: a test server's own random port (46531)
    holds "465" as a substring, and a plain `in` made tests fail now and then."""
    return any(re.search(rf"(?<!\d){port}(?!\d)", text) for port in ports)
