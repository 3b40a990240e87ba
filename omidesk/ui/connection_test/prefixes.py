"""The transcript's prefix of each attempt ("#3 smtp2 587/starttls"), padded to one width in a
monospace font so that the lines of side-by-side attempts stay aligned."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ...core.smtp.config import ServerConfig


def columns(text: str) -> int:
    """Display width in a monospace font: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(width - columns(text), 0)


def short_hosts(hosts: Sequence[str]) -> dict[str, str]:
    """Short names for the transcript prefix: "smtp" and "smtp2" for smtp.itpison.com and
    smtp2.itpison.com; the whole name when the first labels would not tell them apart."""
    unique = list(dict.fromkeys(hosts))
    firsts = [h.split(".", 1)[0] for h in unique]
    is_ip = any(h.replace(".", "").isdigit() or ":" in h for h in unique)
    if is_ip or len(set(firsts)) != len(firsts):
        return {h: h for h in unique}
    return dict(zip(unique, firsts, strict=True))


def attempt_prefixes(attempts: Sequence[tuple[str, ServerConfig]]) -> tuple[list[str], int]:
    """Each attempt's prefix, padded, and their width (none for a single attempt)."""
    if len(attempts) <= 1:
        return ["" for _ in attempts], 0
    names = short_hosts([host for host, _ in attempts])
    prefixes = [f"#{i + 1} " + (f"{names[host]} " if len(names) > 1 else "")
                + f"{cfg.port}/{cfg.security.value}" for i, (host, cfg) in enumerate(attempts)]
    width = max(map(columns, prefixes), default=0)
    return [pad(prefix, width) for prefix in prefixes], width
