"""The frozen app against a frozen hello-world PySide6 window, side by side in one run:
bundle size (target <= 1.25x) and start to the first complete window (target <= 1.3x).

    .venv/bin/pip install -e '.[build]'
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bundle.py [RUNS] [--no-build]
    xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python bench/bundle.py 7 --no-build

Both are frozen with the same settings (packaging/spec_common.py: excludes, Qt plugins kept,
strip, onedir) into build/bench/dist. The hello-world is a QMainWindow with a QLabel. "Shown"
is the first paint of the top-level window, printed as `OMIDESK_SHOWN <unix time> <CPU time>`
(the app does it with OMIDESK_REPORT_SHOWN=1); the start time is from just before the process
is spawned to that time stamp. The app paints its window's frame (menus, tab bar, status bar)
first and builds its tabs right after: the complete window is its first tab's content painted
(`OMIDESK_CONTENT`), against the same hello-world. RUNS (default 7) alternate between the two
after one warm-up run each; the ratio is taken per round (app / hello) and the median of the
rounds reported, in wall-clock time and in the processes' own CPU time up to the paint (which a
busy machine disturbs less: the wall-clock time of one start there varies by ±40 %)."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "bench"
DIST = WORK / "dist"

HELLO = '''\
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class Watcher(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            print(f"OMIDESK_SHOWN {time.time():.6f} {time.process_time():.6f}", flush=True)
        return False


app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("Hello")
window.setCentralWidget(QLabel("Hello, world"))
watcher = Watcher(window)
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
'''

HELLO_SPEC = '''\
import sys
sys.path.insert(0, {packaging!r})
import spec_common
spec_common.freeze(name="hello", script={script!r})
'''


def pyinstaller(spec: Path, name: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK / f"work-{name}"),
                    str(spec)], cwd=ROOT, check=True)
    return time.perf_counter() - started


def build() -> dict[str, float]:
    WORK.mkdir(parents=True, exist_ok=True)
    script = WORK / "hello.py"
    script.write_text(HELLO, encoding="utf-8")
    spec = WORK / "hello.spec"
    spec.write_text(HELLO_SPEC.format(packaging=str(ROOT / "packaging"), script=str(script)),
                    encoding="utf-8")
    return {"hello": pyinstaller(spec, "hello"), "omidesk": pyinstaller(ROOT / "build.spec",
                                                                        "omidesk")}


def executable(name: str, dist: Path = DIST) -> Path:
    if sys.platform == "darwin" and name == "omidesk":
        return dist / "OMIDesk.app" / "Contents" / "MacOS" / "omidesk"
    return dist / name / (name + (".exe" if os.name == "nt" else ""))


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


@dataclass(frozen=True)
class Start:
    """Seconds from spawn to the window's first paint (`shown`) and to its first tab's content
    painted (`painted`; the hello-world has no tabs: both are its first paint), and the CPU
    seconds the process had used by then."""

    shown: float
    painted: float
    shown_cpu: float
    painted_cpu: float


def time_to_shown(command: Path | Sequence[str], env: dict[str, str], *,
                  cwd: Path | None = None) -> Start:
    """One start. `command`: an executable, or an argument list (bench/first_window.py runs
    from source)."""
    args = [str(command)] if isinstance(command, Path) else list(command)
    hello = Path(args[-1]).stem.startswith("hello")
    started = time.time()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, text=True, cwd=cwd)
    shown: tuple[float, float] | None = None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            what, _, rest = line.partition(" ")
            if what not in ("OMIDESK_SHOWN", "OMIDESK_CONTENT"):
                continue
            stamp, cpu = (float(field) for field in rest.split()[:2])
            if what == "OMIDESK_SHOWN":
                shown = (stamp - started, cpu)
                if hello:
                    return Start(shown[0], shown[0], shown[1], shown[1])
            elif shown is not None:
                return Start(shown[0], stamp - started, shown[1], cpu)
        raise RuntimeError(f"{args} exited ({proc.wait()}) without showing a window")
    finally:
        _end(proc, quit_first=not hello)


def _end(proc: subprocess.Popen[str], *, quit_first: bool) -> None:
    """End a start as a user's session ends: the app gets SIGTERM, which closes its window as
    Quit does (lock released, this run's crash record deleted), so the next start finds what a
    normal start finds. Killed, every next start would first clear a stale lock and a crash
    record: work a user's start does not do. The hello-world has nothing to leave behind."""
    if quit_first and os.name == "posix" and proc.poll() is None:
        time.sleep(0.5)  # its event loop and signal handlers come just after the first paint
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
            return
        except subprocess.TimeoutExpired:
            pass
    proc.kill()
    proc.wait()


def ratios(app: Sequence[Start], hello: Sequence[Start]) -> dict[str, float]:
    """Median over the rounds of app / hello: the frame and the complete window, wall clock
    and CPU."""
    pairs = list(zip(app, hello, strict=True))
    return {"frame": statistics.median(a.shown / h.shown for a, h in pairs),
            "complete": statistics.median(a.painted / h.shown for a, h in pairs),
            "frame_cpu": statistics.median(a.shown_cpu / h.shown_cpu for a, h in pairs),
            "complete_cpu": statistics.median(a.painted_cpu / h.shown_cpu for a, h in pairs)}


def report(app: Sequence[Start], hello: Sequence[Start]) -> float:
    """Print the medians (ms) and ratios; returns the complete window's wall-clock ratio."""
    def ms(values: Iterable[float]) -> str:
        return f"{statistics.median(values) * 1000:.0f} ms"

    r = ratios(app, hello)
    print(f"  hello-world window: {ms(h.shown for h in hello)} "
          f"(CPU {ms(h.shown_cpu for h in hello)})")
    print(f"  OMIDesk frame:      {ms(a.shown for a in app)} (CPU {ms(a.shown_cpu for a in app)})"
          f", ratio {r['frame']:.2f}× (CPU {r['frame_cpu']:.2f}×)")
    verdict = "met" if r["complete"] <= 1.3 else "MISSED"
    print(f"  OMIDesk first tab:  {ms(a.painted for a in app)} "
          f"(CPU {ms(a.painted_cpu for a in app)}), ratio {r['complete']:.2f}× "
          f"(CPU {r['complete_cpu']:.2f}×; target ≤ 1.3×: {verdict})")
    print("  ratios (complete): " + " ".join(f"{a.painted / h.shown:.2f}"
                                            for a, h in zip(app, hello, strict=True)))
    return r["complete"]


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--no-build"]
    runs = int(args[0]) if args else 7
    build_times = build() if "--no-build" not in sys.argv else {"hello": 0.0, "omidesk": 0.0}
    exes = {name: executable(name) for name in ("hello", "omidesk")}
    sizes = {name: folder_size(DIST / name) for name in exes}
    home = tempfile.mkdtemp(prefix="omidesk-bench-")
    env = {**os.environ, "OMIDESK_REPORT_SHOWN": "1", "HOME": home,
           "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
           "XDG_CACHE_HOME": f"{home}/cache", "QT_QPA_PLATFORM": os.environ.get(
               "QT_QPA_PLATFORM", "offscreen")}
    for exe in exes.values():
        time_to_shown(exe, env)  # warm-up: page cache, first-start settings
    starts: dict[str, list[Start]] = {name: [] for name in exes}
    for _ in range(runs):
        for name, exe in exes.items():
            starts[name].append(time_to_shown(exe, env))
    mb = 1024 * 1024
    print(f"platform {sys.platform}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, {runs} runs each")
    print(f"build time: hello {build_times['hello']:.0f} s, omidesk "
          f"{build_times['omidesk']:.0f} s")
    print(f"bundle size: omidesk {sizes['omidesk'] / mb:.1f} MB, hello {sizes['hello'] / mb:.1f}"
          f" MB, ratio {sizes['omidesk'] / sizes['hello']:.3f}x (target <= 1.25x)")
    print("start to the first paint, frozen (medians):")
    report(starts["omidesk"], starts["hello"])
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
