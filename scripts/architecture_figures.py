"""The architecture figures of issue 14, reproducible on any checkout: the largest module and
class, the functions over 50 lines, mypy's errors (strict on omidesk/core, the default on the
rest of omidesk) and the import circles between omidesk's modules.

    .venv/bin/python scripts/architecture_figures.py [CHECKOUT] [--no-mypy]

CHECKOUT defaults to this one; point it at an exported older commit to measure "before"
(`git archive COMMIT | tar -x -C /tmp/before`). mypy runs with the flags written here, not the
checkout's own configuration, so two checkouts are measured the same way.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LONG_FUNCTION = 50
DATA_MODULE = "omidesk/core/options/data.py"  # the manual's Appendix A as a table
AREAS = ("omidesk/core", "omidesk/cli", "omidesk/ui", "omidesk")


@dataclass(frozen=True)
class Span:
    path: str
    name: str
    lines: int


def sources(root: Path) -> list[Path]:
    return sorted(p for p in (root / "omidesk").rglob("*.py") if ".venv" not in p.parts)


def rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def area_of(path: str) -> str:
    """core, cli (the package or the cli*.py modules before it), ui, or the rest of omidesk."""
    for area in AREAS[:-1]:
        if path.startswith((area + "/", area + "_")) or path == area + ".py":
            return area
    return "omidesk (rest)"


def spans(root: Path) -> Iterator[tuple[str, ast.AST, int]]:
    for path in sources(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                end = node.end_lineno or node.lineno
                yield rel(root, path), node, end - node.lineno + 1


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """The import statements under `if TYPE_CHECKING:` (for the type checker only)."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                found.update(n for n in ast.walk(inner)
                             if isinstance(n, (ast.Import, ast.ImportFrom)))
    return found


def import_graph(root: Path, *, type_only: bool = False) -> dict[str, set[str]]:
    """Every import between omidesk's modules, at module level or inside a function (both
    make a circle when each side needs the other); with type_only, also those under
    `if TYPE_CHECKING:`. `from pkg import sub` counts as importing the submodule where one of
    that name exists."""
    modules = {module_name(root, p): p for p in sources(root)}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = set() if type_only else _type_only(tree)
        for node in ast.walk(tree):
            if node in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in modules else base)
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def mypy_errors(root: Path, *args: str) -> tuple[int, list[str]]:
    """mypy's error count over the given targets, with no configuration file of the checkout's."""
    command = [sys.executable, "-m", "mypy", "--config-file=", "--python-version=3.11",
               "--no-incremental", "--ignore-missing-imports", *args]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    return len(errors), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[1])
    parser.add_argument("--no-mypy", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true")
    options = parser.parse_args(argv)
    root: Path = options.checkout.resolve()

    print(f"checkout: {root}")
    modules = [Span(rel(root, p), "", len(p.read_text(encoding="utf-8").splitlines()))
               for p in sources(root)]
    classes: list[Span] = []
    functions: list[Span] = []
    for path, node, lines in spans(root):
        name = getattr(node, "name", "?")
        (classes if isinstance(node, ast.ClassDef) else functions).append(Span(path, name, lines))

    for area in AREAS:
        def inside(span: Span, area: str = area) -> bool:
            return area == "omidesk" or area_of(span.path) == area
        area_modules = [m for m in modules if inside(m) and m.path != DATA_MODULE]
        area_classes = [c for c in classes if inside(c)]
        long = sorted((f for f in functions if inside(f) and f.lines > LONG_FUNCTION),
                      key=lambda f: -f.lines)
        if not area_modules:
            print(f"{area}: no modules")
            continue
        big = max(area_modules, key=lambda m: m.lines)
        over = [m for m in area_modules if m.lines > 500]
        line = f"{area}: largest module {big.path} {big.lines} lines ({len(over)} over 500)"
        if area_classes:
            klass = max(area_classes, key=lambda c: c.lines)
            big_classes = [c for c in area_classes if c.lines > 400]
            line += (f"; largest class {klass.name} ({klass.path}) {klass.lines} lines"
                     f" ({len(big_classes)} over 400)")
        line += f"; functions over {LONG_FUNCTION} lines: {len(long)}"
        print(line)
        if options.verbose:
            for f in long:
                print(f"    {f.lines:4d}  {f.path}:{f.name}")
    data = next((m for m in modules if m.path == DATA_MODULE), None)
    if data:
        print(f"(left out above: {DATA_MODULE}, {data.lines} lines of Appendix A data)")

    found = circles(import_graph(root))
    typed = [c for c in circles(import_graph(root, type_only=True)) if c not in found]
    print(f"import circles: {len(found)} at run time, {len(typed)} more through imports for "
          "the type checker only (if TYPE_CHECKING)")
    for component in found:
        print("    " + " <-> ".join(component))
    for component in typed:
        print("    (type only) " + " <-> ".join(component))

    if not options.no_mypy:
        strict, strict_lines = mypy_errors(root, "--strict", "omidesk/core")
        default, default_lines = mypy_errors(root, "omidesk")
        core = re.compile(r"^omidesk[/\\]core[/\\]")
        rest = [e for e in default_lines if not core.match(e)]
        ui = [e for e in rest if re.match(r"^omidesk[/\\](ui[/\\]|app\.py)", e)]
        print(f"mypy: {strict} errors strict on omidesk/core; {len(rest)} with the defaults on"
              f" the rest of omidesk ({len(ui)} of them in omidesk/ui and app.py, "
              f"{len(rest) - len(ui)} in the CLI, entry, self-test and crash log)")
        if options.verbose:
            for error in strict_lines + rest:
                print("    " + error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
