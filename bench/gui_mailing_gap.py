"""The longest gap of a 10 ms QTimer while the app's Mailing tab sends a 500-message individual
mailing (~2 KB each, personalised with {{姓名}}) to a loopback SMTP server in another process.

The server is bench/loopback_server.py (aiosmtpd in a subprocess: plain SMTP, no TLS,
"250 LaunchID=n"), so its work does not share our interpreter. The same mailing is also sent by
the core alone on a plain asyncio loop (no Qt), for the throughput the GUI should come close to.
Target (issue 5): the longest gap ≤ 30 ms.
Usage: QT_QPA_PLATFORM=offscreen python bench/gui_mailing_gap.py [COUNT]"""

from __future__ import annotations

import asyncio
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())

from bench.gui_send_gap import measure_gaps
from bench.loopback_server import LoopbackServer

BODY = "<p>親愛的 {{姓名|客戶}} 您好：</p>" + "<p>" + "十二月報價與活動說明。" * 60 + "</p>"


def write_list(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["姓名", "Email"])
        for i in range(count):
            writer.writerow([f"客戶{i + 1:04d}", f"user{i + 1}@example.com"])


def plain_loop_run(port: int, csv_path: Path, folder: Path) -> float:
    """The same mailing by the core alone on a plain asyncio loop: messages per second."""
    from omidesk.core.journal import Journal
    from omidesk.core.mailing import draft_fingerprint, individual_messages, run_mailing
    from omidesk.core.message import Draft
    from omidesk.core.recipients import load_csv
    from omidesk.core.smtp import Security, ServerConfig

    draft = Draft(from_addr="me@example.com", subject="{{姓名}} 您好", html=BODY)
    recipients = load_csv(csv_path)
    config = ServerConfig(host="127.0.0.1", port=port, security=Security.NONE)

    async def run() -> float:
        with Journal.open_or_create(folder / "plain.sqlite",
                                    fingerprint=draft_fingerprint(draft, recipients),
                                    recipients=recipients) as journal:
            started = time.perf_counter()
            summary = await run_mailing(config, journal, individual_messages(draft))
            assert summary["sent"] == summary["total"], summary
            return summary["sent"] / (time.perf_counter() - started)

    return asyncio.run(run())


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    folder = Path(tempfile.mkdtemp())
    csv_path = folder / "名單.csv"
    write_list(csv_path, count)

    with LoopbackServer() as server:
        plain_rate = plain_loop_run(server.port, csv_path, folder)
        plain_received = server.count()

    import qasync

    from omidesk.app import create_application
    from omidesk.core.account import Account
    from omidesk.core.smtp import Security
    from omidesk.ui.main_window import MainWindow

    app = create_application([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    server = LoopbackServer().__enter__()
    port = server.port
    window = MainWindow()
    window.resize(1200, 860)
    window.show()
    compose, tab = window.compose_tab, window.mailing_tab
    compose.subject_edit.setText("{{姓名}} 您好")
    compose.editor.setHtml(BODY)
    window.tabs.setCurrentWidget(tab)
    account = Account(name="bench", host="127.0.0.1", backup_host="", port=port,
                      security=Security.NONE, user="", sender="me@example.com")
    window.session.set_account(account, "")  # what the Account tab would put there
    assert loop.run_until_complete(tab.import_list(csv_path, reset=True))  # the worker's read
    tab.ask_confirmation = False
    size = len(tab.preview_panel.html.encode())
    summaries: list[dict[str, int]] = []

    async def send_all() -> None:
        summary = await tab.start()
        assert summary is not None and summary["sent"] == count, (summary,
                                                                   tab.sending_panel.notice_label.text())
        summaries.append(summary)

    idle, _ = loop.run_until_complete(measure_gaps(2.0, None))
    busy, elapsed = loop.run_until_complete(measure_gaps(None, send_all))
    window.close()
    loop.run_until_complete(asyncio.sleep(0.1))
    received = server.count()
    server.__exit__()
    loop.close()
    p99 = sorted(busy)[int(len(busy) * 0.99)]
    print(f"plain asyncio loop (core only): {plain_received} messages, {plain_rate:.0f}/s")
    print(f"Mailing tab: {count} messages (~{size / 1024:.1f} KB HTML each; server received "
          f"{received}) in {elapsed:.1f} s ({count / elapsed:.0f}/s, "
          f"{count / elapsed / plain_rate:.0%} of the plain loop)")
    print(f"idle window: longest gap {max(idle):.1f} ms, median {statistics.median(idle):.1f} ms")
    print(f"while sending: longest gap {max(busy):.1f} ms, median "
          f"{statistics.median(busy):.1f} ms, 99th pct {p99:.1f} ms")
    ok = max(busy) <= 30 and received == count
    print(f"target longest gap ≤ 30 ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
