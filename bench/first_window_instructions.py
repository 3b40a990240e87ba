"""Instructions from start to the first complete window, from source (issue 18), counted by
valgrind's callgrind: the same on any load, where bench/first_window.py's times vary by ±40 %
on a busy machine. The same two commands as bench/first_window.py (`python -m omidesk` and the
hello-world QMainWindow script, the same interpreter, bytecode cached, one warm-up start each),
each ended by `os._exit` when it prints the line that bench times (OMIDESK_CONTENT: the app's
first tab painted; OMIDESK_SHOWN: the hello-world's window), from a sitecustomize on PYTHONPATH
that both load. Needs valgrind (`apt-get install -y valgrind`); ~1 minute.

    python bench/first_window_instructions.py [--locale zh_TW.UTF-8] [--frame]

--locale: the system language both run in (the app's UI follows it); --frame: also the app
stopped at its frame's paint (OMIDESK_SHOWN)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bundle import HELLO  # noqa: E402
from bench.loopback_server import process_env  # noqa: E402

# Loaded by both processes at start (site), before anything of theirs runs.
STOP_AT = '''\
import os, sys

_line = os.environ.get("BENCH_STOP_AT")
if _line:
    class _Stop:
        """sys.stdout, ending the process when the awaited line is written."""

        def __init__(self, stream):
            self._stream = stream

        def write(self, text):
            if text.startswith(_line + " "):
                self._stream.flush()
                os._exit(0)
            return self._stream.write(text)

        def __getattr__(self, name):
            return getattr(self._stream, name)

    sys.stdout = _Stop(sys.stdout)
'''


def instructions(command: list[str], env: dict[str, str], stop_at: str, out: Path) -> int:
    """Instructions of one start, to the line `stop_at` (after a warm-up start)."""
    env = {**env, "BENCH_STOP_AT": stop_at}
    subprocess.run(command, env=env, cwd=ROOT, capture_output=True, timeout=120, check=True)
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                           *command], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=600, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no count from callgrind: {done.stderr[-500:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--locale", default="zh_TW.UTF-8")
    parser.add_argument("--frame", action="store_true")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="omidesk-bench-"))
    (home / "hello.py").write_text(HELLO, encoding="utf-8")
    site = home / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(STOP_AT, encoding="utf-8")
    env = process_env(home, OMIDESK_REPORT_SHOWN="1", LANG=args.locale, LC_ALL=args.locale,
                      PYTHONPATH=str(site),
                      QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    app = [sys.executable, "-m", "omidesk"]
    hello = instructions([sys.executable, str(home / "hello.py")], env, "OMIDESK_SHOWN",
                         home / "callgrind.hello")
    runs = {"first tab": ("OMIDESK_CONTENT", "callgrind.app")}
    if args.frame:
        runs["frame"] = ("OMIDESK_SHOWN", "callgrind.frame")
    print(f"from source, {args.locale}, instructions to the first paint (callgrind files in "
          f"{home})")
    print(f"  hello-world window: {hello / 1e6:.1f} M")
    for what, (line, name) in runs.items():
        count = instructions(app, env, line, home / name)
        print(f"  OMIDesk {what + ':':10} {count / 1e6:.1f} M, {count / hello:.3f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
