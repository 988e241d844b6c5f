"""JSON Schemas of the content and of ``regiogen.yaml``, for completion and checks in editors.

Editors (VS Code with the YAML extension, JetBrains, Neovim with yaml-language-server) read a
schema named in a first-line comment::

    # yaml-language-server: $schema=../../schemas/regiogen.schema.json

The schemas are generated from the pydantic models, then adapted so they are *never
stricter than regiogen itself*:

* an editor reads YAML 1.2 types (``versie: 0.9`` is a number, ``code: 0363`` an integer),
  while regiogen reads every plain scalar as text and gives it its type. So text fields also
  accept numbers and true/false, numbers and years also accept text, yes/no fields accept
  ``ja``/``nee`` and friends;
* the root requires nothing, because a region's content may be split over several files.

Where JSON Schema can say it, the forms regiogen reads are patterns, so the editor marks a bad
value while typing instead of waiting for ``regiogen check``:

* a date (``Datum``): ``2023-12-20`` or ``20 december 2023``; not ``2023-13-01`` or ``morgen``;
* a moment (``Moment``): a year, ``2024-Q1`` … ``2024-Q4`` (also ``Q4 2024``, ``4e kwartaal
  2024``), ``2024-11``, ``november 2024`` or a date; not ``2024-Q5``;
* ja/nee (``JaNee``): true/false or the words regiogen knows (``ja``, ``nee``, ``waar``, …);
  not ``misschien``;
* an amount (``Bedrag``): a number, or text of digits with ``.``, ``,`` or spaces, an optional
  sign and ``€``/``euro``, and an optional ``,-``; not ``twaalfduizend``. Finer points (an
  ambiguous ``1.000``, wrong grouping) stay with ``regiogen check``, which explains them.

The patterns and their ``$defs`` nodes are in :mod:`regiogen.build.schema_patterns`.

What else the schema checks: unknown keys (with completion of the known ones), the fixed
choices (``status: concept | vastgesteld``, ``soort``, ``aard``, ``schaal``, …), the shape of
lists and tables, gemeentecodes and four-digit year keys. Descriptions are Dutch.

The handreiking's ``_index.yaml`` has a schema of its own (:func:`handreiking_schema`).

The JSON is deterministic: sorted keys, two-space indent, a final newline.
"""

from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

from regiogen.build.schema_patterns import DATE_SCHEMA, MOMENT_SCHEMA, MONEY_SCHEMA, YES_NO_SCHEMA
from regiogen.build.schema_texts import FIELD_TEXT, MODEL_TEXT

__all__ = [
    "CONFIG_SCHEMA_NAME",
    "CONTENT_SCHEMA_NAME",
    "HANDREIKING_SCHEMA_NAME",
    "SCHEMA_DIR",
    "SCHEMA_FILES",
    "config_schema",
    "content_schema",
    "handreiking_schema",
    "schema_bytes",
    "write_schemas",
]

CONTENT_SCHEMA_NAME = "regiogen.schema.json"
CONFIG_SCHEMA_NAME = "regiogen-config.schema.json"
HANDREIKING_SCHEMA_NAME = "regiogen-handreiking.schema.json"
#: Where the schemas live in a project: a folder that is committed (not build/, which is
#: git-ignored), so a colleague's fresh clone has them too.
SCHEMA_DIR = "schemas"
#: The files :func:`write_schemas` writes (never build outputs of a region).
SCHEMA_FILES = (CONTENT_SCHEMA_NAME, CONFIG_SCHEMA_NAME, HANDREIKING_SCHEMA_NAME)
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = ["string", "number", "boolean"]
_YEAR_KEYED = {"toegekend", "totalen", "bedragen", "reeks"}
_YEAR_KEY = {"pattern": "^[0-9]{4}$"}


def content_schema() -> dict[str, Any]:
    """The JSON Schema of a region's content (all its YAML files together, or any part).
    A fresh copy each call."""
    return copy.deepcopy(_content_schema())


