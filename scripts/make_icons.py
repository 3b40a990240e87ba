"""Draws OMIDesk's icon and writes omidesk/resources/icons/: PNGs (16-1024 px), omidesk.ico
(Windows, every size up to 256) and omidesk.icns (macOS). The outputs are committed; run this
again after changing the drawing:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py

The motif: a white paper plane on an OMICard-blue rounded square, leaving a dotted trail that
starts at a relay node (the relay between the user and the recipients). Small sizes are drawn
with less detail (below 128 px no trail; at 32 px and less a bigger plane on a fuller tile),
so that 16 px stays a clear white plane on blue.
Only Qt (QPainter, offscreen) and the standard library: the .ico and .icns containers are
written here with PNG-compressed entries, which Windows Vista+ and macOS 10.7+ read."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen,
    QPolygonF,
)

OUT = Path(__file__).resolve().parent.parent / "omidesk" / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, and the pixel size of each.
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
              (b"ic14", 512))

BLUE_LIGHT = QColor("#2F8FEA")
BLUE_DARK = QColor("#0B55B5")
PAPER = QColor("#FFFFFF")
PAPER_SHADE = QColor("#CFE2F8")
FOLD = QColor("#0B55B5")


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 1024, size / 1024)  # draw on a 1024 grid
    small = size <= 32

    # The tile: a rounded square, margin as macOS icons have it (smaller when tiny).
    margin = 24 if small else 100
    tile = QRectF(margin, margin, 1024 - 2 * margin, 1024 - 2 * margin)
    radius = tile.width() * (0.2 if small else 0.225)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0, BLUE_LIGHT)
    gradient.setColorAt(1, BLUE_DARK)
    if not small:  # a soft shadow under the tile
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(0, 0, 0, 60))
        p.drawRoundedRect(tile.translated(0, 14), radius, radius)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(tile, radius, radius)

    # The paper plane, pointing up and to the right.
    trail = size >= 128
    if small:
        tip, back, fold, tail = (QPointF(900, 150), QPointF(110, 470), QPointF(450, 600),
                                 QPointF(600, 900))
    elif not trail:
        tip, back, fold, tail = (QPointF(830, 215), QPointF(190, 480), QPointF(460, 590),
                                 QPointF(590, 835))
    else:
        tip, back, fold, tail = (QPointF(800, 245), QPointF(250, 480), QPointF(475, 575),
                                 QPointF(570, 790))
    p.setBrush(PAPER)
    p.drawPolygon(QPolygonF([tip, back, fold]))  # upper wing
    p.setBrush(PAPER_SHADE)
    p.drawPolygon(QPolygonF([tip, fold, tail]))  # lower wing, in the shade
    if trail:
        # The fold: a line from the centre of the plane towards the tip.
        pen = QPen(FOLD, 18)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.drawLine(fold, fold + (tip - fold) * 0.62)

        # The relay hint: a node at the lower left and a dotted trail up to the plane.
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(PAPER)
        path = QPainterPath(QPointF(245, 800))
        path.cubicTo(QPointF(300, 690), QPointF(380, 640), QPointF(455, 620))
        for i in range(4):
            p.drawEllipse(path.pointAtPercent(0.3 + 0.7 * i / 3), 20, 20)
        ring = QPen(PAPER, 22)
        p.setPen(ring)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(QPointF(235, 815), 50, 50)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, b"PNG"):
        raise RuntimeError("could not encode PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO directory whose entries are PNG images (size 256 is written as 0)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(struct.pack(">4sI", kind, 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return struct.pack(">4sI", b"icns", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    OUT.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw(size)) for size in sorted({*SIZES, *ICO_SIZES})}
    for size in SIZES:
        (OUT / f"omidesk_{size}.png").write_bytes(pngs[size])
    (OUT / "omidesk.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (OUT / "omidesk.icns").write_bytes(icns(pngs))
    print(f"wrote {len(SIZES)} PNGs, omidesk.ico and omidesk.icns to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
