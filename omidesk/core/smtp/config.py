"""Where and how to connect: security modes, the relay's presets (manual §1.3, §3), timeouts."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..text import Text

RELAY_HOST = "smtp.itpison.com"
RELAY_BACKUP_HOST = "smtp2.itpison.com"
RELAY_HOSTS = (RELAY_HOST, RELAY_BACKUP_HOST)
# The relay's own domains (manual §3, §4.2.1): advice about OMICard, NewerMail and the manual
# is given only for hosts under them.
RELAY_DOMAINS = ("itpison.com", "newermail.com")


def is_relay_host(host: str) -> bool:
    name = host.strip().rstrip(".").lower()
    return any(name == domain or name.endswith("." + domain) for domain in RELAY_DOMAINS)


class Security(enum.Enum):
    NONE = "none"  # plain text (aiosmtplib must be told start_tls=False, or it upgrades silently)
    SSL = "ssl"  # implicit TLS from the first byte (the manual's "SSL", port 465)
    STARTTLS = "starttls"  # plain, then STARTTLS required (the manual's "TLS")

    @property
    def label(self) -> Text:
        return {
            Security.NONE: Text("No encryption", "不加密"),
            Security.SSL: Text("SSL", "SSL 加密"),
            Security.STARTTLS: Text("STARTTLS", "TLS (STARTTLS)"),
        }[self]


DEFAULT_PORTS = {Security.SSL: 465, Security.STARTTLS: 587, Security.NONE: 25}

# The combinations the relay offers, best first (Thunderbird's order: SSL > STARTTLS > plain).
RELAY_COMBOS: tuple[tuple[int, Security], ...] = (
    (465, Security.SSL),
    (587, Security.STARTTLS),
    (25, Security.STARTTLS),
    (25, Security.NONE),
)


def matrix_combos(port: int | None = None) -> tuple[tuple[int, Security], ...]:
    """What "test every combination" tries: the relay's four, and for a server of one's own
    also its configured port with every security mode (those rank after the standard ones)."""
    combos = list(RELAY_COMBOS)
    if port is not None:
        combos += [(port, s) for s in (Security.SSL, Security.STARTTLS, Security.NONE)
                   if (port, s) not in combos]
    return tuple(combos)


def combo_rank(port: int, security: Security) -> int:
    """Lower is better; combinations outside the relay's list rank by security, then port."""
    try:
        return RELAY_COMBOS.index((port, security))
    except ValueError:
        order = {Security.SSL: 0, Security.STARTTLS: 1, Security.NONE: 3}
        return 10 + order[security]


def combo_label(port: int, security: Security, lang: str = "en") -> str:
    return f"{security.label.get(lang)} ({port})"


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 10.0
    greeting: float = 15.0  # also bounds the TLS handshake
    command: float = 30.0


@dataclass(frozen=True)
class ServerConfig:
    """One server to talk to. The password lives here only in memory, never in repr()."""

    host: str
    port: int
    security: Security
    user: str = ""
    password: str = field(default="", repr=False)
    backup_host: str = ""
    ehlo_name: str | None = None  # default: the local address as a literal, "[192.0.2.10]"
    cafile: Path | None = None  # extra trusted CA (tests, company CAs); else the system's
    trusted_fingerprint: str = ""  # SHA-256 of one certificate the user chose to trust
    timeouts: Timeouts = field(default_factory=Timeouts)
    # The password may cross a connection without TLS: only when the user chose no encryption
    # for this account and confirmed it (app), or gave --allow-plaintext-login (CLI).
    allow_plaintext_login: bool = False

    def with_(self, **changes: object) -> ServerConfig:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def label(self) -> str:
        return f"{self.host}:{self.port} {self.security.value}"

    def secrets(self) -> tuple[str, ...]:
        return (self.password,) if self.password else ()


def relay_config(*, user: str = "", password: str = "", port: int = 465,
                 security: Security = Security.SSL) -> ServerConfig:
    """The preset of manual §1.3: smtp.itpison.com, backup smtp2.itpison.com, 465 + SSL."""
    return ServerConfig(RELAY_HOST, port, security, user=user, password=password,
                        backup_host=RELAY_BACKUP_HOST)
