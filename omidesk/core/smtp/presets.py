"""What a profile names: the security modes and the relay's presets (manual §1.3, §3). Apart
from config.py's ServerConfig and Timeouts (which re-exports all of this), so that the app's
Account tab is built without those classes (issue 18)."""

from __future__ import annotations

import enum

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
