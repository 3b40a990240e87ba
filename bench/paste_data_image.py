"""How long pasting HTML with a data: picture holds the UI thread (QA5 #14), in the real Compose
editor: the paste (the picture decoded by core/html_images.embed_images into an inline part,
Qt's insert of the rewritten HTML, the picture decoded once for display) and the draft as the
tab publishes it. The picture is random bytes behind a PNG signature wrapped in a BMP-sized
payload: what costs is the size of the base64, not the picture.
Measured here (2026-12-02, a busy machine): 8.4 / 25.2 MB of base64 pasted in 0.06 / 0.23 s, the
draft 0.00 s; main d6759be 0.12 / 0.43 s and 0.06 / 0.27 s for each draft (the data: address
serialised again by toHtml at every change), no inline part. The tester's probe (a photo-like
picture, a 10 ms timer while it sends): paste 8.9-13.4 s and gaps up to 4.3 s before, 0.14 s
and 0.23 s after.
Usage: QT_QPA_PLATFORM=offscreen python bench/paste_data_image.py [MEGABYTES ...]"""

from __future__ import annotations

import base64
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp())
os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp())


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData
    from PySide6.QtGui import QColor, QImage, QImageWriter
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from omidesk.core.drafts import DraftStore
    from omidesk.ui.session import Session
    from omidesk.ui.tabs.compose_tab import ComposeTab

    folder = Path(tempfile.mkdtemp())
    tab = ComposeTab(Session(folder, sent_log=None), DraftStore(folder / "drafts"))
    for megabytes in [float(a) for a in argv] or [6.0, 18.0]:
        side = int((megabytes * 1024 * 1024 / 3) ** 0.5)  # a 24-bit BMP of about that size
        picture = QImage(side, side, QImage.Format.Format_RGB32)
        picture.fill(QColor("teal"))
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        QImageWriter(buffer, QByteArray(b"BMP")).write(picture)
        data = base64.b64encode(bytes(buffer.data().data())).decode()
        mime = QMimeData()
        mime.setHtml(f'<p>big</p><img src="data:image/bmp;base64,{data}">')
        tab.editor.clear_all()
        started = time.perf_counter()
        tab.editor.insertFromMimeData(mime)
        pasted = time.perf_counter() - started
        started = time.perf_counter()
        draft = tab.draft()
        built = time.perf_counter() - started
        print(f"{len(data) / 1e6:5.1f} MB of base64: paste {pasted:.2f} s, draft {built:.2f} s, "
              f"{len(draft.inline_images)} inline part(s) of "
              f"{sum(len(i.data) for i in draft.inline_images) / 1e6:.1f} MB")
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
