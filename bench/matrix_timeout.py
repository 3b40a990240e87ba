"""Matrix wall time with one silently dropping port, against the configured connect timeout.

Measured in one run: (a) a single probe of the dropping port, which takes the connect timeout;
(b) the full matrix (4 combinations × primary and backup host) with that port among them;
(c) the same 8 probes one after another, as a tool without concurrency would run them;
(d) a network dropping all four ports, as the matrix and one after another;
(e) the dropping port as SSL, the best-ranked combination: the test's one login waits for its
    verdict (issue 11), so this is the slowest matrix.
Target (issue 3): (b), (d), (e) ≤ connect timeout + 1 s.
Usage: python bench/matrix_timeout.py [T]"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from omidesk.core.smtp import Security, ServerConfig, Timeouts, probe, probe_all
from tests.helpers.servers import BlackholeServer, Certs, ServerOptions, SMTPTestServer


async def measure(connect_timeout: float) -> dict[str, float]:
    certs = Certs.create(Path(tempfile.mkdtemp()))
    with SMTPTestServer(certs, ServerOptions(tls="implicit")) as implicit, \
            SMTPTestServer(certs, ServerOptions(tls="starttls_required",
                                                password=implicit.password)) as starttls, \
            SMTPTestServer(certs, ServerOptions(tls="none",
                                                password=implicit.password)) as plain, \
            BlackholeServer() as hole:
        config = ServerConfig("127.0.0.1", implicit.port, Security.SSL, user=implicit.user,
                              password=implicit.password, cafile=certs.cafile,
                              backup_host="127.0.0.2",
                              timeouts=Timeouts(connect_timeout, connect_timeout, 10))
        combos = [(implicit.port, Security.SSL), (starttls.port, Security.STARTTLS),
                  (hole.port, Security.STARTTLS), (plain.port, Security.NONE)]
        started = time.perf_counter()
        single = await probe(config.with_(port=hole.port, security=Security.STARTTLS))
        single_s = time.perf_counter() - started
        assert single.diagnosis.code == "connect_timeout"
        started = time.perf_counter()
        matrix = await probe_all(config, combos=combos)
        matrix_s = time.perf_counter() - started
        assert matrix.recommended is not None and matrix.login_attempts == 1
        best_dropping = [(hole.port, Security.SSL), (starttls.port, Security.STARTTLS),
                         (plain.port, Security.NONE)]
        started = time.perf_counter()
        waiting = await probe_all(config, combos=best_dropping)
        best_dropping_s = time.perf_counter() - started
        assert waiting.login is waiting.results[1] and waiting.login.authenticated
        started = time.perf_counter()
        for host in (config.host, config.backup_host):
            for port, security in combos:
                await probe(config.with_(port=port, security=security), host=host)
        sequential_s = time.perf_counter() - started
    # A network that drops every SMTP port (manual §6.2): four dropping ports, no backup.
    with BlackholeServer() as h1, BlackholeServer() as h2, BlackholeServer() as h3, \
            BlackholeServer() as h4:
        blocked = [(h.port, sec) for h, sec in zip((h1, h2, h3, h4), (
            Security.SSL, Security.STARTTLS, Security.STARTTLS, Security.NONE), strict=True)]
        config = config.with_(backup_host="")
        started = time.perf_counter()
        matrix = await probe_all(config, combos=blocked)
        blocked_matrix_s = time.perf_counter() - started
        assert {r.diagnosis.code for r in matrix.results} == {"connect_timeout"}
        started = time.perf_counter()
        for port, security in blocked:
            await probe(config.with_(port=port, security=security))
        blocked_sequential_s = time.perf_counter() - started
    return {"connect_timeout_s": connect_timeout,
            "all_blocked_matrix_s": blocked_matrix_s,
            "all_blocked_sequential_s": blocked_sequential_s, "single_dropping_probe_s": single_s,
            "matrix_s": matrix_s, "sequential_s": sequential_s,
            "ssl_dropping_matrix_s": best_dropping_s,
            "matrix_over_timeout": matrix_s / single_s,
            "matrix_minus_timeout_s": matrix_s - single_s}


def main() -> int:
    timeout = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    result = asyncio.run(measure(timeout))
    for key, value in result.items():
        print(f"{key:>24}: {value:.3f}")
    ok = max(result["matrix_s"], result["all_blocked_matrix_s"],
             result["ssl_dropping_matrix_s"]) <= timeout + 1.0
    print(f"target matrix ≤ connect timeout + 1 s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
