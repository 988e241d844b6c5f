"""The labels a client sees: classification per document kind, CONCEPT while a concept."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from click.testing import CliRunner

from regiogen.cli.main import cli
from regiogen.documents.kinds import classification_for
from regiogen.render.docx import markdown_to_docx

REPO = Path(__file__).resolve().parent.parent


def _parts(data: bytes, *names: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "".join(zf.read(n).decode() for n in names if n in zf.namelist())


def test_the_region_classification_is_not_the_bijlage_s() -> None:
    assert classification_for("Intern vertrouwelijk", "regioplan") == "Intern vertrouwelijk"
    assert classification_for("Intern vertrouwelijk", "spuk-iza-bijlage") is None
    per_kind = {"regioplan": "Intern", "spuk-iza-bijlage": "Openbaar"}
    assert classification_for(per_kind, "spuk-iza-bijlage") == "Openbaar"
    assert classification_for(per_kind, "werkagenda") is None


def test_a_concept_says_concept_on_cover_and_header() -> None:
    text = "---\ntitel: Plan\nclassificatie: Intern\nstatus: concept\n---\n\n# Kop\n\nTekst.\n"
    data, _ = markdown_to_docx(text)
    header = _parts(data, "word/header1.xml")
    assert "CONCEPT" in header and "Intern" in header
    assert "CONCEPT" in _parts(data, "word/document.xml")  # the cover
    final, _ = markdown_to_docx(text.replace("concept", "vastgesteld"))
    assert "CONCEPT" not in _parts(final, "word/header1.xml", "word/document.xml")


def test_built_documents_carry_their_own_labels(tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    regio = root / "content" / "lindeland" / "regio.yaml"
    regio.write_text(
        regio.read_text("utf-8").replace("status: vastgesteld", "status: concept"), "utf-8"
    )
    args = ["build", str(root), "--to", "docx", "--doc", "regioplan", "--doc",
            "spuk-iza-bijlage", "-j", "1"]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert "Traceback" not in result.output, result.output
    build = root / "build" / "lindeland"
    plan = _parts((build / "regioplan.docx").read_bytes(), "word/header1.xml")
    bijlage = (build / "spuk-iza-bijlage.docx").read_bytes()
    assert "CONCEPT" in plan and "Intern vertrouwelijk" in plan
    assert "Intern vertrouwelijk" not in _parts(bijlage, "word/header1.xml", "word/document.xml")
    assert "CONCEPT" in _parts(bijlage, "word/header1.xml")
