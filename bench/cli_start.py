"""How long the command line takes to start: `omidesk --help`, `omidesk options list` and
`omidesk probe --help` from source, and how many modules each loads (the parser and its
commands load for a command; the app without arguments loads none of them, which
tests/test_startup.py guards).

    .venv/bin/python bench/cli_start.py [RUNS] [CHECKOUT]

CHECKOUT (default: this one) is any checkout with its own .venv, e.g. an exported older
commit, to compare before and after on the same machine. The median of RUNS (default 15)
after one warm-up run is printed."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = (["--help"], ["options", "list"], ["probe", "--help"])
COUNT = ("import runpy, sys; sys.argv = ['omidesk', *{args!r}]\n"
         "try:\n    runpy.run_module('omidesk', run_name='__main__')\n"
         "except SystemExit:\n    pass\n"
         "print(len(sys.modules), file=sys.stderr)")


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    checkout = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ROOT
    python = checkout / ".venv" / "bin" / "python"
    home = tempfile.mkdtemp(prefix="omidesk-bench-")
    env = {**os.environ, "HOME": home, "XDG_DATA_HOME": f"{home}/data",
           "XDG_CONFIG_HOME": f"{home}/config", "OMIDESK_LANG": "en"}
    print(f"checkout {checkout}, {runs} runs each (median)")
    for args in COMMANDS:
        command = [str(python), "-m", "omidesk", *args]
        subprocess.run(command, cwd=checkout, env=env, capture_output=True, check=True)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, cwd=checkout, env=env, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        counted = subprocess.run([str(python), "-c", COUNT.format(args=args)], cwd=checkout,
                                 env=env, capture_output=True, text=True, check=True)
        modules = counted.stderr.strip().splitlines()[-1]
        print(f"  omidesk {' '.join(args):<16} {statistics.median(times) * 1000:6.1f} ms  "
              f"{modules} modules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