@functools.cache
def _content_schema() -> dict[str, Any]:
    """Made once per process (pydantic takes 0,02–0,1 s for it)."""
    from regiogen.model.content import Content

    raw = Content.model_json_schema(mode="validation")
    defs = raw.pop("$defs", {})
    defs.pop("Moment", None)
    schema = _adapt(raw, defs)
    schema.pop("required", None)  # a file may hold only some of the top-level keys
    schema.update(
        {
            "$schema": _DRAFT,
            "title": "regiogen: inhoud van een regio",
            "description": "De YAML-bestanden in content/<regio>/: regio, partijen, regiobeeld, "
            "opgaven, afspraken, randvoorwaarden, mandaatstructuur, begroting, aanvraag, "
            "transformatieplannen, monitoring, ambitie, fundamenten, prioritering, mijlpalen, "
            "werkagenda, rollen en betrokkenheid. Elk bestand mag een deel van de sleutels "
            "bevatten.",
        }
    )
    return schema


def config_schema() -> dict[str, Any]:
    """The JSON Schema of ``regiogen.yaml``, with the known documentsoorten and IZA rules.
    A fresh copy each call."""
    return copy.deepcopy(_config_schema())


@functools.cache
def _config_schema() -> dict[str, Any]:
    """Made once per process (pydantic takes 0,02–0,1 s for it)."""
    from regiogen.model.project import ALL_KINDS, Config

    raw = Config.model_json_schema(mode="validation")
    defs = raw.pop("$defs", {})
    schema = _adapt(raw, defs)
    props = schema["properties"]
    for option in props["documenten"]["anyOf"]:
        if option.get("type") == "object":
            option["propertyNames"] = {"enum": list(ALL_KINDS)}
        elif option.get("type") == "array":
            option["items"] = {"enum": list(ALL_KINDS)}
    rules = _rule_rows()
    if rules:
        props["regels"]["properties"] = {
            row["id"]: {
                "$ref": "#/$defs/RegelInstelling",
                "description": f"{row['title']} [{row['reference']}] (standaard {row['severity']})",
            }
            for row in rules
        }
        props["regels"]["propertyNames"] = {"enum": [row["id"] for row in rules]}
    schema.update(
        {
            "$schema": _DRAFT,
            "title": "regiogen: projectinstellingen (regiogen.yaml)",
            "description": "Instellingen van een regiogen-project; alle sleutels zijn optioneel.",
        }
    )
    return schema


def handreiking_schema() -> dict[str, Any]:
    """The JSON Schema of a handreiking's ``_index.yaml`` (cover data and colofon).
    A fresh copy each call."""
    return copy.deepcopy(_handreiking_schema())


@functools.cache
def _handreiking_schema() -> dict[str, Any]:
    """Made once per process (pydantic takes 0,02–0,1 s for it)."""
    from regiogen.documents.handreiking_sources import HandreikingIndex

    raw = HandreikingIndex.model_json_schema(mode="validation")
    defs = raw.pop("$defs", {})
    schema = _adapt(raw, defs)
    schema.pop("required", None)
    schema["properties"]["variabelen"]["description"] = (
        "Extra variabelen voor de hoofdstukken ({{ naam }} in de Markdown)"
    )
    schema.update(
        {
            "$schema": _DRAFT,
            "title": "regiogen: voorblad en colofon van een handreiking (_index.yaml)",
            "description": "Titel, ondertitel, organisatie, datum en colofon van de handreiking; "
            "de hoofdstukken staan in de .md-bestanden van dezelfde map.",
        }
    )
    return schema


def _rule_rows() -> list[dict[str, str]]:
    try:
        from regiogen.rules import rule_table
    except ImportError:  # pragma: no cover - the rule catalogue is optional
        return []
    return sorted(rule_table(), key=lambda row: row["id"])


