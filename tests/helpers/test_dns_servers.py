"""The local DNS servers (tests/helpers/dns_servers.py) keep the port they picked: another
process on the machine (a second suite) taking it in between costs a retry, not a test."""

from __future__ import annotations

import errno
import socket

import pytest

from tests.helpers import dns_servers
from tests.helpers.dns_servers import Dnsmasq, SilentDns


def test_dnsmasq_tries_another_port_when_its_pick_was_taken(monkeypatch, dkim_key):
    held = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # someone else's, meanwhile
    held.bind((dns_servers.LOCALHOST, 0))
    taken = int(held.getsockname()[1])
    picks: list[int] = []
    real = dns_servers.dual_free_port

    def pick() -> int:
        picks.append(taken if not picks else real())
        return picks[-1]

    monkeypatch.setattr(dns_servers, "dual_free_port", pick)
    try:
        with Dnsmasq(dns_servers.scenario_records(dkim_key)) as server:
            assert picks[0] == taken and server.port == picks[-1] != taken
    finally:
        held.close()


def test_a_silent_resolver_holds_its_port_from_the_start():
    with SilentDns() as server:
        for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            with socket.socket(socket.AF_INET, kind) as other, pytest.raises(OSError) as taken:
                other.bind((server.host, server.port))
            assert taken.value.errno == errno.EADDRINUSE
