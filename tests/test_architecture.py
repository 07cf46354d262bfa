"""The shape of the code: how the modules of copydesk import each other.

:func:`import_graph` reads every module under src/copydesk with :mod:`ast` (nothing is
imported) and gives, for each, the copydesk modules it imports, wherever the import
stands: at the top, inside a function (a lazy import), or under ``if TYPE_CHECKING:``.
Tests of the architecture are written on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "copydesk"


def module_name(path: Path) -> str:
    """``src/copydesk/corpus/batch.py`` -> ``copydesk.corpus.batch`` (a package's
    ``__init__.py`` is the package)."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_paths() -> dict[str, Path]:
    """Every module of the package, by name."""
    return {module_name(path): path for path in sorted((SRC / PACKAGE).rglob("*.py"))}


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement in ``module`` may load, most specific first
    for each: ``from a.b import c`` may load the module ``a.b.c``, else it takes a name
    from ``a.b``."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:  # relative: from the module's own package upwards
        package = module.split(".") if is_package else module.split(".")[:-1]
        anchor = package[: len(package) - (node.level - 1)]
        base = ".".join(anchor + ([base] if base else []))
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def import_graph() -> dict[str, set[str]]:
    """For each module of copydesk, the copydesk modules it imports (itself excluded).

    An import of ``a.b.c`` is an edge to the module ``a.b.c`` alone, not to the packages
    ``a`` and ``a.b`` that Python runs first: every module would otherwise import the
    package root, and the root imports the API.
    """
    paths = module_paths()
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            names = _imported(node, module, is_package)
            if isinstance(node, ast.ImportFrom):
                *candidates, base = names
                found = [name for name in candidates if name in paths]
                # names that are no module of their own come from the base module
                if len(found) < len(candidates) and base in paths:
                    found.append(base)
            else:
                found = [_longest_module(name, paths) for name in names]
            edges.update(name for name in found if name and name != module)
        graph[module] = edges
    return graph


def _longest_module(name: str, paths: dict[str, Path]) -> str:
    """The longest prefix of a dotted name that is a copydesk module ("" for none)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in paths:
            return ".".join(parts[:end])
    return ""


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``[a, b, ..., a]``) for each group of modules that import each other
    round in a circle (Tarjan's strongly connected components), sorted.

    >>> find_cycles({"a": {"b"}, "b": {"a", "c"}, "c": set()})
    [['a', 'b', 'a']]
    >>> find_cycles({"a": {"b"}, "b": {"c"}, "c": set()})
    []
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(_cycle_in(group, graph) for group in groups)


def _cycle_in(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest way round from the group's first module back to itself."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in sorted(graph[node] & group):
            if nxt == start:
                return [*paths[node], start]
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle in {group}")  # a strongly connected group has one


def test_the_graph_sees_every_module_and_lazy_imports() -> None:
    graph = import_graph()
    assert {"copydesk", "copydesk.api", "copydesk.cli", "copydesk.stages.normalize"} <= set(graph)
    assert "copydesk.api" in graph["copydesk"]
    # imports inside functions count: the CLI loads the batch runner only for `batch`
    assert "copydesk.corpus.batch" in graph["copydesk.cli"]
    assert all(target in graph for targets in graph.values() for target in targets)


def test_no_import_cycles() -> None:
    """No module imports one that imports it back, directly or round a circle, not even
    lazily inside a function: the modules form layers, each testable without the ones
    above it."""
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles (one for each group of modules in a circle):\n" + "\n".join(
        " -> ".join(cycle) for cycle in cycles
    )


STAGES = "copydesk.stages"


def _stage_modules(graph: dict[str, set[str]]) -> set[str]:
    return {module for module in graph if module.startswith(STAGES + ".")}


def test_no_stage_imports_another_stage() -> None:
    """Stages talk through the draft alone: what several of them need lives in a module
    they share (shapes, pages, titles, anchors, rules, ...), never in one of them."""
    graph = import_graph()
    stages = _stage_modules(graph)
    assert stages, "no stage modules found"
    crossing = {
        f"{module} imports {other}" for module in stages for other in graph[module] & stages
    }
    assert not crossing, sorted(crossing)


def test_only_the_registry_and_the_pipeline_import_the_stages() -> None:
    """Readers, the classify step and the shared modules know nothing of the stages: the
    registry (copydesk.stages) imports them, and the pipeline runs the registry."""
    graph = import_graph()
    stages = _stage_modules(graph) | {STAGES}
    allowed = {STAGES, "copydesk.classify"}  # classify repairs the page title's Unicode
    importers = {
        module
        for module, imported in graph.items()
        if imported & _stage_modules(graph) and module not in allowed
    }
    assert not importers, sorted(importers)
    # the registry itself is imported by the API and the tools that name stages
    users = {module for module, imported in graph.items() if STAGES in imported}
    assert not users & (stages - {STAGES})
    readers = {module for module in graph if module.startswith("copydesk.readers")}
    assert not any(graph[module] & stages for module in readers)


def test_the_architecture_document_lists_the_stages_in_order() -> None:
    """docs/architecture.md tables the stages; the table follows the registry."""
    from copydesk import STAGE_NAMES

    doc = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = [
        line.split("|")[1].strip()
        for line in doc.splitlines()
        if line.startswith("| ") and line.split("|")[1].strip() in STAGE_NAMES
    ]
    assert rows == list(STAGE_NAMES)
    assert " → ".join(STAGE_NAMES[:7]) in doc
