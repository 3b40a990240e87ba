"""The RFC 7208 test suite (openspf.org, release 2014.04; tests/data/rfc7208-tests.yml, BSD
licence in rfc7208-tests.LICENSE) against OMIDesk's check_host, over real DNS: each
scenario's zone is served by a ZoneServer on 127.0.0.1 and queried by the same resolver the
app uses. Explanations (exp=) are not evaluated by OMIDesk and not compared."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from omidesk.core.domain.lookup import Resolver
from omidesk.core.domain.names import parse_nameserver
from omidesk.core.domain.spf import check_host
from tests.helpers.dns_servers import ZoneServer

SUITE = Path(__file__).resolve().parent.parent / "data" / "rfc7208-tests.yml"


def _zone(data: dict[str, list[Any]]) -> dict[str, list[tuple[str, object]]]:
    """The suite's zonedata as the ZoneServer serves it. Like the suite's own drivers, a
    name's SPF-type records are also served as TXT unless it has TXT records of its own."""
    zone: dict[str, list[tuple[str, object]]] = {}
    for name, entries in data.items():
        out: list[tuple[str, object]] = []
        spf: list[object] = []
        has_txt = False
        for entry in entries or []:
            if entry == "TIMEOUT":
                out.append(("TIMEOUT", None))
                continue
            for rdtype, value in entry.items():
                if rdtype == "TXT":
                    has_txt = True
                if value == "TIMEOUT":
                    out.append(("TIMEOUT", rdtype))
                    continue
                if value == "NONE":
                    continue
                out.append((rdtype, value))
                if rdtype == "SPF":
                    spf.append(value)
        if not has_txt:
            out += [("TXT", value) for value in spf]
        zone[name] = out
    return zone


def _cases() -> Iterator[Any]:
    with SUITE.open("rb") as handle:
        for scenario in yaml.safe_load_all(handle):
            zone = _zone(scenario["zonedata"])
            for name, test in scenario["tests"].items():
                expected = test["result"]
                expected = [expected] if isinstance(expected, str) else expected
                yield pytest.param(zone, test, expected, id=name)


@pytest.fixture(scope="module")
def zone_server() -> Iterator[ZoneServer]:
    with ZoneServer() as server:
        yield server


@pytest.mark.parametrize(("zone", "test", "expected"), list(_cases()))
def test_rfc7208_suite(zone_server: ZoneServer, zone, test, expected) -> None:  # type: ignore[no-untyped-def]
    zone_server.zone = zone
    mailfrom, helo = str(test["mailfrom"]), str(test["helo"])
    if mailfrom:
        domain = mailfrom.rpartition("@")[2]
        local = mailfrom.rpartition("@")[0] or "postmaster"
        sender = f"{local}@{domain}"
    else:
        domain, sender = helo, f"postmaster@{helo}"

    # A scenario with records that never answer needs a short wait to end; the others wait
    # long enough not to fail on a loaded machine (a 0.3 s wait did, once in a while).
    silent = any(rdtype == "TIMEOUT" for records in zone.values() for rdtype, _ in records)
    wait = 0.6 if silent else 5.0

    async def run() -> str:
        resolver = Resolver(parse_nameserver(zone_server.address), timeout=wait, lifetime=wait)
        try:
            result = await check_host(resolver, str(test["host"]), domain, sender=sender,
                                      helo=helo)
        finally:
            resolver.cancel()
        return result.result

    assert asyncio.run(run()) in expected, test.get("description", "")
