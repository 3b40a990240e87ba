"""What the app's first paint waits for: the modules loaded before its window is shown. A
start-up guard that times nothing (bench/bundle.py times the packaged app): each module named
here cost the first window 5-60 ms before it was moved after the first paint."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

# Loaded after the first paint (the event loop, the keychain, the tabs and the core they use).
LATER = ("asyncio", "qasync", "aiosmtplib", "keyring", "email_validator", "cryptography",
         "sqlite3", "omidesk.cli", "omidesk.core.account", "omidesk.core.options",
         "omidesk.core.message", "omidesk.core.smtp", "omidesk.ui.tabs.account_tab",
         "dns", "omidesk.core.domain.check")

FIRST_PAINT = '''
import sys
from omidesk.app import create_application, setup_language
app = create_application([])
setup_language()
from omidesk.ui.main_window import MainWindow
window = MainWindow(keychain_later=True)
window.show()
app.processEvents()
print(",".join(m for m in {later!r} if m in sys.modules))
window.tabs.setCurrentIndex(2)  # a tab in use is built, with what it needs
print(",".join(m for m in {later!r} if m in sys.modules))
'''


def real_start_home(tmp_path) -> dict[str, str]:
    """A home of its own for the app's real start, in English, reporting its paints."""
    return {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
            "OMIDESK_LANG": "en", "OMIDESK_REPORT_SHOWN": "1"}


def run(code: str, **env: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                             **env})
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("lang", ["en", "zh_TW"])
def test_the_window_is_painted_before_the_rest_of_the_app_loads(tmp_path, lang):
    home = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"), "OMIDESK_LANG": lang, "LANG": lang}
    before, after = run(FIRST_PAINT.format(later=LATER), **home)
    assert before == ""
    assert {"omidesk.core.account", "omidesk.ui.tabs.account_tab",
            "omidesk.core.message"} <= set(after.split(","))


# The app's own start (omidesk.entry.main, as the `omidesk` command and `python -m omidesk` run
# it: single-instance lock, crash log, settings, the window, its first tab), stopped at the first
# tab's paint. What an ordinary start — no crash record left, no damaged profile — does not load
# before it (issue 18: the records, and a second start's request, are dataclasses Python 3.11
# compiles methods for; the outbox is for the first send).
REAL_START = '''
import os, sys
import omidesk.app as app

def report(widget, what="SHOWN"):
    if what == "CONTENT":
        from omidesk.ui.painted import on_first_paint

        def painted():
            print(",".join(m for m in {later!r} if m in sys.modules), flush=True)
            os._exit(0)

        on_first_paint(widget, painted)

app.report_first_show = report
from omidesk.entry import main
main([])
'''
ACCOUNT_TAB = ("omidesk.core.account", "omidesk.core.options", "omidesk.core.smtp",
               "omidesk.ui.tabs.account_tab")  # the first tab's own
REAL_START_LATER = (*(m for m in LATER if m not in ACCOUNT_TAB), "omidesk.crash_record",
                    "omidesk.ui.profiles_reset", "omidesk.core.outbox",
                    "omidesk.ui.instance_request")  # a first start hands nothing over


def test_an_ordinary_start_paints_its_first_tab_without_crash_or_reset_records(tmp_path):
    home = real_start_home(tmp_path)
    code = REAL_START.format(later=REAL_START_LATER)
    assert run(code, **home) == [""]  # a first start, which saves its new profile
    assert run(code, **home) == [""]  # and the next, which reads it
    # A crash record left behind is read once the first tab is painted, and offered then
    # (tests/test_crashlog.py): not even its module before the paint
    folder = tmp_path / "data" / "OMIDesk" / "OMIDesk"
    record = folder / "crash-20260101-000000-1.txt"
    record.write_text(
        "OMIDesk crash record\nstarted: x\n-- the stacks below were written when OMIDesk "
        "stopped --\nFatal Python error: Segmentation fault\n", encoding="utf-8")
    assert run(code, **home) == [""]
    assert record.exists()  # not read yet, so kept for the offer


# The window icon (PySide's QIcon type: ~11 M instructions, issue 18) is set by the app's own
# start once its first tab is painted, before the event loop runs (app._show_window).
ICON_AFTER_PAINT = '''
import os, sys
import omidesk.app as app
import omidesk.ui.lean as lean
import PySide6.QtGui as gui
seen = []

def report(widget, what="SHOWN"):
    if what == "CONTENT":
        from omidesk.ui.painted import on_first_paint
        from PySide6.QtWidgets import QApplication

        def painted():
            seen.append(isinstance(vars(gui).get("QIcon"), type))
            seen.append(QApplication.instance().windowIcon().isNull())

        on_first_paint(widget, painted)

resume = lean.resume_collection

def resumed():
    if seen:  # right after the first tab's paint
        from PySide6.QtWidgets import QApplication

        icon = QApplication.instance().windowIcon()
        print(*seen, icon.isNull(), sorted(s.width() for s in icon.availableSizes())[:2],
              flush=True)
        os._exit(0)
    resume()

lean.resume_collection = resumed
app.report_first_show = report
from omidesk.entry import main
main([])
'''


def test_the_window_icon_is_set_once_the_first_tab_is_painted(tmp_path):
    home = real_start_home(tmp_path)
    # at the paint: no QIcon type yet, no icon; then the icon, before the event loop starts
    assert run(ICON_AFTER_PAINT, **home) == ["False True False [16, 32]"]


