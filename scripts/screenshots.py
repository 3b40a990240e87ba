"""Screenshots of every tab, the set-up assistant's pages and the dialogs, in both languages, at
100 % and 150 % scale (QT_SCALE_FACTOR), in light and dark palettes, on the sandbox relay.

Not a test: pictures to look at. Run under Xvfb (or offscreen):
    xvfb-run -a .venv/bin/python scripts/screenshots.py OUTPUT_DIR [--scales 1,1.5]
        [--themes light,dark] [--langs en,zh_TW]
Files are named LANG_SCALE_THEME_NN_WHAT.png. Each scale runs in its own process (Qt reads
QT_SCALE_FACTOR once, at start). It runs a connection test, sends a test message and a message
with a Chinese attachment name and an inline image first, so the tabs show real content. The
window is 1280×800 at 100 % and 1280×720 logical pixels at 150 % (a 1920×1080 screen)."""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SIZES = {1.0: (1280, 800), 1.5: (1280, 720)}


def arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scales", default="1,1.5")
    parser.add_argument("--themes", default="light,dark")
    parser.add_argument("--langs", default="en,zh_TW")
    parser.add_argument("--one-scale", type=float, help=argparse.SUPPRESS)  # the child process
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = arguments(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.one_scale is not None:
        return shoot(args)
    for scale in (float(s) for s in args.scales.split(",")):
        env = {**os.environ, "QT_SCALE_FACTOR": f"{scale:g}"}
        done = subprocess.run([sys.executable, __file__, str(args.out), "--one-scale",
                               f"{scale:g}", "--themes", args.themes, "--langs", args.langs],
                              env=env, check=False)
        if done.returncode:
            return done.returncode
    print(f"screenshots in {args.out}")
    return 0


def dark_palette() -> Any:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for name, color in (("Window", "#2b2b2b"), ("WindowText", "#e6e6e6"), ("Base", "#1f1f1f"),
                        ("AlternateBase", "#2f2f2f"), ("ToolTipBase", "#3a3a3a"),
                        ("ToolTipText", "#f0f0f0"), ("Text", "#e6e6e6"), ("Button", "#353535"),
                        ("ButtonText", "#e6e6e6"), ("BrightText", "#ff6b6b"),
                        ("Link", "#6cb4ff"), ("LinkVisited", "#ff8a80"),
                        ("Highlight", "#2f65ca"), ("HighlightedText", "#ffffff"),
                        ("PlaceholderText", "#9a9a9a"), ("Light", "#505050"),
                        ("Midlight", "#404040"), ("Mid", "#303030"), ("Dark", "#202020"),
                        ("Shadow", "#000000")):
        palette.setColor(getattr(role, name), QColor(color))
    for name in ("WindowText", "Text", "ButtonText"):
        palette.setColor(group.Disabled, getattr(role, name), QColor("#7a7a7a"))
    return palette


def set_theme(app: Any, theme: str) -> None:
    """Qt's own dark or light scheme of the Fusion style (Qt 6.8+), as on a desktop set to
    dark mode; else a dark palette of our own."""
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())
        if (theme == "dark") == (app.palette().window().color().lightness() < 128):
            return
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())


def shoot(args: argparse.Namespace) -> int:
    home = tempfile.mkdtemp(prefix="omidesk-shots-")  # clean settings and data folders
    os.environ.update(HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
                      XDG_CACHE_HOME=f"{home}/cache")
    import qasync

    from omidesk.app import create_application
    from omidesk.core.sandbox import SandboxRelay

    from omidesk.ui import theme as app_theme

    app = create_application([])
    app_theme.install(app, "Fusion")  # as the app has it on Linux (and Windows in dark mode)
    relay = SandboxRelay().start()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    scale = args.one_scale
    files = Path(home) / "files"
    files.mkdir()
    try:
        for theme in args.themes.split(","):
            set_theme(app, theme)
            app_theme.install(app)  # what the app does when the system turns dark
            for lang in args.langs.split(","):
                prefix = f"{lang}_{scale:g}x_{theme}"
                loop.run_until_complete(one_window(app, relay, lang, args.out, prefix,
                                                   SIZES.get(scale, (1280, 800)), files))
                relay.clear()
    finally:
        relay.stop()
        loop.close()  # stops qasync's executor threads (DNS) before Qt goes away
    return 0


