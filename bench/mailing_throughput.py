"""Mailing throughput: OMIDesk's individual mailing engine (journal + sent log + merge + MIME
build + transcript) against a plain asyncio + aiosmtplib loop over one connection, both sending
the same N personalised ~2 KB messages to a loopback SMTP server in another process,
alternating, in one run. Target (issue 5): engine ≥ 0.9× the plain loop's messages per second.
Usage: python bench/mailing_throughput.py [N] [rounds]"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiosmtplib

from bench.loopback_server import LoopbackServer
from omidesk.core.journal import Journal
from omidesk.core.mailing import draft_fingerprint, individual_messages, run_mailing
from omidesk.core.message import Draft
from omidesk.core.outbox import Outbox
from omidesk.core.recipients import Row
from omidesk.core.sentlog import SentLog
from omidesk.core.smtp import Security, ServerConfig

PARAGRAPH = ("本月報價如附，若有任何問題請與我們聯絡。This month's quote is attached; "
             "reply with any questions. ")
BODY = PARAGRAPH * 12  # ~2 KB once encoded


def rows(n: int) -> list[Row]:
    return [Row(i, {"姓名": f"客戶{i}", "email": f"user{i}@example.com"},
                f"user{i}@example.com", "ok") for i in range(1, n + 1)]


async def plain_loop(port: int, recipients: list[Row]) -> float:
    """The limit: one connection, the message built with the stdlib, sendmail per row."""
    started = time.perf_counter()
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, use_tls=False, start_tls=False)
    await smtp.connect()
    for row in recipients:
        msg = EmailMessage()
        msg["From"] = formataddr(("王小明", "wang@example.com"))
        msg["To"] = formataddr((row.values["姓名"], row.address))
        msg["Subject"] = f"{row.values['姓名']} 您好：十一月報價"
        msg["Message-ID"] = make_msgid(domain="example.com")
        msg.set_content(f"親愛的 {row.values['姓名']}：\n{BODY}")
        await smtp.send_message(msg)
    await smtp.quit()
    return time.perf_counter() - started


async def engine(port: int, recipients: list[Row], folder: Path) -> float:
    draft = Draft(from_addr="wang@example.com", from_name="王小明",
                  subject="{{姓名}} 您好：十一月報價", text=f"親愛的 {{{{姓名}}}}：\n{BODY}")
    config = ServerConfig("127.0.0.1", port, Security.NONE)
    started = time.perf_counter()
    with Journal.open_or_create(folder / f"j{time.monotonic_ns()}.sqlite",
                                fingerprint=draft_fingerprint(draft, recipients),
                                recipients=recipients) as journal, \
            SentLog(folder / "sent-log.sqlite") as log:
        summary = await run_mailing(config, journal, individual_messages(draft),
                                    outbox=Outbox(log, account="bench"))
    elapsed = time.perf_counter() - started
    assert summary["sent"] == len(recipients), summary
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    recipients = rows(n)
    folder = Path(tempfile.mkdtemp(prefix="omidesk-bench-"))
    plain_s: list[float] = []
    engine_s: list[float] = []
    with LoopbackServer() as server:
        asyncio.run(plain_loop(server.port, recipients[:20]))  # warm up both paths
        asyncio.run(engine(server.port, recipients[:20], folder))
        for _ in range(rounds):
            plain_s.append(asyncio.run(plain_loop(server.port, recipients)))
            engine_s.append(asyncio.run(engine(server.port, recipients, folder)))
        received = server.count()
    expected = 40 + 2 * rounds * n
    assert received == expected, (received, expected)
    plain, ours = statistics.median(plain_s), statistics.median(engine_s)
    print(f"{n} messages × {rounds} rounds, loopback server in another process "
          f"(received {received})")
    print(f"plain asyncio+aiosmtplib loop: median {plain:.2f} s = {n / plain:.0f} msg/s "
          f"(runs: {', '.join(f'{x:.2f}' for x in plain_s)})")
    print(f"OMIDesk mailing engine:        median {ours:.2f} s = {n / ours:.0f} msg/s "
          f"(runs: {', '.join(f'{x:.2f}' for x in engine_s)})")
    print(f"ratio (engine / plain throughput): {plain / ours:.2f}  (target ≥ 0.90)")


if __name__ == "__main__":
    main()
