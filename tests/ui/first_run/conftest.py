"""The assistant's fixtures: its domain check asks dnsmasq (tests/conftest.py domain_dns)."""

from __future__ import annotations

import pytest


@pytest.fixture
def dns(domain_dns, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OMIDESK_NAMESERVER", domain_dns.address)
    return domain_dns
