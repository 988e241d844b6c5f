"""The package shows the pipeline: each stage imports only stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "regiogen"
#: Stage order, earliest first; a module may import its own stage and earlier ones.
STAGES = ["source", "model", "rules", "render", "documents", "build", "cli"]
SHARED = {"diagnostics", "paths", "files", "__init__", "__main__"}


def _stage(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "regiogen" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in STAGES else None


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text("utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def test_no_stage_imports_a_later_stage() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        own = rel.parts[0] if len(rel.parts) > 1 else None
        if own is None:
            assert rel.stem in SHARED, f"{rel}: a module at the top level belongs in a stage"
            limit = -1  # shared modules import no stage
        else:
            assert own in STAGES, f"{rel}: {own}/ is not a pipeline stage"
            limit = STAGES.index(own)
        for line, module in _imports(path):
            stage = _stage(module)
            if stage is not None and STAGES.index(stage) > limit and rel.stem != "__main__":
                wrong.append(f"regiogen/{rel}:{line} imports {module}")
    assert wrong == []


def test_every_stage_says_what_it_holds_and_may_import() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8")))
        assert doc and "May import" in doc, stage
