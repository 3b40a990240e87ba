"""QApplication + the qasync event loop + the main window. All network I/O runs on this loop.
Uncaught exceptions are logged and shown in a dialog; the app keeps running."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import asyncio
    from types import TracebackType

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from .core.sandbox import SandboxRelay
    from .crash_record import CrashRecord
    from .ui.instance_request import Request
    from .ui.main_window import MainWindow

from . import APP_NAME, ORG_DOMAIN, ORG_NAME, __version__

log = logging.getLogger("omidesk")
ICONS = Path(__file__).resolve().parent / "resources" / "icons"
ICON_SIZES = (16, 32, 48, 64, 128, 256)  # what build.spec ships


def set_names() -> None:
    """The names QSettings and QStandardPaths build paths from; static, so that the folders
    are known before the QApplication exists (a second start hands over without one)."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setOrganizationDomain(ORG_DOMAIN)
    QCoreApplication.setApplicationVersion(__version__)


def create_application(argv: Sequence[str] | None = None, *, icon: bool = True) -> QApplication:
    """The app object; with its window icon unless `icon` is False (the app's own start sets
    it once the first tab is painted: set_icon)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .ui.file_open import Application

    set_names()
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else Application(list(argv or sys.argv))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    if icon:
        set_icon(app)
    return app


def set_icon(app: QApplication) -> None:
    app.setWindowIcon(app_icon())


def app_icon() -> QIcon:
    """The window icon, from the packaged PNGs (scripts/make_icons.py draws them)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in ICON_SIZES:
        path = ICONS / f"omidesk_{size}.png"
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    return icon


def report_first_show(window: QWidget, what: str = "SHOWN") -> None:
    """With OMIDESK_REPORT_SHOWN=1, print `OMIDESK_<what> <unix time> <CPU seconds>` when
    `window` is first painted (shown on screen): bench/bundle.py times the start of the app
    with it (SHOWN: the window; CONTENT: the tab it opens on, built after the window's first
    paint), in wall-clock time and in the process's CPU time (steadier on a busy machine)."""
    if os.environ.get("OMIDESK_REPORT_SHOWN") != "1":
        return
    from .ui.painted import on_first_paint

    def report() -> None:
        stream = sys.stdout or sys.__stdout__
        if stream is not None:
            stream.write(f"OMIDESK_{what} {time.time():.6f} {time.process_time():.6f}\n")
            stream.flush()

    on_first_paint(window, report)


def setup_language() -> str:
    from .ui import i18n, translations
    from .ui.settings import app_settings, read_language

    chosen = read_language(app_settings())  # a damaged value: the system's (the window says)
    i18n.set_language(chosen or None)
    lang = i18n.current_lang()
    translations.install(lang)
    return lang


