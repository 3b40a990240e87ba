"""PySide6 6.12.0 on Python 3.11 drops a reference to True/None on every Signal.emit and aborts
(bool_dealloc). pyproject.toml holds PySide6 below it; this catches any build that regresses.

Why only 3.11: from Python 3.12 on, True, None and the other singletons are immortal (PEP 683):
their reference count is pinned, a lost reference changes nothing, and sys.getrefcount shows
the same large number before and after. There the bug is harmless and this test cannot see
it; on 3.11 (the oldest Python OMIDesk supports, and the one its bundle is built with) each
lost reference counts down to the abort, and this test sees the count fall."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    flag = Signal(bool)
    nothing = Signal(object)
    plain = Signal()


def test_emit_does_not_leak_or_steal_references(qapp):
    emitter = Emitter()
    got: list[object] = []
    emitter.flag.connect(got.append)
    emitter.nothing.connect(got.append)
    emitter.plain.connect(lambda: None)
    for _ in range(100):  # warm-up: caches settle
        emitter.flag.emit(True)
        emitter.nothing.emit(None)
    got.clear()
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(10_000):
        emitter.flag.emit(True)
        emitter.nothing.emit(None)
        emitter.plain.emit()
    assert len(got) == 20_000
    got.clear()
    assert sys.getrefcount(True) >= before_true
    assert sys.getrefcount(None) >= before_none
