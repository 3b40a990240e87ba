"""QApplication + the qasync event loop + the main window. All network I/O runs on this loop."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

from . import APP_NAME, ORG_DOMAIN, ORG_NAME, __version__


def create_application(argv: Sequence[str] | None = None):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(list(argv or sys.argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationVersion(__version__)
    return app


async def _until_quit(app) -> None:  # type: ignore[no-untyped-def]
    quitting = asyncio.get_running_loop().create_future()
    app.aboutToQuit.connect(lambda: quitting.done() or quitting.set_result(None))
    await quitting


def run_app(argv: Sequence[str] | None = None) -> int:
    import qasync

    from .ui.main_window import MainWindow

    app = create_application(argv)
    window = MainWindow()
    window.show()
    if sys.version_info >= (3, 12):
        asyncio.run(_until_quit(app), loop_factory=qasync.QEventLoop)
    else:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(_until_quit(app))
    return 0
