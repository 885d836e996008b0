"""Imports between apps follow the order of docs/architecture.md ("Apps and the one way their imports
point"): core below every app, and no app imports one above it. Read from the source with `ast`, so
an import inside a function counts as much as one at the top of a module."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The table of docs/architecture.md: which project apps each app may import. Migrations are left out
# (they name other apps' migrations as dependencies, which is not a code dependency), and so are the
# demo modules the table names as exceptions.
MAY_IMPORT = {
    "core": set(),
    "accounts": {"core"},
    "courses": {"accounts", "core"},
    "producers": {"accounts", "core"},
    "learning": {"courses", "producers", "accounts", "core"},
    "certificates": {"learning", "courses", "producers", "accounts", "core"},
    "selection": {"certificates", "courses", "producers", "core"},
    "reports": {"certificates", "learning", "courses", "producers", "accounts", "core"},
    "showcase": {"certificates", "courses", "producers", "core"},
    "offline": {"learning", "courses"},
    "api": {"showcase", "certificates", "selection", "learning", "producers", "accounts", "core"},
}
# Demo content may build what it shows from apps above it (a demo course's producers, its pages).
DEMO_EXCEPTIONS = {("courses", "home"), ("producers", "courses")}
APPS = set(MAY_IMPORT) | {"home", "config"}


def project_imports(path: Path) -> set[str]:
    """The project apps a module imports (absolute imports; relative ones stay inside the app)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in APPS)
    return found


def modules_of(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = []
    for path in modules_of(app):
        allowed = MAY_IMPORT[app] | {app}
        is_demo = path.stem.startswith("demo") or "demo" in path.parts[-2]
        for imported in project_imports(path) - allowed:
            if is_demo and (app, imported) in DEMO_EXCEPTIONS:
                continue
            wrong.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert wrong == []


def test_the_checker_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from reports.models import ExportJob\n    import core.jobs\n")
    assert project_imports(module) == {"reports", "core"}


def test_every_app_in_the_architecture_table_is_checked():
    table = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)/` \|", table, flags=re.MULTILINE))
    assert documented - {"home"} == set(MAY_IMPORT)
