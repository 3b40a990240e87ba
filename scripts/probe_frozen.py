"""Probe a server over implicit TLS with the frozen app, without a login, and say what its
certificate verification gave: the release workflow proves on every runner that the packaged
app verifies a real public certificate through the OS trust store; .ci/run does the same
against a CA it put into this machine's system store.

    python scripts/probe_frozen.py APP --host smtp.gmail.com [--port 465] [--must-verify]

APP is the frozen executable (dist/omidesk/omidesk, dist/omidesk/omidesk.exe,
dist/OMIDesk.app/Contents/MacOS/omidesk). The app writes its JSON report to a file (the windowed
Windows app has no console). With --must-verify the exit status is 0 only when the app
connected and verified the certificate and the host name; without it, the result is printed
and the exit status is 0 whatever it was (a server that is only informative).
Only the standard library: it runs on the runner's Python, beside the frozen app."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def probe(app: Path, host: str, port: int, *, timeout: float = 15.0,
          env: dict[str, str] | None = None) -> tuple[int, dict[str, object]]:
    """(the app's exit status, the attempt from its JSON report; {} when it wrote none)."""
    with tempfile.TemporaryDirectory(prefix="omidesk-probe-") as folder:
        report = Path(folder) / "report.json"
        command = [str(app), "--lang", "en", "probe", "--host", host, "--port", str(port),
                   "--security", "ssl", "--backup-host", "", "--timeout", str(timeout),
                   "--quiet", "--report", str(report)]
        done = subprocess.run(command, capture_output=True, text=True, errors="replace",
                              timeout=timeout * 6 + 60, env=env)
        if done.stderr.strip():
            print(done.stderr.strip(), file=sys.stderr)
        if not report.exists():
            return done.returncode, {}
        attempts = json.loads(report.read_text(encoding="utf-8")).get("attempts") or [{}]
        return done.returncode, attempts[0]


def summary(host: str, port: int, status: int, attempt: dict[str, object]) -> tuple[bool, str]:
    """(verified end to end, the lines to print)."""
    tls = attempt.get("tls") or {}
    assert isinstance(tls, dict)
    cert = tls.get("cert") or {}
    diagnosis = attempt.get("diagnosis") or {}
    assert isinstance(cert, dict) and isinstance(diagnosis, dict)
    code = diagnosis.get("code", "no report")
    verified = status == 0 and bool(attempt.get("ok")) and tls.get("verified") is True
    lines = [f"{host}:{port} implicit TLS: {'VERIFIED' if verified else 'NOT VERIFIED'} "
             f"(exit {status}, {code})",
             f"  TLS: {tls.get('version') or '-'} {tls.get('cipher') or ''}".rstrip(),
             f"  verdict: {tls.get('verdict') or '-'}",
             f"  certificate: {', '.join(cert.get('names') or []) or '-'}; "
             f"issuer {cert.get('issuer') or '-'}; until {cert.get('not_after') or '-'}"]
    return verified, "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app", type=Path)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, default=465)
    parser.add_argument("--must-verify", action="store_true",
                        help="fail unless the certificate and host name were verified")
    args = parser.parse_args(argv)
    status, attempt = probe(args.app, args.host, args.port, env=dict(os.environ))
    verified, text = summary(args.host, args.port, status, attempt)
    print(text, flush=True)
    if args.must_verify and not verified:
        print(f"probe_frozen: the frozen app could not verify {args.host}'s certificate "
              "through the OS trust store", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
