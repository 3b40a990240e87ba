"""The frozen app's first runtime hook (build.spec): no cyclic garbage collection while
PyInstaller starts the app. Its runtime hooks import inspect, zipfile and PySide6's helpers
before the app's first line, with the collector running (12.8 M instructions of collections,
~1.5 ms: bench/bundle.py); from source the app pauses it from its own first line
(omidesk/ui/lean.py). packaging/omidesk_main.py switches it back on before the app starts."""

import gc

gc.disable()
