"""The project's own imports run one way: no loops, and never up the layer table of docs/architecture.md.

Every ``import`` and ``from ... import`` in the apps' modules counts, including those inside
functions (a function-local import is still a dependency; it only hides it). Migrations are left
out: they are generated and frozen. Python's ``ast`` reads the source; nothing is imported.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
LAYER_ROW = re.compile(r"^\|\s*(\d+)\s*\|([^|]*)\|")


def layer_table():
    """{module prefix: layer number} from the "Layers" table of docs/architecture.md."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    layers = {}
    for line in section.splitlines():
        match = LAYER_ROW.match(line)
        if match:
            for prefix in re.findall(r"`([\w.]+)`", match.group(2)):
                layers[prefix] = int(match.group(1))
    return layers


def project_modules(apps):
    """{dotted module name: path} for every module of the apps (migrations left out)."""
    modules = {}
    for app in apps:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def _targets(node, current, modules):
    """The project modules an import statement names (the module itself, or a submodule it imports)."""
    if isinstance(node, ast.Import):
        candidates = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = current.split(".")
            if modules[current].name != "__init__.py":
                package = package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        candidates = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
    found = set()
    for name in candidates:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        if name and name != current:
            found.add(name)
    return found


def import_graph(modules):
    graph = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[name] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[name] |= _targets(node, name, modules)
    return graph


def import_loops(graph):
    """Every strongly connected group of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, loops = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    loops.append(sorted(group))
    return loops


def layer_of(module, layers):
    """The layer of the longest prefix of ``module`` in the table (``assessments.blocks`` before ``assessments``)."""
    parts = module.split(".")
    for size in range(len(parts), 0, -1):
        prefix = ".".join(parts[:size])
        if prefix in layers:
            return layers[prefix]
    return None


def layer_violations(graph, layers):
    return sorted(
        f"{source} (layer {layer_of(source, layers)}) imports {target} (layer {layer_of(target, layers)})"
        for source, targets in graph.items()
        for target in targets
        if layer_of(target, layers) > layer_of(source, layers)
    )


@pytest.fixture(scope="module")
def layers():
    return layer_table()


@pytest.fixture(scope="module")
def graph(layers):
    apps = sorted({prefix.split(".")[0] for prefix in layers})
    return import_graph(project_modules(apps))


def test_the_layer_table_names_every_app_and_module(layers, graph):
    assert layers, "docs/architecture.md has no Layers table"
    unplaced = sorted(module for module in graph if layer_of(module, layers) is None)
    assert unplaced == []
    apps_on_disk = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps_on_disk <= {prefix.split(".")[0] for prefix in layers}


def test_no_module_imports_another_in_a_loop(graph):
    assert import_loops(graph) == []


def test_no_import_goes_up_the_layer_table(graph, layers):
    assert layer_violations(graph, layers) == []


def test_the_store_knows_no_app_above_it(graph, layers):
    """The check would catch the store importing the progress projection again, even inside a function."""
    xapi = {name: targets for name, targets in graph.items() if name.startswith("xapi")}
    assert all(layer_of(target, layers) <= layers["xapi"] for targets in xapi.values() for target in targets)
    source = "def store_statements():\n    from learning.projection import apply_statement\n"
    tree = ast.parse(source)
    modules = {**project_modules(["xapi", "learning"]), "xapi.services": ROOT / "xapi" / "services.py"}
    tampered = {name: set(targets) for name, targets in graph.items()}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            tampered["xapi.services"] |= _targets(node, "xapi.services", modules)
    assert "learning.projection" in tampered["xapi.services"]
    assert any(v.startswith("xapi.services (layer") for v in layer_violations(tampered, layers))
    assert import_loops(tampered)  # the projection imports the store: a loop as well


def test_a_loop_inside_one_app_is_found():
    assert import_loops({"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": set()}) == [["a.x", "a.y", "a.z"]]
