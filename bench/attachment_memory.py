"""Peak memory of sending one message with a 20 MB attachment (issue 18), side by side in one
run: each process's peak RSS (its own getrusage maxrss, read by a fresh wrapper process, so
that no other child counts), with and without the attachment, for

  cli      `omidesk send` (whole process) to a loopback server in another process;
  compose  the path Compose's Send awaits — core's Outbox.send (build, send, sent log) —
           in a process of its own, without Qt (the tab adds nothing per byte);
  stdlib   a plain script: EmailMessage.add_attachment + aiosmtplib.send_message.

Target: OMIDesk's peak ≤ its base (the same command without the attachment) + 3× the file.
A 20 MB file is 26.7 MB on the wire; the default limit is on the files' own sizes (20 MB), so
both send it as a user would, without raising the limit.
The median of ROUNDS per case is printed.

    python bench/attachment_memory.py [ROUNDS] [MB]"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loopback_server import LoopbackServer, process_env  # noqa: E402

# Runs argv[1:] and prints its peak RSS in KB (Linux: ru_maxrss is in KB).
WRAPPER = ("import resource, subprocess, sys\n"
           "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
           "assert done.returncode == 0, done.stderr.decode()[-600:]\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")

COMPOSE = r'''
import asyncio, sys
from pathlib import Path
from omidesk.core.message import Attachment, Draft
from omidesk.core.outbox import Outbox
from omidesk.core.sentlog import SentLog
from omidesk.core.smtp import Security, ServerConfig

port, attachment, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]
draft = Draft(from_addr="wang@example.com", to=["lee@example.com"], subject="報價",
              html="<p>附件是報價單。</p>",
              attachments=[Attachment(Path(attachment))] if attachment else [])
with SentLog(log) as sent_log:
    result = asyncio.run(Outbox(sent_log).send(
        ServerConfig("127.0.0.1", port, Security.NONE), draft))
assert result.ok, result.diagnosis
'''

STDLIB = r'''
import asyncio, sys
from email.message import EmailMessage
import aiosmtplib

port, attachment = int(sys.argv[1]), sys.argv[2]
msg = EmailMessage()
msg["From"], msg["To"], msg["Subject"] = "wang@example.com", "lee@example.com", "報價"
msg.set_content("附件是報價單。")
if attachment:
    with open(attachment, "rb") as f:
        msg.add_attachment(f.read(), "application", "pdf", filename="quote.pdf")
async def main():
    await aiosmtplib.send(msg, hostname="127.0.0.1", port=port, start_tls=False)
asyncio.run(main())
'''


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    size_mb = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    folder = Path(tempfile.mkdtemp(prefix="omidesk-bench-"))
    env = process_env(folder)
    attachment = folder / "quote.pdf"
    attachment.write_bytes(os.urandom(int(size_mb * 1024 * 1024)))
    file_kb = attachment.stat().st_size / 1024
    for name, text in (("wrapper.py", WRAPPER), ("compose.py", COMPOSE),
                       ("stdlib.py", STDLIB)):
        (folder / name).write_text(text, encoding="utf-8")
    peaks: dict[tuple[str, bool], list[int]] = {}
    with LoopbackServer(data_size_limit=64_000_000) as server:
        def command(kind: str, attach: bool) -> list[str]:
            file = str(attachment) if attach else ""
            if kind == "cli":
                return [sys.executable, "-m", "omidesk", "send", "--host", "127.0.0.1",
                        "--port", str(server.port), "--security", "none", "--quiet",
                        "--sent-log", str(folder / "sent-log.sqlite"),
                        "--from", "wang@example.com", "--to", "lee@example.com",
                        "--subject", "報價", "--text-file", str(folder / "wrapper.py"),
                        *(["--attach", file] if attach else [])]
            if kind == "compose":
                return [sys.executable, str(folder / "compose.py"), str(server.port), file,
                        str(folder / "compose-log.sqlite")]
            return [sys.executable, str(folder / "stdlib.py"), str(server.port), file]

        for _ in range(rounds + 1):  # the first round warms up (bytecode, page cache)
            for kind in ("cli", "compose", "stdlib"):
                for attach in (False, True):
                    out = subprocess.run([sys.executable, str(folder / "wrapper.py"),
                                          *command(kind, attach)], env=env, cwd=ROOT,
                                         capture_output=True, text=True)
                    if out.returncode != 0:
                        raise SystemExit(f"{kind} failed: {out.stderr[-800:]}")
                    peaks.setdefault((kind, attach), []).append(int(out.stdout.split()[-1]))
        received = server.count()
    assert received == 6 * (rounds + 1), received
    print(f"{rounds} rounds (after one warm-up), file {file_kb / 1024:.1f} MB; peak RSS of "
          f"each process, median")
    ok = True
    for kind, label in (("cli", "omidesk send (CLI)"), ("compose", "Compose's path (Outbox)"),
                        ("stdlib", "plain EmailMessage script")):
        base = statistics.median(peaks[(kind, False)][1:])
        peak = statistics.median(peaks[(kind, True)][1:])
        extra = (peak - base) / file_kb
        verdict = ""
        if kind != "stdlib":
            ok &= extra <= 3
            verdict = f"  (target ≤ 3×: {'met' if extra <= 3 else 'MISSED'})"
        print(f"  {label:<28} base {base / 1024:6.1f} MB, with the file {peak / 1024:6.1f} MB:"
              f" +{(peak - base) / 1024:5.1f} MB = {extra:.2f}× the file{verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
