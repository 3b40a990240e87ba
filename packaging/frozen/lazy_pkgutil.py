"""A runtime hook in place of PyInstaller's pyi_rth_pkgutil (packaging/spec_common.py swaps
them): pkgutil.iter_modules() and walk_packages() list the modules in the frozen app's PYZ
archive as with PyInstaller's hook, without importing pkgutil at every start (3 M instructions
before the app's first line, and nothing in the app lists modules). pkgutil's default
iter_importer_modules() asks an importer for its iter_modules() method: PyInstaller's path
finder gets one here, which imports pkgutil only when it is called."""


def _pyi_rthook():
    import pyimod02_importers  # type: ignore[import-not-found]  # PyInstaller's bootstrap

    def iter_modules(finder, prefix=""):
        """(name, is_package) of the modules below the finder's path: those in the PYZ
        archive, then those its fallback finder (Python's own, for files) finds."""
        node = pyimod02_importers.get_pyz_toc_tree()
        prefix_parts = finder._pyz_entry_prefix.split(".") if finder._pyz_entry_prefix else []
        for part in prefix_parts:
            node = node.get(part)
            if not isinstance(node, dict):  # no such package, or a module
                node = {}
                break
        for name, entry in node.items():
            yield prefix + name, isinstance(entry, dict)
        if finder.fallback_finder is not None:
            import pkgutil

            yield from pkgutil.iter_importer_modules(finder.fallback_finder, prefix)

    pyimod02_importers.PyiFrozenFinder.iter_modules = iter_modules


_pyi_rthook()
del _pyi_rthook
