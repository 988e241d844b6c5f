"""What a build can skip: the keys its findings are kept under, and earlier outputs still current.

A region's outputs and findings are stored in the manifest under a key of its inputs; a later
build compares them per kind (:class:`RegionKeys`, :func:`outputs_of`), so ``build --doc X``
followed by ``build`` renders only what changed. Output paths are mapped to their document,
kind and format here. May import :mod:`regiogen.build.output`, :mod:`regiogen.build.region`
and the earlier stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regiogen.build.output import sha256_bytes, sha256_file
from regiogen.build.region import Rendered, RenderSettings
from regiogen.diagnostics import Diagnostic


@dataclass(frozen=True)
class RegionKeys:
    """Where a region's findings are kept in the manifest, for its inputs (``key``).

    The findings about the region itself (loading, schema, rules) depend on the kinds the
    rules judge; those of making a kind's documents on that kind alone (and the peildatum,
    when the build has one). So a ``build --doc X`` and a full build share what they
    have in common, and each re-renders only the kinds whose inputs changed.
    """

    key: str
    kinds: tuple[str, ...]
    peildatum: str | None

    @property
    def rules(self) -> str:
        """The key of the findings about the region for this set of kinds."""
        scope = sha256_bytes(repr((sorted(self.kinds), self.peildatum)).encode())[:16]
        return f"{self.key}:regels:{scope}"

    def of(self, kind: str) -> str:
        """The key of the findings of making ``kind``'s documents."""
        # (at a peildatum the rules judge the voortgang too, which the toetsing shows)
        return f"{self.key}:{kind}@{self.peildatum}" if self.peildatum else f"{self.key}:{kind}"

    def findings(
        self, rendered: Rendered, made: tuple[str, ...]
    ) -> dict[str, list[dict[str, Any]] | None]:
        """What to keep of rendering the kinds ``made``: None for a kind that failed (it is
        made again next time, so an earlier entry must go)."""
        about = rendered.region_findings if rendered.complete else rendered.diagnostics
        kept: dict[str, list[dict[str, Any]] | None] = {self.rules: [d.as_dict() for d in about]}
        for kind in made:
            found = rendered.by_kind.get(kind) if rendered.complete else None
            kept[self.of(kind)] = None if found is None else [d.as_dict() for d in found]
        return kept


def replayed(stored: Any) -> list[Diagnostic]:
    """The findings an earlier build stored for an up-to-date part, reported again."""
    if not isinstance(stored, list):
        return []
    found = []
    for item in stored:
        diagnostic = Diagnostic.from_dict(item)
        if diagnostic is not None:
            found.append(diagnostic)
    return found


def with_kinds(settings: RenderSettings, kinds: tuple[str, ...]) -> RenderSettings:
    from dataclasses import replace

    return replace(settings, kinds=kinds)


def kind_of(path: str) -> str:
    """The document kind an output file belongs to (``lindeland/begroting.xlsx`` → the bijlage).

    A chart belongs to its document: ``<region>/<stem>-grafieken/x.png`` and
    ``<region>/<stem>-figuur-1.svg`` to ``<stem>``.
    """
    parts = path.split("/")
    if len(parts) == 3 and parts[1].endswith("-grafieken"):
        return kind_of(f"{parts[0]}/{parts[1].removesuffix('-grafieken')}.md")
    stem = document_stem(path).rsplit("/", 1)[-1]
    for kind in ("transformatieplan", "gala-plan-van-aanpak"):  # one document per plan
        if stem.startswith(f"{kind}-"):
            return kind
    return "spuk-iza-bijlage" if stem == "begroting" else stem


def document_stem(path: str) -> str:
    """The document an output file belongs to: a chart (``x-figuur-1.svg``) to ``x``."""
    return _FIGURE.sub("", path.rsplit(".", 1)[0])


def format_of(path: str) -> str:
    """The format an output belongs to: its extension; a document's charts go with its ``md``."""
    parts = path.split("/")
    if len(parts) == 3 and parts[1].endswith("-grafieken"):
        return "md"
    suffix = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
    return "md" if suffix in ("png", "svg") else suffix


_FIGURE = re.compile(r"-figuur-[0-9]+$")


def outputs_of(
    old: dict[str, Any],
    region: str,
    key: str,
    out_dir: Path,
    scope: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
    peildatum: str | None = None,
    *,
    none_is_current: bool = False,
) -> dict[str, Any] | None:
    """The earlier outputs of a region when its inputs did not change and its files are intact.

    ``scope`` (kinds, formats) limits the comparison to the outputs this build would make, so
    a filtered build (``--doc``, ``--to``) is skipped too when nothing changed for it. The
    outputs must have been made at ``peildatum`` (None: without one). A scope without earlier
    outputs is not current, unless ``none_is_current`` (a kind that made no documents).
    """
    mine = {
        path: entry
        for path, entry in old.items()
        if path.split("/", 1)[0] == region
        and (scope is None or (kind_of(path) in scope[0] and format_of(path) in scope[1]))
    }
    if not mine:
        return {} if none_is_current else None
    for path, entry in mine.items():
        if entry.get("inputs", {}).get("#key") != key:
            return None
        if entry.get("inputs", {}).get("#peildatum") != peildatum:
            return None
        if sha256_file(out_dir / path) != entry.get("sha256"):
            return None
    return mine