# omidesk.log opens once the first tab is painted (core.paths' DataFolder, a dataclass, is not
# made before it: issue 18); what was logged until then is written there first.
LOG_AFTER_PAINT = '''
import logging, os, sys
import omidesk.app as app
folder = os.path.join(os.environ["XDG_DATA_HOME"], "OMIDesk", "OMIDesk")

def report(widget, what="SHOWN"):
    if what == "CONTENT":
        from omidesk.ui.painted import on_first_paint

        def painted():
            logging.getLogger("omidesk").info("logged at the first paint")
            print(os.path.exists(os.path.join(folder, "omidesk.log")),
                  "omidesk.core.paths" in sys.modules, flush=True)

        on_first_paint(widget, painted)

setup = app.setup_logging

def setup_logging(early=None):
    path = setup(early)
    logging.getLogger("omidesk").info("logged after it")
    for handler in logging.getLogger("omidesk").handlers:
        handler.flush()
    print(path.read_text(encoding="utf-8").count("logged at the first paint"),
          "logged after it" in path.read_text(encoding="utf-8"), flush=True)
    os._exit(0)

app.report_first_show = report
app.setup_logging = setup_logging
from omidesk.entry import main
main([])
'''


def test_the_log_file_opens_after_the_first_paint_with_what_was_logged_before(tmp_path):
    home = real_start_home(tmp_path)
    assert run(LOG_AFTER_PAINT, **home) == ["False False", "1 True"]


LOG_WITHOUT_WINDOW = '''
import logging, os
import omidesk.app as app

def fail(*_args):
    logging.getLogger("omidesk").warning("logged before the window failed")
    raise RuntimeError("no window")

app._show_window = fail
from omidesk.entry import main
try:
    main([])
except RuntimeError:
    pass
log = os.path.join(os.environ["XDG_DATA_HOME"], "OMIDesk", "OMIDesk", "omidesk.log")
print("logged before the window failed" in open(log, encoding="utf-8").read())
'''


def test_a_start_whose_window_fails_still_writes_its_log(tmp_path):
    assert run(LOG_WITHOUT_WINDOW, **real_start_home(tmp_path)) == ["True"]


def test_the_command_without_arguments_skips_the_parser():
    code = ("import sys, omidesk.entry; "
            "print(','.join(m for m in ('argparse', 'omidesk.cli') if m in sys.modules))")
    assert run(code) == [""]


def test_the_smtp_package_loads_its_engine_on_first_use():
    code = """
import sys
import omidesk.core.smtp.config
print("aiosmtplib" in sys.modules)
import omidesk.core.smtp.probe  # the submodule must not hide the function of the same name
from omidesk.core.smtp import probe, Security, send_message
print(probe.__module__, callable(send_message), "aiosmtplib" in sys.modules)
"""
    assert run(code) == ["False", "omidesk.core.smtp.probe True True"]


def test_the_options_package_loads_its_catalog_on_first_use():
    """A new profile's empty defaults are read, shown and saved without the options catalog or
    datetime (the Account tab at a first start); naming an option loads them."""
    code = """
import sys
from omidesk.core.options import OptionSet
empty = OptionSet.from_dict({"numbers": {}, "values": {}})
later = ("datetime", "omidesk.core.options.catalog", "omidesk.core.options.model",
         "omidesk.core.options.data")
print(empty.headers(), empty.to_dict(), [m for m in later if m in sys.modules])
empty.set_spec("LinkOption", "1")
from omidesk.core.options import RELAY_TZ, find_group, format_relay_time
import omidesk.core.options as options
print(empty.headers(), find_group("LinkOption").header, RELAY_TZ.utcoffset(None),
      "OptionSet" in dir(options), "omidesk.core.options.data" in sys.modules)
"""
    assert run(code) == [
        "[] {'numbers': {}, 'values': {}} []",
        "[('X-LinkOption', '1')] X-LinkOption 8:00:00 True True"]


NO_DISPLAY = '''
import sys
import omidesk.entry
code = omidesk.entry.main({args!r})
print("PySide6.QtWidgets" in sys.modules, "omidesk.cli" in sys.modules)
sys.exit(code)
'''


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
@pytest.mark.parametrize(("args", "env", "words"), [
    ([], {"LANG": "en_US.UTF-8"}, "needs a graphical desktop session"),
    (["{eml}"], {"LANG": "zh_TW.UTF-8"}, "需要圖形桌面環境"),
    (["--lang", "zh_TW"], {"LANG": "en_US.UTF-8"}, "需要圖形桌面環境"),
])
def test_without_a_graphical_session_the_app_says_so_instead_of_qt_aborting(
        tmp_path, args, env, words):
    """QA round 4, finding 17: over SSH (no DISPLAY, no WAYLAND_DISPLAY, no Qt platform) Qt
    aborted (SIGABRT, rc 134) advising to reinstall; now one line in the CLI's language that
    names the commands, exit 2, before Qt's widgets are even loaded."""
    eml = tmp_path / "m.eml"
    eml.write_text("Subject: hi\n\nhello\n")
    args = [str(eml) if arg == "{eml}" else arg for arg in args]
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "OMIDESK_LANG",
                          "LC_ALL", "LC_MESSAGES", "LANG")}
    result = subprocess.run(
        [sys.executable, "-c", NO_DISPLAY.format(args=args)], capture_output=True, text=True,
        timeout=60, env={**clean, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "c"),
                         "XDG_DATA_HOME": str(tmp_path / "d"), **env})
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert words in result.stderr and "omidesk --help" in result.stderr
    assert "Reinstall" not in result.stderr and "qt.qpa" not in result.stderr
    assert len(result.stderr.splitlines()) == 1
    widgets, cli = result.stdout.split()
    assert widgets == "False"  # said before Qt is loaded
    assert cli == ("True" if args[:1] == ["--lang"] else "False")
    assert not (tmp_path / "d").exists()  # nothing started: no data folder, no crash record
