"""After adoption: voortgang at a peildatum, verantwoording, and what changed between versions."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_REGION, made_once, pdf_pages
from lxml import etree
from test_pdf import needs_soffice

from regiogen.build.schema import content_schema
from regiogen.cli.main import cli
from regiogen.model.voortgang import lees_getal, mijlpaal_stand
from regiogen.render.docx.trackchanges import track_changes_docx

REPO = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PEILDATUM = "2025-01-31"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


# --- content and model --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("14 weken", "14", "weken"),
        ("8,1%", "8.1", "%"),
        ("2.400 per jaar", "2400", "per jaar"),
        ("6,4", "6.4", ""),
        ("n.v.t.", None, None),
        ("operationeel", None, None),
    ],
)
def test_values_are_read_as_dutch_numbers(text: str, value: str | None, unit: str | None) -> None:
    found = lees_getal(text)
    if value is None:
        assert found is None
    else:
        assert found is not None and (found.waarde, found.eenheid) == (Decimal(value), unit)


def test_a_status_dated_after_the_peildatum_does_not_count_yet() -> None:
    from regiogen.model.content import Mijlpaal

    m = Mijlpaal.model_validate(
        {"wat": "x", "wanneer": "2024-Q2", "status": "gehaald", "statusdatum": "2024-08-01"}
    )
    assert mijlpaal_stand(m, date(2024, 7, 15)) == ("over-tijd", None)
    assert mijlpaal_stand(m, date(2024, 8, 1)) == ("gehaald", "gehaald")
    assert mijlpaal_stand(m, date(2024, 6, 1)) == ("gepland", None)


def test_schema_holds_the_voortgang_fields() -> None:
    text = json.dumps(content_schema())
    for name in ("metingen", "realisatie", "statusdatum", "verwacht", "toelichting"):
        assert f'"{name}"' in text, name
    assert '"vertraagd"' in text


# --- check and build at a peildatum ----------------------------------------------------------


def test_check_judges_mijlpalen_only_at_a_peildatum(project: Path) -> None:
    code, out = _run("check", str(project))
    assert code == 0 and "iza.voortgang" not in out, out
    code, out = _run("check", str(project), "--peildatum", PEILDATUM, "--strict")
    assert code == 0, out
    code, out = _run("check", str(project), "--peildatum", "2025-02-15")
    assert "warning[iza.voortgang.mijlpaal-status]" in out
    assert "Triagepunt operationeel voor de hele regio" in out
    code, out = _run("check", str(project), "--peildatum", "31-01-2025")
    assert code == 2 and "2025-01-31" in out


def _build(project: Path, *extra: str) -> tuple[int, str]:
    return _run(
        "build", str(project), "--doc", "voortgangsrapportage", "--doc", "verantwoording",
        "--to", "md", "--to", "docx", "--to", "xlsx", "--jobs", "1", "--no-git-stamp", *extra,
    )  # fmt: skip


@pytest.fixture(scope="session")
def built_at_peildatum(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with its voortgangsrapportage and verantwoording built at ``PEILDATUM``,
    once per test run: tests read it, or copy it before they change anything."""

    def make(folder: Path) -> None:
        shutil.copytree(EXAMPLE_REGION, folder / "content" / "lindeland")
        code, out = _build(folder, "--peildatum", PEILDATUM)
        assert code == 0, out

    return made_once(tmp_path_factory, "voortgang-built", make)