def settle(app: Any, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


async def one_window(app: Any, relay: Any, lang: str, out: Path, prefix: str,
                     size: tuple[int, int], files: Path) -> None:
    from PySide6.QtCore import QSettings

    from omidesk.ui import i18n, translations
    from omidesk.ui.main_window import MainWindow

    i18n.set_language(lang)
    translations.install(lang)
    QSettings().clear()  # every picture from a fresh start (the assistant from its first page)
    window = MainWindow(sandbox=relay)
    window.resize(*size)
    window.show()
    settle(app)
    number = 0

    def save(widget: Any, what: str) -> None:
        nonlocal number
        settle(app)
        widget.grab().save(str(out / f"{prefix}_{number:02d}_{what}.png"))
        number += 1

    for index in range(window.tabs.count()):  # before anything was done: no empty boxes
        window.tabs.setCurrentIndex(index)
        save(window, window.tabs.widget(index).__class__.__name__ + "_fresh")
    await fill(window, files)

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        save(window, window.tabs.widget(index).__class__.__name__)
    window.tabs.setCurrentIndex(window.tab(window.compose_tab))
    for what, dialog in (("LinkDialog", window.compose_tab.toolbar.edit_link()),
                         ("SourceDialog", window.compose_tab.view_source()),
                         ("AboutBox", window.menus.about())):
        if dialog is not None:
            save(dialog, what)
            dialog.close()
    await assistant(window, save)
    window.close()
    window.deleteLater()
    settle(app)


async def fill(window: Any, files: Path) -> None:
    """A failed and a working connection test, the test message, and a message with an
    attachment and an inline image, so that every tab shows what it shows in use."""
    from PySide6.QtGui import QColor, QImage

    window.tabs.setCurrentWidget(window.test_tab)
    account = window.account_tab.current()  # first a test that fails its login
    window.session.set_account(account, "wrong-password")
    await window.test_tab.start_test(all_combinations=True)
    window.account_tab.publish()  # then the profile as it is
    await window.test_tab.start_test(all_combinations=True)
    await window.test_tab.send_test_message()
    compose = window.compose_tab
    window.tabs.setCurrentWidget(compose)  # sent from the tab in view, as a user does
    compose.to_edit.setText("王小明 <wang@example.com>, li@example.com")
    compose.subject_edit.setText("十一月報價單 November quotation")
    compose.editor.setHtml("<p>王先生您好：</p><p>附件是<b>十一月報價單</b>，請參考。"
                           "Please find the <i>quotation</i> attached.</p>")
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    png = files / "logo.png"
    image.save(str(png))
    compose.editor.moveCursor(compose.editor.textCursor().MoveOperation.End)
    compose.editor.insert_image_file(png)
    pdf = files / "報價單.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"0" * 180_000)
    compose.add_attachments([pdf])
    await compose.send()
    for _ in range(50):  # the inbox rows arrive through a queued signal
        if window.sandbox_tab.table.rowCount() >= 2:
            break
        await asyncio.sleep(0.02)


async def assistant(window: Any, save: Any) -> None:
    """The set-up assistant's pages: the login (as on a first start), the test, the domain and
    the test message, the end."""
    from omidesk.ui.first_run.progress import Step

    dialog = window.open_first_run()
    controller = dialog.controller
    controller.go(Step.ACCOUNT)
    save(dialog, "Assistant1_Login")
    controller.go(Step.TEST)
    task = controller.start_test()
    if task is not None:
        await task
    save(dialog, "Assistant2_Test")
    controller.go(Step.SEND)
    sent = controller.send_test(controller.account.sender)
    if sent is not None:
        await sent
    save(dialog, "Assistant3_Send")
    controller.finish()
    save(dialog, "Assistant4_Done")
    dialog.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
