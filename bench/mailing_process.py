"""A whole `omidesk mailing` process against the limit, side by side in one run (issue 18):

  shared   N messages (default 100) sharing a 2 MB attachment, against a sender that encodes
           the attachment once and sends pre-built bytes per recipient (asyncio + aiosmtplib,
           one connection);
  small    M personalised ~2 KB messages (default 300), against a plain asyncio + aiosmtplib
           loop that builds each with the stdlib (one connection).

Every run is a new process (start-up, imports, reading the list, the journal, the sent log:
what a user waits for), timed from the start of the process to its exit, to one loopback
server in another process. The pairs alternate; the ratio (limit time / OMIDesk time, so
1.0 = as fast as the limit) is taken per round and the median of the rounds is printed.
Target: ≥ 0.9× for both.

    python bench/mailing_process.py [ROUNDS] [N_SHARED] [N_SMALL]"""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loopback_server import LoopbackServer, process_env  # noqa: E402

PARAGRAPH = ("本月報價如附，若有任何問題請與我們聯絡。This month's quote is attached; "
             "reply with any questions. ")
BODY = PARAGRAPH * 12  # ~2 KB once encoded

# The limit, as a script: argv = port, list.csv, attachment or "".
LIMIT = r'''
import asyncio, csv, sys
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
import aiosmtplib

port, listing, attachment = int(sys.argv[1]), sys.argv[2], sys.argv[3]
BODY = sys.argv[4]

async def main():
    with open(listing, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    shared = b""
    if attachment:  # encoded once: the attachment part's bytes, sent as they are
        part = EmailMessage()
        part.set_content(open(attachment, "rb").read(), "application", "pdf",
                         disposition="attachment", filename="quote.pdf")
        del part["MIME-Version"]
        shared = part.as_bytes()
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, use_tls=False, start_tls=False)
    await smtp.connect()
    for row in rows:
        msg = EmailMessage()
        msg["From"] = formataddr(("王小明", "wang@example.com"))
        msg["To"] = formataddr((row["姓名"], row["email"]))
        msg["Subject"] = f"{row['姓名']} 您好：十一月報價"
        msg["Message-ID"] = make_msgid(domain="example.com")
        msg.set_content(f"親愛的 {row['姓名']}：\n{BODY}")
        if shared:
            msg.make_mixed()
            raw = msg.as_bytes()  # sets the boundary
            boundary = msg.get_boundary().encode()
            head, _, _ = raw.rpartition(b"--" + boundary + b"--")
            data = head + b"--" + boundary + b"\n" + shared + b"\n--" + boundary + b"--\n"
            await smtp.sendmail("wang@example.com", [row["email"]], data)
        else:
            await smtp.send_message(msg)
    await smtp.quit()

asyncio.run(main())
'''


def write_list(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["姓名", "email"])
        for i in range(1, n + 1):
            writer.writerow([f"客戶{i}", f"user{i}@example.com"])
    return path


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed ({done.returncode}): {done.stderr[-800:]}")
    return elapsed


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    n_shared = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    n_small = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    folder = Path(tempfile.mkdtemp(prefix="omidesk-bench-"))
    env = process_env(folder)
    attachment = folder / "quote.pdf"
    attachment.write_bytes(os.urandom(2 * 1024 * 1024))
    (folder / "body.txt").write_text(f"親愛的 {{{{姓名}}}}：\n{BODY}", encoding="utf-8")
    (folder / "limit.py").write_text(LIMIT, encoding="utf-8")
    lists = {"shared": write_list(folder / "shared.csv", n_shared),
             "small": write_list(folder / "small.csv", n_small)}
    ratios: dict[str, list[float]] = {"shared": [], "small": []}
    times: dict[str, list[tuple[float, float]]] = {"shared": [], "small": []}
    runs = 0
    expected = 0
    with LoopbackServer() as server:
        def ours(kind: str) -> float:
            nonlocal runs
            runs += 1
            command = [sys.executable, "-m", "omidesk", "mailing", "--csv", str(lists[kind]),
                       "--journal", str(folder / f"{kind}-{runs}.sqlite"),
                       "--sent-log", str(folder / "sent-log.sqlite"),
                       "--host", "127.0.0.1", "--port", str(server.port), "--security", "none",
                       "--from", "wang@example.com", "--from-name", "王小明",
                       "--subject", "{{姓名}} 您好：十一月報價",
                       "--text-file", str(folder / "body.txt"), "--quiet"]
            if kind == "shared":
                command += ["--attach", str(attachment)]
            return timed(command, env)

        def limit(kind: str) -> float:
            return timed([sys.executable, str(folder / "limit.py"), str(server.port),
                          str(lists[kind]), str(attachment) if kind == "shared" else "",
                          BODY], env)

        for kind in ("shared", "small"):  # warm up: page cache, .pyc files
            ours(kind)
            limit(kind)
        for _ in range(rounds):
            for kind in ("shared", "small"):
                mine, theirs = ours(kind), limit(kind)
                times[kind].append((mine, theirs))
                ratios[kind].append(theirs / mine)
        expected = 2 * (rounds + 1) * (n_shared + n_small)
        received = server.count()
    assert received == expected, (received, expected)
    print(f"{rounds} rounds, whole processes, loopback server in another process "
          f"(received {received} messages); ratio = limit time / OMIDesk time")
    labels = {"shared": f"{n_shared} messages, shared 2 MB attachment vs encode-once sender",
              "small": f"{n_small} personalised ~2 KB messages vs plain aiosmtplib loop"}
    ok = True
    for kind, label in labels.items():
        med = statistics.median(ratios[kind])
        ok &= med >= 0.9
        print(f"{label}:")
        print(f"  OMIDesk median {statistics.median(t[0] for t in times[kind]):.2f} s, "
              f"limit median {statistics.median(t[1] for t in times[kind]):.2f} s")
        print(f"  ratios: {', '.join(f'{r:.2f}' for r in ratios[kind])}; median {med:.2f} "
              f"(target ≥ 0.90: {'met' if med >= 0.9 else 'MISSED'})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
