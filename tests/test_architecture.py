"""The house rules of docs/architecture.md, checked on the source so they cannot drift."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
APPS = ("articles", "ingest", "website", "api", "newsroom")
# Who may import whom: arrows point inward, to the domain; newsroom wires everything.
ALLOWED_IMPORTS = {
    "articles": {"articles"},
    "ingest": {"articles", "ingest"},
    "website": {"articles", "website"},
    "api": {"articles", "api"},
    "newsroom": set(APPS),
}
MAX_MODULE_LINES = 400


def source_files(app: str) -> list[Path]:
    # benchmarks/output holds what the benchmarks make, their virtualenv included: not ours.
    return sorted(
        path
        for path in (REPO / app).rglob("*.py")
        if "migrations" not in path.parts and "output" not in path.relative_to(REPO).parts[1:2]
    )


def imported_top_level_packages(path: Path) -> set[str]:
    """The first component of every absolute import in the module, wherever it stands."""
    packages = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            packages.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            packages.add(node.module.split(".")[0])
    return packages


@pytest.mark.parametrize("app", APPS)
def test_each_app_imports_only_the_apps_its_arrows_point_to(app):
    forbidden = set(APPS) - ALLOWED_IMPORTS[app]
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_top_level_packages(path) & forbidden)
        for path in source_files(app)
        if imported_top_level_packages(path) & forbidden
    }
    assert offenders == {}


def test_the_wire_format_parsers_are_pure_python():
    """ingest/formats may use the domain's vocabulary but never Django, so it runs alone."""
    offenders = {}
    for path in sorted((REPO / "ingest" / "formats").rglob("*.py")):
        packages = imported_top_level_packages(path)
        imported = {p for p in packages if p in {"django", "rest_framework", "reversion"}}
        # articles.vocabulary is pure; any other articles module would pull Django in.
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("articles") and module != "articles.vocabulary":
                imported.add(module)
        if imported:
            offenders[str(path.relative_to(REPO))] = sorted(imported)
    assert offenders == {}


def test_no_module_is_over_the_length_a_reader_can_hold():
    too_long = {
        str(path.relative_to(REPO)): length
        for app in (*APPS, "benchmarks")
        for path in source_files(app)
        if (length := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert too_long == {}
