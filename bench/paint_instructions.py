"""Instructions from the start to the first paint, the frozen app against the frozen
hello-world of bench/bundle.py (build them with it first): valgrind's callgrind counts every
instruction of the process (and of the bootloader's restart of itself), the same on a busy
machine as on a quiet one, where one wall-clock start varies by ±40 %. A small preload library
ends the process right after it writes the line that names the paint (`OMIDESK_SHOWN` for the
hello-world and the app's frame, `OMIDESK_CONTENT` for its first tab): nothing after the paint
is counted. Each app start gets a copy of a home that two normal starts (ended as a user
quits) prepared, so none finds a stale lock or crash record. Needs valgrind and a C compiler;
callgrind's files stay in build/bench/ for callgrind_annotate.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/paint_instructions.py [DIST]

DIST: another folder holding hello/ and omidesk/ (an earlier build, to compare with)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bundle import DIST, WORK, executable, time_to_shown  # noqa: E402

STOP_AT_LINE = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* write(2) to stdout: after the line holding $OMIDESK_STOP_AT the process exits at once. */
ssize_t write(int fd, const void *buf, size_t n) {
    static ssize_t (*real)(int, const void *, size_t);
    if (!real) real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *word = fd == 1 ? getenv("OMIDESK_STOP_AT") : NULL;
    if (word && *word && memmem(buf, n, word, strlen(word))) {
        real(fd, buf, n);
        _exit(0);
    }
    return real(fd, buf, n);
}
"""


def stop_library() -> Path:
    source, library = WORK / "stop_at_line.c", WORK / "stop_at_line.so"
    WORK.mkdir(parents=True, exist_ok=True)
    source.write_text(STOP_AT_LINE, encoding="utf-8")
    subprocess.run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", "-o", str(library),
                    str(source), "-ldl"], check=True)
    return library


def home_env(home: str) -> dict[str, str]:
    return {**os.environ, "OMIDESK_REPORT_SHOWN": "1", "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
            "XDG_CACHE_HOME": f"{home}/cache",
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def instructions(exe: Path, stop_at: str, template: str, library: Path, label: str) -> int:
    home = tempfile.mkdtemp(prefix="omidesk-cg-")
    shutil.rmtree(home)
    shutil.copytree(template, home, symlinks=True)
    env = {**home_env(home), "LD_PRELOAD": str(library), "OMIDESK_STOP_AT": stop_at}
    out = WORK / f"callgrind.{label}.%p"
    result = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                             f"--callgrind-out-file={out}", str(exe)],
                            env=env, capture_output=True, text=True, timeout=600)
    shutil.rmtree(home, ignore_errors=True)
    counts = [int(n) for n in re.findall(r"Collected : (\d+)", result.stderr)]
    if not counts:
        raise RuntimeError(f"{exe}: no callgrind count\n{result.stderr[-2000:]}")
    return sum(counts)


def main() -> int:
    if shutil.which("valgrind") is None:
        print("needs valgrind (apt-get install valgrind)")
        return 2
    library = stop_library()
    template = tempfile.mkdtemp(prefix="omidesk-cg-home-")
    dist = Path(sys.argv[1]) if len(sys.argv) > 1 else DIST
    exes = {name: executable(name, dist) for name in ("hello", "omidesk")}
    for exe in exes.values():
        for _ in range(2):  # the first start's settings; then a start as every later one
            time_to_shown(exe, home_env(template))
    counts = {"hello": instructions(exes["hello"], "OMIDESK_SHOWN", template, library, "hello"),
              "frame": instructions(exes["omidesk"], "OMIDESK_SHOWN", template, library,
                                    "frame"),
              "complete": instructions(exes["omidesk"], "OMIDESK_CONTENT", template, library,
                                       "complete")}
    print("instructions from the start to the first paint, frozen (callgrind):")
    print(f"  hello-world window: {counts['hello'] / 1e6:.1f} M")
    for name, what in (("frame", "OMIDesk frame:     "), ("complete", "OMIDesk first tab: ")):
        print(f"  {what} {counts[name] / 1e6:.1f} M, {counts[name] / counts['hello']:.3f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
