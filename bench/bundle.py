"""The frozen app against a frozen hello-world PySide6 window, side by side in one run:
bundle size (target <= 1.15x) and start to first window shown (target <= 1.3x).

    .venv/bin/pip install -e '.[build]'
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bundle.py [RUNS] [--no-build]
    xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python bench/bundle.py 7 --no-build

Both are frozen with the same settings (packaging/spec_common.py: excludes, Qt plugins kept,
strip, onedir) into build/bench/dist. The hello-world is a QMainWindow with a QLabel. "Shown"
is the first paint of the top-level window, printed as `OMIDESK_SHOWN <unix time>` (the app
does it with OMIDESK_REPORT_SHOWN=1); the start time is from just before the process is
spawned to that time stamp. The app paints its window's frame (menus, tab bar, status bar)
first and builds its tabs right after: the time to the first tab's content painted
(`OMIDESK_CONTENT`) is printed too, against the same hello-world. RUNS (default 7) alternate
between the two after one warm-up run each; the median is reported."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
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
            print(f"OMIDESK_SHOWN {time.time():.6f}", flush=True)
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


def executable(name: str) -> Path:
    if sys.platform == "darwin" and name == "omidesk":
        return DIST / "OMIDesk.app" / "Contents" / "MacOS" / "omidesk"
    return DIST / name / (name + (".exe" if os.name == "nt" else ""))


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def time_to_shown(command: Path | Sequence[str], env: dict[str, str], *,
                  cwd: Path | None = None) -> tuple[float, float]:
    """Seconds from spawn to the window's first paint and to its first tab's content painted
    (the hello-world has no tabs: both are its first paint). `command`: an executable, or
    an argument list (bench/first_window.py runs from source)."""
    args = [str(command)] if isinstance(command, Path) else list(command)
    hello = Path(args[-1]).stem.startswith("hello")
    started = time.time()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, text=True, cwd=cwd)
    shown = None
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("OMIDESK_SHOWN "):
                shown = float(line.split()[1]) - started
                if hello:
                    return shown, shown
            elif line.startswith("OMIDESK_CONTENT ") and shown is not None:
                return shown, float(line.split()[1]) - started
        raise RuntimeError(f"{args} exited ({proc.wait()}) without showing a window")
    finally:
        proc.kill()
        proc.wait()


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
    times: dict[str, list[float]] = {name: [] for name in exes}
    content: list[float] = []
    for _ in range(runs):
        for name, exe in exes.items():
            shown, painted = time_to_shown(exe, env)
            times[name].append(shown)
            if name == "omidesk":
                content.append(painted)
    median = {name: statistics.median(values) for name, values in times.items()}
    mb = 1024 * 1024
    print(f"platform {sys.platform}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, {runs} runs each")
    print(f"build time: hello {build_times['hello']:.0f} s, omidesk "
          f"{build_times['omidesk']:.0f} s")
    print(f"bundle size: omidesk {sizes['omidesk'] / mb:.1f} MB, hello {sizes['hello'] / mb:.1f}"
          f" MB, ratio {sizes['omidesk'] / sizes['hello']:.3f}x (target <= 1.15x)")
    print(f"start to first window shown (median): omidesk {median['omidesk'] * 1000:.0f} ms, "
          f"hello {median['hello'] * 1000:.0f} ms, ratio "
          f"{median['omidesk'] / median['hello']:.2f}x (target <= 1.3x)")
    print(f"start to its first tab painted (median): omidesk "
          f"{statistics.median(content) * 1000:.0f} ms, ratio "
          f"{statistics.median(content) / median['hello']:.2f}x (no target: shown for honesty)")
    for name, values in times.items():
        print(f"  {name}: " + " ".join(f"{v * 1000:.0f}" for v in values))
    print("  omidesk tab: " + " ".join(f"{v * 1000:.0f}" for v in content))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
