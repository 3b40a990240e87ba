"""Screenshots of every tab in both languages, on the sandbox relay, for the README.

Not a test. Run under Xvfb (or offscreen):
    xvfb-run -a .venv/bin/python scripts/screenshots.py OUTPUT_DIR
It runs a connection test and sends a test message first, so the tabs show real content."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="omidesk-shots-")  # clean settings and data folders
    os.environ.update(HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
                      XDG_CACHE_HOME=f"{home}/cache")
    import qasync

    from omidesk.app import create_application
    from omidesk.core.sandbox import SandboxRelay
    from omidesk.ui import i18n, translations

    app = create_application([])
    relay = SandboxRelay().start()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        for lang in ("en", "zh_TW"):
            i18n.set_language(lang)
            translations.install(lang)
            from omidesk.ui.main_window import MainWindow

            window = MainWindow(sandbox=relay)
            window.resize(1200, 860)
            window.show()

            async def run(w: MainWindow = window) -> None:
                account = w.account_tab.current()  # first a test that fails its login
                w.session.set_account(account, "wrong-password")
                await w.test_tab.start_test(all_combinations=True)
                w.account_tab.publish()  # then the profile as it is
                await w.test_tab.start_test(all_combinations=True)
                await w.test_tab.send_test_message()
                await asyncio.sleep(0.3)

            loop.run_until_complete(run())
            for index in range(window.tabs.count()):
                window.tabs.setCurrentIndex(index)
                for _ in range(5):
                    app.processEvents()
                name = window.tabs.widget(index).__class__.__name__
                window.grab().save(str(out / f"{lang}_{index}_{name}.png"))
            window.close()
            window.deleteLater()
            app.processEvents()
    finally:
        relay.stop()
        loop.close()  # stops qasync's executor threads (DNS) before Qt goes away
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
