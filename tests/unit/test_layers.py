"""The layer arrows of docs/architecture.md, read from the imports, and the public API of
knowledge."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN = {
    "knowledge": {"telegram", "handlers", "bot"},
    "handlers": {"bot", "aiosqlite", "sqlite3", "jieba", "rapidfuzz"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layers_imports_point_one_way(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_modules(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_layers_handlers_hold_no_sql() -> None:
    for path in (ROOT / "handlers").rglob("*.py"):
        text = path.read_text(encoding="utf-8").upper()
        assert "SELECT " not in text and "INSERT INTO" not in text, path


def test_public_api_of_knowledge_is_exactly_all() -> None:
    import knowledge

    public = {name for name in dir(knowledge) if not name.startswith("_")}
    submodules = {p.stem for p in (ROOT / "knowledge").glob("*.py")} - {"__init__"}
    submodules |= {p.parent.name for p in (ROOT / "knowledge").glob("*/__init__.py")}
    assert public - submodules == set(knowledge.__all__)
    for name in knowledge.__all__:
        assert getattr(knowledge, name).__module__.startswith("knowledge.")


def test_every_error_code_has_chinese_wording() -> None:
    from handlers.texts import ERROR_TEXTS, PARSE_WARNINGS
    from knowledge.errors import ErrorCode, ParseWarning

    assert {str(code) for code in ErrorCode} == set(ERROR_TEXTS)
    assert {str(w) for w in ParseWarning} == set(PARSE_WARNINGS)


def test_knowledge_raises_codes_not_sentences() -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    offenders = []
    for path in (ROOT / "knowledge").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            raised = isinstance(node, ast.Raise) and node.exc is not None
            if raised and cjk.search(ast.unparse(node.exc)):  # type: ignore[attr-defined,arg-type]
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_only_the_telegram_adapter_and_the_wiring_import_telegram() -> None:
    allowed = (ROOT / "handlers" / "telegram", ROOT / "bot")
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("handlers", "knowledge")
        for path in (ROOT / package).rglob("*.py")
        if "telegram" in imported_modules(path) and not path.is_relative_to(allowed[0])
    ]
    assert offenders == []


SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|PRAGMA)\b")


def test_only_storage_holds_sql() -> None:
    storage = ROOT / "knowledge" / "storage"
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("bot", "handlers", "knowledge")
        for path in (ROOT / package).rglob("*.py")
        if not path.is_relative_to(storage) and SQL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
