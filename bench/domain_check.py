"""How long the sender-domain check takes, in process and as `omidesk domain-check`:
against dnsmasq on 127.0.0.1 serving a ready domain (SPF through two nested includes, DMARC,
a DKIM key), and against a DNS server that never answers (the time to dns_failed).

    .venv/bin/python bench/domain_check.py [RUNS]

Needs dnsmasq (scripts/install-system-deps.sh installs dnsmasq-base)."""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from omidesk.core.domain.check import check_domain  # noqa: E402
from omidesk.core.domain.names import parse_nameserver, parse_target  # noqa: E402
from tests.helpers.dns_servers import (  # noqa: E402
    RELAY_HOSTS, Dnsmasq, SilentDns, dkim_public_key, scenario_records,
)


def in_process(address: str, target: str, selectors: list[str]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    report = asyncio.run(check_domain(parse_target(target), hosts=RELAY_HOSTS,
                                      selectors=selectors,
                                      nameserver=parse_nameserver(address)))
    return (time.perf_counter() - started) * 1000, report.codes


def command(address: str, target: str) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "omidesk", "domain-check", target,
                             "--nameserver", address, "--host", RELAY_HOSTS[0],
                             "--backup-host", RELAY_HOSTS[1]], capture_output=True,
                            cwd=ROOT, timeout=60, check=False)
    return (time.perf_counter() - started) * 1000, result.returncode


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with Dnsmasq(scenario_records(dkim_public_key())) as dns, SilentDns() as silent:
        cases = [("ready domain, in process", lambda: in_process(dns.address, "ready.com.tw",
                                                                 ["s1"])),
                 ("nested includes, in process", lambda: in_process(dns.address,
                                                                    "nested.com.tw", [])),
                 ("silent DNS server, in process", lambda: in_process(silent.address,
                                                                      "ready.com.tw", [])),
                 ("ready domain, omidesk domain-check", lambda: command(dns.address,
                                                                        "ready.com.tw")),
                 ("silent DNS server, omidesk domain-check", lambda: command(
                     silent.address, "ready.com.tw"))]
        for label, run in cases:
            run()  # warm-up
            times, outcome = [], None
            for _ in range(runs):
                elapsed, outcome = run()
                times.append(elapsed)
            print(f"{label:<42} median {statistics.median(times):8.1f} ms  "
                  f"(min {min(times):.1f}, max {max(times):.1f})  {outcome}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
