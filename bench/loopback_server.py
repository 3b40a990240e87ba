"""A counting SMTP server for benchmarks, in its own process (so that its CPU time is not the
client's): plain SMTP on 127.0.0.1, no TLS, no AUTH, every message accepted with
`250 LaunchID=<n>` and discarded. Prints `PORT <n>` when ready; `COUNT` on stdin prints how
many messages it has received. Usage: python bench/loopback_server.py [DATA_SIZE_LIMIT]"""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
from pathlib import Path

from aiosmtpd.controller import Controller


class Counter:
    def __init__(self) -> None:
        self.messages = 0
        self.ids = itertools.count(1)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd)
        self.messages += 1
        return f"250 LaunchID={next(self.ids)}"


def process_env(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of a bench's child processes: a home of their own in `folder`, English,
    and bytecode cached there as in any installation (this environment sets
    PYTHONDONTWRITEBYTECODE, which would compile OMIDesk's modules on every start)."""
    env = {**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config"), "XDG_CACHE_HOME": str(folder / "cache"),
           "OMIDESK_LANG": "en", "PYTHONPYCACHEPREFIX": str(folder / "pycache"), **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data_size_limit: int = 10_000_000) -> None:
    handler = Counter()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(),
                            data_size_limit=data_size_limit)
    controller.start()
    print(f"PORT {controller.port}", flush=True)
    try:
        for line in sys.stdin:
            if line.strip() == "COUNT":
                print(f"COUNT {handler.messages}", flush=True)
    finally:
        controller.stop()


class LoopbackServer:
    """The server as a child process: `with LoopbackServer() as server: server.port`."""

    def __init__(self, data_size_limit: int = 10_000_000) -> None:
        self.data_size_limit = data_size_limit

    def __enter__(self) -> LoopbackServer:
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()),
                                         str(self.data_size_limit)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.port = int(line.split()[1])
        return self

    def count(self) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("COUNT\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline().split()[1])

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000)
