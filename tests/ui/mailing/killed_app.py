"""A Mailing tab in an app process of its own, SIGKILLed once the test server holds a number of
messages: the crash a journal must survive (test_pinned, test_send_again)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO

# DRAFT is replaced by the caller's expression for the message (MERGE and what it changes);
# sys.argv[4:] are the caller's own arguments (files the expression names).
CHILD = """
import asyncio, os, sys
from dataclasses import replace
from pathlib import Path
from PySide6.QtWidgets import QApplication
import qasync
from omidesk.core.message import Attachment
from omidesk.core.options import OptionSet
from omidesk.ui.session import Session
from omidesk.ui.mailing.tab import MailingTab
from tests.ui.mailing.test_tab import MERGE, account_for

folder, csv = Path(sys.argv[1]), Path(sys.argv[2])

class Server:  # what account_for reads of the parent's test server
    port, user, password = int(sys.argv[3]), os.environ["T_USER"], os.environ["T_PASSWORD"]

app = QApplication([])
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
session = Session(folder, sent_log=None)
session.set_draft(DRAFT)
session.set_account(account_for(Server), Server.password)
tab = MailingTab(session)

async def yes(plan):
    print("asked", plan.again is not None, flush=True)
    return True

async def main():
    assert await tab.import_list(csv, reset=True)
    print(await tab.controller.start(confirm=yes), flush=True)

loop.run_until_complete(main())
"""


def killed_app(server, folder: Path, csv: Path, *, kill_at: int, draft: str = "MERGE",  # type: ignore[no-untyped-def]
               args: tuple[str, ...] = ()) -> str:
    """Run the mailing of `csv` with `draft` in a child app, SIGKILL it once the server has
    `kill_at` messages; what it printed (its confirmation's question)."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.replace("DRAFT", draft), str(folder), str(csv),
         str(server.port), *args],
        cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "T_USER": server.user,
                       "T_PASSWORD": server.password},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while len(server.messages) < kill_at and child.poll() is None:
            assert time.monotonic() < deadline, "the app sent nothing"
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
    finally:
        out, err = child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL, err.decode()
    return out.decode()
