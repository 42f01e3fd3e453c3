"""The house's layers: pages and the API (app/web, app/api) stand on the services,
which stand on the schemas and models. A lower layer that imports a higher one
makes a cycle waiting to happen and hides where a rule lives."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
# Each lower layer, and the layers it must never import.
LAYERS = {
    "models": ("app.web", "app.api", "app.services", "app.schemas"),
    "schemas": ("app.web", "app.api", "app.services"),  # but the domain's errors, below
    "services": ("app.web", "app.api"),
}
ERRORS = "app.services.errors"  # the domain's error types: every layer raises them
SHARED = ("labels.py", "i18n.py", "phone.py", "text_policy.py")  # used by every layer


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _modules(layer: str) -> list[Path]:
    return sorted((APP / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_a_lower_layer_never_imports_a_higher_one(layer):
    wrong = {
        f"{path.relative_to(APP)} imports {module}"
        for path in _modules(layer)
        for module in _imports(path)
        if module.startswith(LAYERS[layer]) and module != ERRORS
    }
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("name", SHARED)
def test_shared_words_and_rules_stand_below_pages_and_api(name):
    wrong = {m for m in _imports(APP / name) if m.startswith(("app.web", "app.api"))}
    assert not wrong, sorted(wrong)
