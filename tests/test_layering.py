"""Two layers, one direction: omidesk.core never imports Qt, nor the UI or the CLI built on it."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

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
        "above = sorted(m for m in sys.modules if m.startswith(('omidesk.ui', 'omidesk.cli', "
        "'omidesk.app')))\n"
        "assert not above, above\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert len(CORE_MODULES) >= 8  # the walk really found the package


def _imported(path: Path, module: str) -> list[str]:
    """Every module a source file imports, at its top or inside a function, made absolute."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{anchor}.{base}" if base else anchor
            found += [base] + [f"{base}.{alias.name}" for alias in node.names]
    return found


def test_core_never_imports_the_ui_or_the_cli_not_even_inside_a_function():
    root = Path(omidesk.core.__file__).parent
    wrong = []
    for path in sorted(root.rglob("*.py")):
        module = "omidesk.core." + ".".join(path.relative_to(root).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for name in _imported(path, module):
            parts = name.split(".")
            if parts[0] in ("PySide6", "shiboken6", "qasync") or parts[0] == "omidesk" and \
                    len(parts) > 1 and (parts[1] in ("ui", "app") or parts[1].startswith("cli")):
                wrong.append(f"{path.relative_to(root)}: {name}")
    assert not wrong, wrong
    # the walk sees relative imports: core.outbox imports core.sentlog as `.sentlog`
    assert "omidesk.core.sentlog" in _imported(root / "outbox.py", "omidesk.core.outbox")


def test_the_cli_package_has_no_import_circle():
    """omidesk/cli/: main imports the commands; a command imports only the shared modules
    (arguments, usage, interrupt), its own helper modules (mailing_run for mailing) and core, never
    main, the package itself or another command."""
    import omidesk.cli

    root = Path(omidesk.cli.__file__).parent
    shared = {"omidesk.cli.arguments", "omidesk.cli.usage", "omidesk.cli.interrupt"}
    modules = {f"omidesk.cli.{p.stem}": p for p in root.glob("*.py") if p.stem != "__init__"}
    stems = {p.stem for p in modules.values()}
    helpers = {f"omidesk.cli.{stem}" for stem in stems  # mailing_run: mailing's own part
               if "_" in stem and stem.split("_")[0] in stems}
    commands = set(modules) - shared - helpers - {"omidesk.cli.main"}
    assert {"omidesk.cli.probe", "omidesk.cli.send", "omidesk.cli.mailing",
            "omidesk.cli.sandbox", "omidesk.cli.options", "omidesk.cli.domain_check"} <= commands
    for name, path in modules.items():
        inside = {m for m in _imported(path, name) if m.startswith("omidesk.cli")}
        inside = {m if m in modules else m.rpartition(".")[0] for m in inside} - {name}
        own = {h for h in helpers if h.startswith(name + "_")}
        if name in commands:
            assert inside <= shared | own, (name, inside)
        elif name in helpers:
            assert inside <= shared, (name, inside)
        elif name in ("omidesk.cli.arguments", "omidesk.cli.interrupt"):
            assert inside <= {"omidesk.cli.usage"}, (name, inside)
        elif name == "omidesk.cli.usage":
            assert not inside, (name, inside)
    from omidesk.cli.main import COMMAND_MODULES  # imported by name: each only when run

    main = set(_imported(modules["omidesk.cli.main"], "omidesk.cli.main"))
    dispatched = {f"omidesk.cli.{m}" for m in COMMAND_MODULES.values()}
    assert dispatched <= commands and commands <= main | dispatched  # it knows every one
