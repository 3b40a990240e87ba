"""The frozen app's entry point (build.spec): the same as the `omidesk` command.

The cyclic garbage collector has been off since the first runtime hook
(packaging/frozen/pause_gc.py), while PyInstaller started the app. What was made until now
(modules, classes, functions: nothing to collect) is moved out of the collector's sight for
good (gc.freeze, which also resets its counters: no collection on the next allocation), and
the collector runs again for main(), which pauses it once more for the window's start
(omidesk/ui/lean.py) and leaves it on for a command."""

import gc

from omidesk.entry import main

gc.freeze()
gc.enable()
raise SystemExit(main())