def schema_bytes(schema: dict[str, Any]) -> bytes:
    """Deterministic JSON text of a schema: sorted keys, indent 2, UTF-8, final newline."""
    return (json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def write_schemas(
    project_root: Path, out_dir: Path | None = None, *, keep_existing: bool = False
) -> list[Path]:
    """Write the schemas to ``out_dir`` (default ``<project>/schemas``); return the paths.

    Files are replaced atomically and only when their bytes change; with ``keep_existing``
    (``init``, which never overwrites) an existing file is left as it is.
    """
    from regiogen.build.output import output_target, write_output

    folder = out_dir if out_dir is not None else project_root / SCHEMA_DIR
    written = []
    for name, data in _schema_files():
        target = output_target(folder, name)  # never through a link out of the folder
        if keep_existing and (target.exists() or target.is_symlink()):
            continue
        write_output(folder, name, data)
        written.append(target)
    return written


@functools.cache
def _schema_files() -> tuple[tuple[str, bytes], ...]:
    """The schema files' names and bytes, made once per process: they depend on regiogen's
    code only, and pydantic takes about 0,3 s to make them (every build that writes them, and
    every ``init``, paid that again)."""
    return (
        (CONTENT_SCHEMA_NAME, schema_bytes(_content_schema())),
        (CONFIG_SCHEMA_NAME, schema_bytes(_config_schema())),
        (HANDREIKING_SCHEMA_NAME, schema_bytes(_handreiking_schema())),
    )


def _adapt(root: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Loosen scalar types, add Dutch texts, and put the definitions back."""
    adapted_defs = {name: dict(_node(schema)) for name, schema in defs.items()}
    for name, schema in adapted_defs.items():
        schema["title"] = name
        if name in MODEL_TEXT:
            schema["description"] = MODEL_TEXT[name]
    result: dict[str, Any] = dict(_node(root))
    result.pop("title", None)
    result.pop("description", None)
    adapted_defs["Bedrag"] = dict(MONEY_SCHEMA)
    adapted_defs["Moment"] = dict(MOMENT_SCHEMA)
    adapted_defs["Datum"] = dict(DATE_SCHEMA)
    adapted_defs["JaNee"] = dict(YES_NO_SCHEMA)
    result["$defs"] = dict(sorted(adapted_defs.items()))
    return result


def _node(schema: Any) -> Any:
    """Adapt one schema node (recursively)."""
    if isinstance(schema, list):
        return [_node(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    extra = {k: v for k, v in schema.items() if k in ("description", "title", "default")}
    if _is_money(schema):
        return {"$ref": "#/$defs/Bedrag", **extra}
    if schema.get("type") == "string" and schema.get("format") == "date":
        return {"$ref": "#/$defs/Datum", **extra}
    if schema.get("type") == "string" and schema.get("format") == "uiterlijk":
        return {"$ref": "#/$defs/Moment", **extra}  # a due date: a day, or a year/quarter/month
    if schema.get("type") == "boolean":
        return {"$ref": "#/$defs/JaNee", **extra}
    node = {key: _node(value) for key, value in schema.items() if key != "properties"}
    if "properties" in schema:
        node["properties"] = {
            field: _field(field, value) for field, value in schema["properties"].items()
        }
    kind = node.get("type")
    if "enum" not in node and "const" not in node:
        if kind == "string":
            node["type"] = list(_TEXT)
            node.pop("format", None)
        elif kind == "integer":
            node["type"] = ["integer", "string"]
    return node


def _field(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    node: dict[str, Any] = dict(_node(schema))
    node["title"] = name.replace("_", " ").capitalize()
    if "description" not in node and name in FIELD_TEXT:
        node["description"] = FIELD_TEXT[name]
    if name in _YEAR_KEYED:
        for option in [node, *node.get("anyOf", [])]:
            if option.get("type") == "object":
                option["propertyNames"] = dict(_YEAR_KEY)
    return node


def _is_money(schema: dict[str, Any]) -> bool:
    options = schema.get("anyOf")
    if not isinstance(options, list) or len(options) != 2:
        return False
    types = sorted(str(o.get("type")) for o in options if isinstance(o, dict) and len(o) == 1)
    return types == ["number", "string"]
