"""``regiogen init``: a new project with settings, an example region and a .gitignore.

Never overwrites: a file that exists is left as it is and reported.
"""

from __future__ import annotations

from pathlib import Path

from regiogen.diagnostics import os_reason
from regiogen.paths import builtin_example_dir, inside


class ScaffoldError(Exception):
    """The project cannot be set up (message in Dutch)."""


CONFIG = """\
# yaml-language-server: $schema=schemas/regiogen-config.schema.json
# Instellingen van dit regiogen-project. Alle sleutels zijn optioneel.
organisatie: {organisatie}
content: content            # map met één submap per regio
uitvoer: build              # hier komen de documenten
formaten: [md, docx]        # ook mogelijk: pdf, html, xlsx
# referentiedocument: huisstijl.docx   # Word-huisstijl van de opdrachtgever
# documenten:                          # standaard: alle soorten voor alle regio's
#   regioplan: alle
#   spuk-iza-bijlage: [lindeland]
# regels:                              # een regel uitzetten of anders wegen, met reden
#   iza.opgaven.aantal: {{ernst: info, reden: "regio koos bewust voor zes opgaven"}}
"""

GITIGNORE = "build/\n"

#: VS Code (YAML extension): a schema for every region file, one for the handreiking's
#: ``_index.yaml`` (which the region glob must not catch: "!" excludes it) and one for the
#: settings, so every YAML file completes and validates while typing. The schemas are in
#: ``schemas/``, which is committed, so a fresh clone has them.
VSCODE_SETTINGS = """\
{
  "yaml.schemas": {
    "schemas/regiogen.schema.json": [
      "content/*/*.yaml",
      "content/*/*.yml",
      "!content/*/_index.yaml"
    ],
    "schemas/regiogen-handreiking.schema.json": "content/*/_index.yaml",
    "schemas/regiogen-config.schema.json": "regiogen.yaml"
  }
}
"""


def scaffold(target: Path, organisatie: str = "Programmabureau IZA") -> tuple[list[str], list[str]]:
    """Create the project files under ``target``; return (created, kept) relative paths."""
    files: dict[str, bytes] = {
        "regiogen.yaml": CONFIG.format(organisatie=organisatie).encode(),
        ".gitignore": GITIGNORE.encode(),
        ".vscode/settings.json": VSCODE_SETTINGS.encode(),
    }
    example = builtin_example_dir()
    for path in sorted(example.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(example).as_posix()
            files[f"content/{rel}"] = path.read_bytes()
    created: list[str] = []
    kept: list[str] = []
    for rel, data in files.items():
        path = target / rel
        if path.exists() or path.is_symlink():  # a dangling link is there too: never replaced
            kept.append(rel)
            continue
        try:
            if not inside(path.parent, target):
                raise ScaffoldError(
                    f"{rel}: de map wijst (via een snelkoppeling) naar een plek buiten "
                    f"'{target}'; init schrijft daar niet"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:  # "x": fail rather than overwrite, even in a race
                handle.write(data)
        except FileExistsError:
            kept.append(rel)
            continue
        except OSError as exc:
            raise ScaffoldError(f"{rel} kan niet worden gemaakt: {os_reason(exc)}") from None
        created.append(rel)
    return created, kept
