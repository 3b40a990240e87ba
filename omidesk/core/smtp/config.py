"""Where and how to connect: one server's configuration and its timeouts. The security modes
and the relay's presets are in presets.py (named here too)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .presets import (
    DEFAULT_PORTS as DEFAULT_PORTS, RELAY_BACKUP_HOST as RELAY_BACKUP_HOST,
    RELAY_COMBOS as RELAY_COMBOS, RELAY_DOMAINS as RELAY_DOMAINS, RELAY_HOST as RELAY_HOST,
    RELAY_HOSTS as RELAY_HOSTS, Security as Security, combo_label as combo_label,
    combo_rank as combo_rank, is_relay_host as is_relay_host, matrix_combos as matrix_combos,
)


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

    @property
    def hosts(self) -> list[str]:
        """The server and its backup, those that are set: the relay a sender-domain check
        looks up."""
        return [h for h in (self.host, self.backup_host) if h]

    def secrets(self) -> tuple[str, ...]:
        return (self.password,) if self.password else ()


def relay_config(*, user: str = "", password: str = "", port: int = 465,
                 security: Security = Security.SSL) -> ServerConfig:
    """The preset of manual §1.3: smtp.itpison.com, backup smtp2.itpison.com, 465 + SSL."""
    return ServerConfig(RELAY_HOST, port, security, user=user, password=password,
                        backup_host=RELAY_BACKUP_HOST)
