"""When `omidesk probe` prints its `Recommended:` line (issue 18): the relay's own ports, with
SSL 465 answering and 587 and 25 silently dropping packets (a network that blocks them), at
connect timeouts of 5 s and 10 s. Measured from the spawn of the whole process to the first
`Recommended:` line, and to the end of the process (where the line used to be printed: the
slower attempts still finish, and then the full result is printed).

The relay's real port numbers need a network of their own: the bench runs itself inside a new
network namespace (`unshare -n`, as root), where 127.0.0.1:465/587/25 are free. Target: the
line within 1.5 s whatever the timeout. ROUNDS (default 3) per timeout; medians.

    python bench/probe_early.py [ROUNDS]"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def inside(rounds: int) -> int:
    from tests.helpers.servers import BlackholeServer, Certs, ServerOptions, SMTPTestServer

    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    certs = Certs.create(Path(tempfile.mkdtemp(prefix="omidesk-bench-")))
    env = {**os.environ, "OMIDESK_LANG": "en", "PYTHONPYCACHEPREFIX": "/tmp/omidesk-bench-pyc"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    rows = []
    with SMTPTestServer(certs, ServerOptions(tls="implicit", port=465)) as ssl_server, \
            BlackholeServer(port=587), BlackholeServer(port=25):
        env["OMI_PW"] = ssl_server.password or ""
        for timeout in (5, 10):
            command = [sys.executable, "-m", "omidesk", "probe", "--host", "127.0.0.1",
                       "--user", ssl_server.user, "--password-env", "OMI_PW",
                       "--cafile", str(ssl_server.cafile), "--timeout", str(timeout),
                       "--quiet"]
            early, total = [], []
            for round_ in range(rounds + 1):  # the first run warms up (bytecode)
                started = time.perf_counter()
                process = subprocess.Popen(command, env=env, cwd=ROOT, text=True,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                assert process.stdout is not None
                first = None
                for line in process.stdout:
                    if line.startswith("Recommended:") and first is None:
                        first = time.perf_counter() - started
                _, err = process.communicate()
                ended = time.perf_counter() - started
                assert process.returncode == 0 and first is not None, err
                if round_:
                    early.append(first)
                    total.append(ended)
            rows.append((timeout, statistics.median(early), statistics.median(total)))
        logins = ssl_server.auth_attempts
    print(f"omidesk probe, relay ports on 127.0.0.1: SSL 465 answers, 587 and 25 drop; "
          f"{rounds} runs each (median), whole process")
    ok = True
    for timeout, early_s, total_s in rows:
        ok &= early_s <= 1.5
        print(f"  --timeout {timeout:>2}: `Recommended:` after {early_s:.2f} s "
              f"(target ≤ 1.5 s: {'met' if early_s <= 1.5 else 'MISSED'}); "
              f"process ends after {total_s:.2f} s")
    print(f"  logins on the server: {logins} for {2 * (rounds + 1)} tests (one each)")
    return 0 if ok else 1


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if os.environ.get("OMIDESK_BENCH_NETNS") == "1":
        return inside(rounds)
    return subprocess.run(["unshare", "-n", sys.executable, str(Path(__file__).resolve()),
                           str(rounds)], env={**os.environ, "OMIDESK_BENCH_NETNS": "1"}
                          ).returncode


if __name__ == "__main__":
    raise SystemExit(main())
