"""Two layers, one direction: omidesk.core never imports Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import omidesk.core

CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(omidesk.core.__path__, prefix="omidesk.core."))


def test_core_imports_no_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'qasync', 'PyQt5', 'PyQt6'))\n"
        "print(len(sys.modules)); assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert len(CORE_MODULES) >= 8  # the walk really found the package
