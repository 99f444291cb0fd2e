"""The test suite's own layout (issue 13): fixtures in conftest.py, helpers in the tests/support package, and no test
module importing conftest or another test module (with --import-mode=importlib neither is importable by name)."""
import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SUPPORT = TESTS / "support"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return names | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}


def test_helpers_live_in_tests_support():
    stray = [p.relative_to(TESTS).as_posix() for p in TESTS.rglob("*.py")
             if not p.name.startswith("test_") and p.name != "conftest.py" and SUPPORT not in p.parents]
    assert stray == [], f"helper modules outside tests/support (move them there): {stray}"


def test_no_test_imports_conftest_or_another_test_module():
    wrong = {p.relative_to(TESTS).as_posix(): sorted(bad) for p in TESTS.rglob("*.py")
             if (bad := {m for m in imported_modules(p) if m.split(".")[-1] == "conftest"
                         or m.split(".")[-1].startswith("test_")})}
    assert wrong == {}, f"import helpers with `from support import ...` instead: {wrong}"
