

# -- OMIDesk: packaging/frozen/lazy_ctypes.py, appended to PyInstaller's module above ---------
# (packaging/spec_common.py). PyInstaller's bootstrap calls install() at every start, and the
# install() above imports ctypes to patch it (CDLL & co. look in the bundle for a bare library
# name): 6.7 M instructions, ~1 ms before the app's first line, for a module the app needs only
# on Windows and macOS, and later. The install() below defers the very same patching to the
# first import of ctypes.

import sys

_install_now = globals()["install"]  # PyInstaller's, above


class _AfterCtypesImport:
    """A meta path finder that finds nothing itself: at the first import of ctypes it leaves
    the search to the other finders and has the module's loader run the install() above right
    after ctypes has been executed, before any importer of ctypes sees it."""

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "ctypes":
            return None
        try:
            sys.meta_path.remove(cls)
        except ValueError:  # another thread's import of ctypes came first
            return None
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(name, path, target) if find_spec is not None else None
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        exec_module = getattr(loader, "exec_module", None)
        if exec_module is not None:
            def exec_then_install(module):
                exec_module(module)
                _install_now()  # its `import ctypes` gets the module just executed

            loader.exec_module = exec_then_install
        return spec


def install():
    """PyInstaller's ctypes hooks, installed when ctypes is first imported."""
    if "ctypes" in sys.modules:
        _install_now()
    else:
        sys.meta_path.insert(0, _AfterCtypesImport)