def _copy(built: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(built, project)
    return project


def test_voortgangsrapportage_at_a_peildatum_is_reproducible(
    built_at_peildatum: Path, tmp_path: Path
) -> None:
    project = _copy(built_at_peildatum, tmp_path)
    region = project / "build" / "lindeland"
    md = (region / "voortgangsrapportage.md").read_text("utf-8")
    assert "**31 januari 2025**" in md
    assert "| A6 | Flexpool operationeel | 4e kwartaal 2024 | 2e kwartaal 2025 |" in md
    charts = sorted(p.name for p in (region / "voortgangsrapportage-grafieken").iterdir())
    assert "tijdlijn.svg" in charts and "resultaat-A1-1.svg" in charts
    first = {p: p.read_bytes() for p in region.rglob("*") if p.is_file()}
    with zipfile.ZipFile(region / "voortgangsrapportage.docx") as docx:
        parts = [n for n in docx.namelist() if n.startswith("word/charts/")]
        assert not [n for n in docx.namelist() if n.startswith("word/media/")]
    assert len(parts) == len(charts)  # every chart a native Word chart, none a picture
    shutil.rmtree(project / "build")
    code, out = _build(project, "--peildatum", PEILDATUM)
    assert code == 0, out
    assert {p: p.read_bytes() for p in region.rglob("*") if p.is_file()} == first
    manifest = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    entry = manifest["outputs"]["lindeland/voortgangsrapportage.md"]
    assert entry["inputs"]["#peildatum"] == PEILDATUM
    code, out = _build(project, "--peildatum", PEILDATUM)
    assert "0 geschreven" in out and "1 onderdeel al actueel" in out
    _code, out = _build(project, "--peildatum", "2025-06-30")
    assert "0 geschreven" not in out
    assert "**30 juni 2025**" in (region / "voortgangsrapportage.md").read_text("utf-8")
    assert "warning[iza.voortgang.mijlpaal-status]" in out


def test_render_of_the_built_markdown_makes_the_same_word_charts_again(
    built_at_peildatum: Path, tmp_path: Path
) -> None:
    """The SVGs next to the Markdown carry their charts: ``regiogen render`` gives the Word
    charts of the build, and the HTML shows every chart as SVG."""
    project = _copy(built_at_peildatum, tmp_path)
    region = project / "build" / "lindeland"
    with zipfile.ZipFile(region / "voortgangsrapportage.docx") as docx:
        built = {n: docx.read(n) for n in docx.namelist() if n.startswith("word/charts/")}
    assert len(built) == 8 and b"<c:scatterChart>" in built["word/charts/chart1.xml"]
    for suffix in ("docx", "html"):
        out = project / f"again.{suffix}"
        md = region / "voortgangsrapportage.md"
        result = CliRunner().invoke(cli, ["render", str(md), "-o", str(out)])
        assert result.exit_code == 0, result.output
    with zipfile.ZipFile(project / "again.docx") as docx:
        again = {n: docx.read(n) for n in docx.namelist() if n.startswith("word/charts/")}
    assert again == built
    html = (project / "again.html").read_text("utf-8")
    assert html.count("data:image/svg+xml;base64,") == 8


def test_captions_and_timeline_words_say_only_what_the_charts_show(project: Path) -> None:
    """Without a nulmeting the caption does not name one; without a delayed mijlpaal that has a
    later quarter, and with the peildatum past the last quarter, the words beside the timeline
    name no open bar and no red mark."""
    afspraken = project / "content" / "lindeland" / "afspraken.yaml"
    text = afspraken.read_text("utf-8")
    text = text.replace("nulmeting: 14 weken, ", "")
    text = re.sub(r"verwacht: [^,}]+, ", "", text)
    afspraken.write_text(text, "utf-8")
    code, out = _build(project, "--peildatum", "2031-01-01")
    assert code in (0, 1) and "interne fout" not in out, out
    md = (project / "build" / "lindeland" / "voortgangsrapportage.md").read_text("utf-8")
    assert "basis-ggz' tegen de streefwaarde](voortgangsrapportage-grafieken/" in md
    assert "steunpunt' tegen nulmeting en streefwaarde](voortgangsrapportage-grafieken/" in md
    assert "De mijlpalen met een datum, per kwartaal" in md
    assert "rood" not in md and "open balk" not in md


def test_verantwoording_in_word_and_workbook(built_at_peildatum: Path) -> None:
    from openpyxl import load_workbook

    region = built_at_peildatum / "build" / "lindeland"
    md = (region / "verantwoording.md").read_text("utf-8")
    assert "| 2024 | € 412.000,00 | € 411.800,00 | € 412.000,00 | € 411.800,00 |" in md
    assert "**Zijn de geplande mijlpalen gerealiseerd?** Nog niet te zeggen" in md
    book = load_workbook(region / "verantwoording.xlsx")
    assert book.sheetnames == ["SPUK IZA", "Posten", "Transformatiemiddelen"]
    rows = list(book["SPUK IZA"].iter_rows(min_row=5, values_only=True))
    assert rows[0] == (2024, 412000, 412000, 411800, 412000, 411800)
    assert rows[1][:3] == (2025, 412000, 412000) and rows[1][3] is None
    plan = [r for r in book["Transformatiemiddelen"].iter_rows(values_only=True) if r[0] == "T1"]
    assert plan[-1][1].startswith("Zijn de geplande mijlpalen gerealiseerd")
    assert plan[-1][5] == "nog niet te zeggen"


def test_sisa_indicator_says_nee_for_an_overdue_mijlpaal(project: Path) -> None:
    _build(project, "--peildatum", "2025-07-15")
    md = (project / "build" / "lindeland" / "verantwoording.md").read_text("utf-8")
    assert "**Zijn de geplande mijlpalen gerealiseerd?** Nee." in md
    # The transformatieplan's own mijlpaalplanning (Regeling art. 6: mijlpalen with amounts).
    row = "| T1: Steunpunten ingericht en bemenst | 2e kwartaal 2025 | € 180.000,00 |"
    assert f"{row} over tijd, geen status | nee |" in md


# --- diff and tracked changes -----------------------------------------------------------


def _git(root: Path, *args: str, when: str = "2025-03-01T10:00:00+00:00") -> None:
    env = {
        "GIT_AUTHOR_NAME": "Bert de Vries",
        "GIT_AUTHOR_EMAIL": "bert@example.org",
        "GIT_COMMITTER_NAME": "Bert de Vries",
        "GIT_COMMITTER_EMAIL": "bert@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "HOME": str(root),
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _make_history(project: Path) -> Path:
    """The example at ``project`` put in git: a first commit, then a herijking that moves a
    mijlpaal and changes a streefwaarde."""
    assert shutil.which("git"), "regiogen diff reads git history: git must be installed"
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "vastgesteld", when="2023-12-20T12:00:00+00:00")
    afspraken = project / "content" / "lindeland" / "afspraken.yaml"
    text = afspraken.read_text("utf-8")
    text = text.replace(
        "{wat: Alle zes steunpunten open, wanneer: 2025-Q2}",
        "{wat: Alle zes steunpunten open, wanneer: 2025-Q4}",
    )
    text = text.replace(
        "streefwaarde: 80%, datum: 2026-06-30", "streefwaarde: 70%, datum: 2026-06-30"
    )
    afspraken.write_text(text, "utf-8")
    _git(project, "commit", "-qam", "herijking 2025")
    return project


@pytest.fixture
def history(project: Path) -> Path:
    """The example in git (:func:`_make_history`), for a test that changes it."""
    return _make_history(project)


#: The documents whose tracked changes :func:`diffed` makes.
DIFFED = ("regioplan", "werkagenda", "spuk-iza-bijlage")


def diffed_once(factory: pytest.TempPathFactory) -> Path:
    """``build/lindeland`` after ``regiogen diff --document`` with the tracked changes of
    :data:`DIFFED` between the two commits of :func:`_make_history`; made once per run and
    shared by the workers (and by :func:`conftest.real_pdf_folder`): read only."""

    def make(folder: Path) -> None:
        shutil.copytree(EXAMPLE_REGION, folder / "content" / "lindeland")
        _make_history(folder)
        args = [arg for kind in DIFFED for arg in ("--docx", kind)]
        code, out = _run(
            "diff", str(folder), "--sinds", "HEAD~1", "--tot", "HEAD", "--document", *args
        )
        assert code == 0, out

    return made_once(factory, "voortgang-diffed", make) / "build" / "lindeland"


@pytest.fixture
def diffed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """See :func:`diffed_once`."""
    return diffed_once(tmp_path_factory)


def test_diff_between_two_commits_reports_exactly_those_changes(history: Path) -> None:
    code, out = _run("diff", str(history), "--sinds", "HEAD~1", "--tot", "HEAD", "--format", "json")
    assert code == 0, out
    data = json.loads(out)
    found = [
        (w["soort"], w["onderwerp"], w["veld"], w["oud"], w["nieuw"]) for w in data["wijzigingen"]
    ]
    assert found == [
        ("verplaatst", "mijlpaal 'Alle zes steunpunten open' (A1)", "wanneer", "2025-Q2",
         "2025-Q4"),
        ("gewijzigd", "resultaat 'Aanmeldingen met aanbod binnen twee weken' (A2)",
         "streefwaarde", "80%", "70%"),
    ]  # fmt: skip
    code, out = _run("diff", str(history), "--sinds", "HEAD~1", "--tot", "HEAD")
    assert out.splitlines()[1:] == [
        "# lindeland",
        "- mijlpaal 'Alle zes steunpunten open' (A1) is verplaatst van 2025-Q2 naar 2025-Q4",
        "- resultaat 'Aanmeldingen met aanbod binnen twee weken' (A2): streefwaarde van 80% "
        "naar 70%",
    ]
    code, out = _run("diff", str(history))  # the working tree against HEAD
    assert "geen wijzigingen" in out


def test_diff_of_two_folders(project: Path, tmp_path: Path) -> None:
    nieuw = tmp_path / "nieuw"
    shutil.copytree(project, nieuw)
    begroting = nieuw / "content" / "lindeland" / "begroting.yaml"
    begroting.write_text(
        begroting.read_text("utf-8").replace('2025: "95000"', '2025: "105000"'), "utf-8"
    )
    _, out = _run("diff", "--oud", str(project), "--nieuw", str(nieuw), str(project))
    assert "post P3 'Opzet steunpunten mentale gezondheid' is € 10.000,00 hoger" in out
    assert "2025: € 95.000,00 → € 105.000,00" in out


def _marks(docx: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return [el for el in root.iter(f"{W}ins", f"{W}del")]


def test_tracked_changes_docx_marks_the_herijking(diffed: Path) -> None:
    region = diffed
    docx = (region / "regioplan-wijzigingen.docx").read_bytes()
    marks = _marks(docx)
    assert marks
    assert {m.get(f"{W}author") for m in marks} == {"Bert de Vries"}
    assert {m.get(f"{W}date") for m in marks} == {"2025-03-01T10:00:00Z"}
    ids = [m.get(f"{W}id") for m in marks]
    assert len(ids) == len(set(ids))

    def shown(m: etree._Element, tag: str) -> str:  # a quarter's spaces do not break
        return "".join(t.text or "" for t in m.iter(f"{W}{tag}")).replace("\u00a0", " ")

    deleted = {shown(m, "delText") for m in marks if m.tag == f"{W}del"}
    inserted = {shown(m, "t") for m in marks if m.tag == f"{W}ins"}
    assert {"80%", "2e kwartaal 2025"} <= deleted
    assert {"70%", "4e kwartaal 2025"} <= inserted
    for m in marks:
        if m.tag == f"{W}del":
            assert not list(m.iter(f"{W}t")), "deleted text must be w:delText"
        else:
            assert not list(m.iter(f"{W}delText"))
    for trpr in etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).iter(
        f"{W}trPr"
    ):
        names = [etree.QName(c).localname for c in trpr]
        assert names[0] not in ("ins", "del"), "a row property comes before the revision mark"
    wijzigingen = (region / "wijzigingen.md").read_text("utf-8")
    assert "is verplaatst van 2025-Q2 naar 2025-Q4" in wijzigingen
    assert (region / "wijzigingen.docx").is_file()


def test_tracked_changes_word_by_word() -> None:
    from regiogen.render.convert import ConvertOptions, convert_markdown

    def docx(text: str) -> bytes:
        out, _ = convert_markdown(
            f"---\ntitel: t\n---\n\n{text}\n", {"docx"}, ConvertOptions(name="t")
        )
        return out["docx"]

    old = docx("# Kop\n\nDe wachttijd daalt naar acht weken.\n\nDeze alinea vervalt.")
    new = docx("# Kop\n\nDe wachttijd daalt naar zes weken.\n\nEen nieuwe alinea.")
    when = datetime(2025, 3, 1, 10, tzinfo=UTC)
    marks = _marks(track_changes_docx(old, new, "Anna", when, 0))
    texts = [
        (etree.QName(m).localname, "".join(t.text or "" for t in m.iter(f"{W}t", f"{W}delText")))
        for m in marks
        if m.getparent().tag == f"{W}p"
    ]
    assert ("del", "acht") in texts and ("ins", "zes") in texts
    assert ("del", "Deze alinea vervalt.") in texts
    assert ("ins", "Een nieuwe alinea.") in texts


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is not installed")
def test_libreoffice_shows_the_tracked_changes(real_pdf_folder: Path) -> None:
    """The werkagenda with tracked changes, as LibreOffice lays it out (converted with the
    other PDFs of :func:`conftest.real_pdf_folder`, in the same start)."""
    text = "\n".join(pdf_pages(real_pdf_folder / "werkagenda-wijzigingen.pdf"))
    # Shown as changes: the deleted and the inserted value both appear.
    assert "80%" in text and "70%" in text
    assert "2e kwartaal 2025" in text and "4e kwartaal 2025" in text


def test_verantwoording_shows_the_amounts_of_the_plans_mijlpalen(built_at_peildatum: Path) -> None:
    md = (built_at_peildatum / "build" / "lindeland" / "verantwoording.md").read_text("utf-8")
    row = "| T1: Steunpunten ingericht en bemenst | 2e kwartaal 2025 | € 180.000,00 | gepland | — |"
    assert row in md
    assert "| **Totaal** | | **€ 1.270.000,00** | | |" in md


def test_a_plan_without_its_own_mijlpalen_is_accounted_by_its_afspraken(project: Path) -> None:
    plannen = project / "content" / "lindeland" / "transformatieplannen.yaml"
    lines = plannen.read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "mijlpalen:")
    end = start + 1
    while lines[end].lstrip().startswith("- {wat:"):
        end += 1
    del lines[start:end]  # T1 loses its own mijlpaalplanning; A1 and A2 remain
    plannen.write_text("".join(lines), "utf-8")
    afspraken = project / "content" / "lindeland" / "afspraken.yaml"
    text = afspraken.read_text("utf-8")
    text = text.replace(
        "{wat: Alle zes steunpunten open, wanneer: 2025-Q2}",
        '{wat: Alle zes steunpunten open, wanneer: 2025-Q2, bedrag: "180000"}',
    ).replace(
        "{wat: Werkwijze triagepunt vastgesteld, wanneer: 2024-Q3,",
        '{wat: Werkwijze triagepunt vastgesteld, wanneer: 2024-Q3, bedrag: "20000",',
    )
    afspraken.write_text(text, "utf-8")
    _build(project, "--peildatum", PEILDATUM)
    md = (project / "build" / "lindeland" / "verantwoording.md").read_text("utf-8")
    assert "| A1: Alle zes steunpunten open | 2e kwartaal 2025 | € 180.000,00 | gepland | — |" in md
    assert "| **Totaal** | | **€ 200.000,00** | | |" in md
    assert "Steunpunten ingericht en bemenst" not in md


def test_asked_for_voortgang_documents_are_not_stale_and_verify(
    built_at_peildatum: Path, tmp_path: Path
) -> None:
    project = _copy(built_at_peildatum, tmp_path)
    code, out = _run("build", str(project), "--jobs", "1", "--no-git-stamp")
    assert "build.stale" not in out, out
    assert (project / "build" / "lindeland" / "voortgangsrapportage.md").is_file()
    code, out = _run("verify", str(project))
    assert code == 0, out


def test_the_new_word_files_pass_the_ooxml_check(built_at_peildatum: Path, diffed: Path) -> None:
    """The voortgang's documents, the list of changes and tracked changes of three kinds."""
    from ooxml_check import problems

    built = built_at_peildatum / "build" / "lindeland"
    files = [built / "voortgangsrapportage.docx", built / "verantwoording.docx"]
    files += [
        diffed / "wijzigingen.docx",
        *(diffed / f"{kind}-wijzigingen.docx" for kind in DIFFED),
    ]
    found = {path.name: problems(path.read_bytes()) for path in files}
    assert {name: p for name, p in found.items() if p} == {}
