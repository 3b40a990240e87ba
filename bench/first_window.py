"""Start to the first complete window from source (issue 18): `python -m omidesk` against a
hello-world QMainWindow script, both run by the same interpreter with their bytecode cached,
alternating, offscreen. Times from just before the spawn to the first paint of the window's
frame (`OMIDESK_SHOWN`) and of the tab it opens on (`OMIDESK_CONTENT`: the complete window),
as bench/bundle.py does for the frozen app. The ratio is taken per round (app / hello); the
median of the rounds is printed, in wall-clock and in CPU time (bench/bundle.py says why).
Target: complete window ≤ 1.3× the hello-world. Both run in the system language --locale
(default zh_TW.UTF-8, the app's users': its UI, Qt's own translation and the 繁中 font load as
on their machines); bench/first_window_instructions.py counts the same starts' instructions.

    QT_QPA_PLATFORM=offscreen python bench/first_window.py [ROUNDS] [--locale C.UTF-8]"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bundle import HELLO, Start, report, time_to_shown  # noqa: E402
from bench.loopback_server import process_env  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=11)
    parser.add_argument("--locale", default="zh_TW.UTF-8")
    args = parser.parse_args()
    rounds = args.rounds
    home = Path(tempfile.mkdtemp(prefix="omidesk-bench-"))
    (home / "hello.py").write_text(HELLO, encoding="utf-8")
    # The app's UI follows the system's language (OMIDESK_LANG is the command line's only).
    env = process_env(home, OMIDESK_REPORT_SHOWN="1", LANG=args.locale, LC_ALL=args.locale,
                      QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    app = [sys.executable, "-m", "omidesk"]
    hello = [sys.executable, str(home / "hello.py")]
    for command in (app, hello, app, hello):  # warm up: bytecode, page cache, first settings
        time_to_shown(command, env, cwd=ROOT)
    starts: list[Start] = []
    hellos: list[Start] = []
    for _ in range(rounds):
        starts.append(time_to_shown(app, env, cwd=ROOT))
        hellos.append(time_to_shown(hello, env, cwd=ROOT))
    print(f"from source, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, {args.locale}, {rounds} rounds "
          "(medians)")
    return 0 if report(starts, hellos) <= 1.3 else 1

if __name__ == "__main__":
    raise SystemExit(main())