class EarlyRecords(logging.Handler):
    """The log's records until its file is open: the app's start opens omidesk.log once its
    first tab is painted (setup_logging), and writes them there first. The data folder's
    names (core.paths: its DataFolder, a dataclass) cost the first paint ~3.5 M instructions
    (issue 18)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []
        log.addHandler(self)
        log.setLevel(logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def setup_logging(early: EarlyRecords | None = None) -> Path | None:
    """omidesk.log in the data folder, private to the user (it names files and addresses),
    with the records `early` kept meanwhile."""
    from .core.files import private_file
    from .core.paths import DataFolder
    from .ui.settings import data_folder

    records: list[logging.LogRecord] = []
    if early is not None:
        log.removeHandler(early)
        records = early.records
    try:
        path = private_file(DataFolder(data_folder()).log)  # the handler keeps its mode
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    for record in records:
        handler.handle(record)
    return path


class ErrorReporter:
    """Logs an unexpected exception and shows it without stopping the app. The dialog is
    opened with open(), never exec(), so it is safe inside a running task."""

    def __init__(self, parent: QWidget | None = None,
                 redact: Callable[[str], str] | None = None) -> None:
        self.parent = parent
        # The passwords in memory, scrubbed from what is logged and shown (SecretStore.redact)
        self.redact: Callable[[str], str] = redact or (lambda text: text)
        self.shown: list[str] = []
        self._dialogs: list[Any] = []

    def watch(self, parent: QWidget, redact: Callable[[str], str]) -> None:
        """The window now exists: show the dialogs over it, scrub its passwords."""
        self.parent, self.redact = parent, redact

    def report(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        import traceback

        details = self.redact("".join(traceback.format_exception(exc)))
        log.error("unexpected error\n%s", details)
        self.shown.append(details)
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          "發生未預期的錯誤，OMIDesk 會繼續執行。\n"
                          "An unexpected error occurred; OMIDesk keeps running.\n\n"
                          + self.redact(f"{type(exc).__name__}: {exc}"),
                          QMessageBox.StandardButton.Ok, self.parent)
        box.setDetailedText(details)
        box.finished.connect(lambda _r, b=box: self._dialogs.remove(b))
        self._dialogs.append(box)
        box.open()

    def excepthook(self, kind: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.report(exc.with_traceback(tb))

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            self.report(exc)
        else:
            log.error("event loop: %s", context.get("message"))


def _quit_future(app: QApplication) -> asyncio.Future[None]:
    import asyncio

    quitting: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def quit_now() -> None:
        if not quitting.done():
            quitting.set_result(None)

    app.aboutToQuit.connect(quit_now)
    return quitting


def _close_on_signals(window: QWidget) -> None:
    """Ctrl+C in a terminal, or SIGTERM at logout: close the window as its Quit does (the
    draft is saved, the single-instance lock released) instead of dying on the spot."""
    import asyncio
    import signal

    loop = asyncio.get_running_loop()
    for name in ("SIGINT", "SIGTERM"):
        try:
            loop.add_signal_handler(getattr(signal, name), window.close)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError):
            pass  # Windows: no POSIX signals; the system ends the session through Qt


EXIT_NO_DISPLAY = 2  # the window cannot open here: nothing was started (README, Start)


def no_display() -> bool:
    """Linux (or another X11/Wayland system) without a graphical session and no Qt platform
    chosen (an SSH session, a console): Qt would abort with advice to reinstall. A few
    environment look-ups, nothing imported: the start path stays as fast."""
    if sys.platform in ("darwin", "win32", "cygwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def say_no_display(lang: str | None = None) -> int:
    """The message instead of Qt's abort, in the CLI's language (--lang, else the
    environment's); the exit code for it."""
    from .core.text import Text, env_lang

    sys.stderr.write("omidesk: " + Text(
        "OMIDesk's window needs a graphical desktop session, and there is none here "
        "(DISPLAY and WAYLAND_DISPLAY are not set: an SSH session or a text console?). "
        "The commands work without one: see omidesk --help.",
        "OMIDesk 的視窗需要圖形桌面環境，這裡沒有（未設定 DISPLAY 與 WAYLAND_DISPLAY："
        "是 SSH 連線或文字主控台嗎？）。指令不需要圖形環境即可使用：請見 omidesk --help。"
    ).get(lang or env_lang()) + "\n")
    return EXIT_NO_DISPLAY


def run_app(argv: Sequence[str] | None = None, *, sandbox: bool = False,
            files: Sequence[str] = (), lang: str | None = None) -> int:
    """The window is shown and painted before the event loop's modules (asyncio, qasync) and
    the keychain are loaded: the user sees the app at once (bench/bundle.py measures it).
    A second start hands `files` to the running app (single_instance) and returns at once;
    without a graphical session it says so (in `lang`) and returns EXIT_NO_DISPLAY."""
    from .ui.lean import pause_collection, resume_collection

    pause_collection()  # until the first tab is painted (_show_window)
    try:
        if no_display():  # entry.py paused collection too: resumed below all the same
            return say_no_display(lang)
        return _run_app(argv, sandbox=sandbox, files=files)
    finally:
        resume_collection()


def _run_app(argv: Sequence[str] | None, *, sandbox: bool, files: Sequence[str]) -> int:
    from .ui.lean import skip_feature_scan

    skip_feature_scan()  # before the modules of the window are imported
    from .ui.single_instance import AlreadyRunning, claim_or_hand_over, file_arguments

    from .ui.settings import data_folder

    set_names()
    opened = file_arguments(files)

    def request() -> Request:  # only for a second start: the running app gets it
        from .ui.instance_request import Request

        return Request(files=opened, sandbox=sandbox, pid=os.getpid())

    try:
        instance = claim_or_hand_over(data_folder(), request)
    except AlreadyRunning:
        return _not_answering(argv)
    if instance is None:
        if sandbox:
            sys.stderr.write("OMIDesk is already running and was brought to the front; quit "
                             "it first to start it on the sandbox.\n")
        return 0
    try:
        return _run_first(argv, sandbox=sandbox, instance=instance, files=opened)
    finally:
        instance.close()


def _not_answering(argv: Sequence[str] | None) -> int:
    from PySide6.QtWidgets import QMessageBox

    create_application(argv)
    setup_language()
    from .ui.i18n import pick
    from .core.text import Text

    QMessageBox.warning(None, APP_NAME, pick(Text(
        "OMIDesk is already running but does not answer. Close it (or end it in the Task "
        "Manager / Activity Monitor) and start it again.",
        "OMIDesk 已在執行，但沒有回應。請先關閉它（或在「工作管理員」/「活動監視器」中結束它），"
        "再重新開啟。")))  # no event loop runs yet: a modal box is what is left
    return 1


def _run_first(argv: Sequence[str] | None, *, sandbox: bool, instance: Any,
               files: Sequence[str]) -> int:
    app = create_application(argv, icon=False)  # set once the first tab is painted
    early = EarlyRecords()  # omidesk.log opens once the first tab is painted
    try:
        return _run_window(app, early, sandbox=sandbox, instance=instance, files=files)
    finally:
        if early in log.handlers:  # the window never came: what stopped it goes to the log
            setup_logging(early)


def _run_window(app: QApplication, early: EarlyRecords, *, sandbox: bool, instance: Any,
                files: Sequence[str]) -> int:
    from . import crashlog
    from .ui.settings import data_folder

    crashes = crashlog.CrashLog(data_folder())  # beside omidesk.log
    try:
        crashes.start(about={"version": __version__})
    except OSError:
        log.exception("no crash record this run: the log folder cannot be written")
    setup_language()
    from .ui.file_open import FileOpener

    # macOS delivers "Open With" as an event to the application, maybe already now
    opener = getattr(app, "opener", None) or FileOpener()
    relay: SandboxRelay | None = None
    if sandbox:
        from .core.sandbox import SandboxRelay

        relay = SandboxRelay()
        relay.start()

    reporter = ErrorReporter()
    previous_hook = sys.excepthook
    sys.excepthook = reporter.excepthook
    try:
        window = _show_window(app, relay, reporter)
        setup_logging(early)  # the window is on screen
        # what earlier runs left, offered once the event loop runs (not this run's own)
        earlier = crashlog.previous_records(data_folder(), current=crashes.path)
        opener.attach(window)
        opener.open(files, activate=False)
        instance.attach(lambda request: opener.open(request.files, activate=True))
        try:
            instance.serve()  # a second start waits for this; the window is on screen already
            instance.listen()
        except OSError:  # a full disk: this start runs on, alone, and says so in its log
            log.exception("single instance: cannot listen for a second start")
        _run_loop(app, window, reporter, earlier)
    finally:
        sys.excepthook = previous_hook
        if relay is not None:
            relay.stop()
        crashes.stop()
    return 0


def _show_window(app: QApplication, relay: SandboxRelay | None,
                 reporter: ErrorReporter) -> MainWindow:
    """The window's frame painted, then its first tab, before the event loop's modules load
    (bench/bundle.py times both paints)."""
    from .ui.main_window import MainWindow

    window = MainWindow(sandbox=relay, keychain_later=True)
    reporter.watch(window, window.secrets.redact)
    report_first_show(window)
    window.current_tab_built.connect(lambda tab: report_first_show(tab, "CONTENT"))
    window.show()
    app.processEvents()  # the first paint, now: the window's frame
    window.build_current_tab()
    window.repaint()  # and its first tab, before the event loop's modules load
    # The window icon only now (issue 18): PySide's QIcon type (its ThemeIcon enum) was ~11 M
    # instructions, 1.4 % of the start to the first tab's paint. It is drawn by the system
    # (title bar, taskbar, Dock), never in the window, and arrives before the event loop runs.
    set_icon(app)
    from .ui.lean import resume_collection

    resume_collection()
    return window


def _run_loop(app: QApplication, window: MainWindow, reporter: ErrorReporter,
              earlier: Sequence[CrashRecord]) -> None:
    """The qasync loop until the app quits: the keychain is read, earlier crash records are
    offered, and Ctrl+C / SIGTERM close the window as Quit does."""
    import asyncio

    import qasync

    shown: list[object] = []  # the crash offer, kept alive while it is open

    def report_failure(task: asyncio.Future[None]) -> None:
        error = None if task.cancelled() else task.exception()
        if error is not None:
            reporter.report(error)

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(reporter.loop_handler)
        _close_on_signals(window)
        quitting = _quit_future(app)
        keychain = asyncio.ensure_future(window.load_keychain())
        keychain.add_done_callback(report_failure)  # shown; the app goes on without it
        keychain.add_done_callback(lambda task: task.cancelled() or window.offer_first_run())
        if earlier:
            from .ui.crash_offer import offer

            log.info("offering %d crash record(s): %s", len(earlier),
                     ", ".join(r.path.name for r in earlier))
            shown.append(offer(earlier, window))
        try:
            await quitting  # not the keychain: quitting during its prompt must not wait
        finally:
            keychain.cancel()

    if sys.version_info >= (3, 12):
        asyncio.run(main(), loop_factory=qasync.QEventLoop)
    else:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(main())
