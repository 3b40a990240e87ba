"""Mailings over a real network (issue 18): a proxy on loopback that delays every byte by
25 ms each way (50 ms round trip, a typical office line to the relay) in front of the loopback
server, and `omidesk mailing` (personalised ~2 KB messages) through it with 1, 2 and 3
connections (`--connections`), side by side with a plain asyncio + aiosmtplib loop over one
connection through the same proxy. Reports messages per minute and round trips per message
(time per message / round trip): the limit of one connection is the protocol's round trips
(MAIL, RCPT, DATA, the message: 4 without PIPELINING), not the client's CPU; more connections
divide it by their number.

    python bench/delay_proxy.py [N] [DELAY_MS] [ROUNDS] [CONNECTIONS,…]
    python bench/delay_proxy.py --serve UPSTREAM_PORT DELAY_MS   (the proxy alone)"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                delay: float) -> None:
    """Each chunk leaves `delay` seconds after it arrived, in order (a line's latency, not
    its bandwidth)."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def deliver() -> None:
        loop = asyncio.get_running_loop()
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(deliver())
    loop = asyncio.get_running_loop()
    try:
        while data := await reader.read(65536):
            queue.put_nowait((loop.time() + delay, data))
    except ConnectionError:
        pass
    queue.put_nowait((loop.time() + delay, b""))
    try:
        await sender
    except ConnectionError:
        pass


async def serve(upstream: int, delay: float) -> None:
    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", upstream)
        await asyncio.gather(_pipe(client_r, server_w, delay), _pipe(server_r, client_w, delay))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the bench closes stdin
    server.close()


class DelayProxy:
    def __init__(self, upstream: int, delay_ms: float) -> None:
        self.args = [sys.executable, str(Path(__file__).resolve()), "--serve", str(upstream),
                     str(delay_ms)]

    def __enter__(self) -> DelayProxy:
        self.process = subprocess.Popen(self.args, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline().split()[1])
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


def main() -> int:
    from bench.loopback_server import LoopbackServer, process_env
    from bench.mailing_process import BODY, LIMIT, write_list

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    delay_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 25.0
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    counts = [int(c) for c in (sys.argv[4] if len(sys.argv) > 4 else "1,2,3").split(",")]
    folder = Path(tempfile.mkdtemp(prefix="omidesk-bench-"))
    env = process_env(folder)
    listing = write_list(folder / "list.csv", n)
    (folder / "body.txt").write_text(f"親愛的 {{{{姓名}}}}：\n{BODY}", encoding="utf-8")
    (folder / "limit.py").write_text(LIMIT, encoding="utf-8")
    rtt = 2 * delay_ms / 1000
    ours: dict[int, list[float]] = {c: [] for c in counts}
    plain: list[float] = []
    with LoopbackServer() as server, DelayProxy(server.port, delay_ms) as proxy:
        for round_ in range(rounds):
            for c in counts:
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "omidesk", "mailing", "--csv",
                                str(listing), "--journal", str(folder / f"j{round_}-{c}.sqlite"),
                                "--sent-log", str(folder / "sent-log.sqlite"),
                                "--host", "127.0.0.1", "--port", str(proxy.port),
                                "--security", "none", "--from", "wang@example.com",
                                "--subject", "{{姓名}} 您好", "--text-file",
                                str(folder / "body.txt"), "--quiet", "--connections", str(c)],
                               env=env, check=True, capture_output=True)
                ours[c].append(time.perf_counter() - started)
            started = time.perf_counter()
            subprocess.run([sys.executable, str(folder / "limit.py"), str(proxy.port),
                            str(listing), "", BODY], env=env, check=True, capture_output=True)
            plain.append(time.perf_counter() - started)
        received = server.count()
    assert received == (len(counts) + 1) * rounds * n, received
    print(f"{n} messages through a {delay_ms:.0f} ms-each-way proxy (round trip "
          f"{rtt * 1000:.0f} ms), whole processes, {rounds} rounds (median)")
    rows = [(f"omidesk, {c} connection{'s' if c > 1 else ''}", ours[c]) for c in counts]
    for label, times in (*rows, ("plain aiosmtplib loop, 1", plain)):
        t = statistics.median(times)
        per = t / n
        print(f"  {label:<26} {t:6.2f} s = {60 * n / t:5.0f} messages/minute, "
              f"{per * 1000:.0f} ms = {per / rtt:.1f} round trips per message (start included)")
    print(f"  limit of one connection without PIPELINING: 4 round trips = "
          f"{60 / (4 * rtt):.0f} messages/minute")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        asyncio.run(serve(int(sys.argv[2]), float(sys.argv[3]) / 1000))
    else:
        raise SystemExit(main())
