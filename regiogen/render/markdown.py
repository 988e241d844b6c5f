"""Templates to Markdown: the sandboxed Jinja2 environment, its filters and template lookup.

Templates are looked up first in the project's ``templates/`` folder, then among the built-in
templates (:func:`regiogen.paths.builtin_templates_dir`), so a project overrides a built-in
template by putting a file of the same name in its own folder. A project template can still
reach the built-in one as ``builtin:<name>`` (``{% extends "builtin:regioplan.md.j2" %}``).
Names that leave those folders (``../x``, absolute paths) are not found.

The environment is an :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` with
:class:`~jinja2.StrictUndefined`; autoescaping is off because the output is Markdown. Text
from YAML is data: it is never evaluated as a template, and the ``md`` and ``cel`` filters
escape what Markdown would otherwise read as markup (see :func:`escape_markdown`).

Resource guards (see :class:`_Sandbox`): ``*``, ``+``, ``**`` and ``%`` are checked before they
run, so ``'a' * 10**9``, ``[0] * 10**9``, ``9 ** 1000000`` and ``'%999999999s' % x`` are refused;
so are huge padding widths in ``str.format``, ``ljust``/``rjust``/``center``/``zfill``, the
``center``, ``indent``, ``format`` and ``replace`` filters, and ``batch``/``slice`` fill
counts. ``range`` is limited to 100 000 items (the sandbox's MAX_RANGE) and ``lipsum`` is
removed. Each render runs within :class:`~regiogen.render.sandbox.TemplateLimits` (steps,
characters, processor time): nested loops, ``~`` doubling and joins of huge lists end in a
``template.limit`` diagnostic at the template line instead of hanging or taking all memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.exceptions import (
    SecurityError,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from regiogen.diagnostics import Diagnostic, error
from regiogen.paths import builtin_templates_dir, inside
from regiogen.render.compiled import COMPILED
from regiogen.render.filters import (
    MarkdownText,
    _cel,
    _datum,
    _euro,
    _euro_kort,
    _getal,
    _md,
    _moment,
    _opsomming,
    _procent,
    escape_markdown,
)
from regiogen.render.sandbox import (
    TemplateLimit,
    TemplateLimits,
    _concat,
    _finalize,
    _guard_filter,
    _Sandbox,
    _step,
    bounded,
)
from regiogen.render.sandbox_checks import (
    safe_batch,
    safe_center,
    safe_format,
    safe_indent,
    safe_range,
    safe_replace,
    safe_slice,
)

__all__ = [
    "MarkdownText",
    "RenderResult",
    "TemplateLimit",
    "TemplateLimits",
    "bounded",
    "escape_markdown",
    "make_environment",
    "render_template",
]


class TemplateOutsideProject(TemplateError):
    """A template file whose real location (after symbolic links) is outside its folder.

    Not a TemplateNotFound: a ChoiceLoader would swallow that and try the next folder.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class _ConfinedLoader(FileSystemLoader):
    """A FileSystemLoader that refuses files which resolve outside their search folder.

    Jinja's loader already refuses ``..`` in names, but it follows symbolic links: a link
    ``templates/stuk.md.j2 -> /etc/passwd`` would be read. This loader resolves the file and
    refuses it unless it lies inside the folder it was found in.
    """

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        roots = [Path(folder).resolve() for folder in self.searchpath]
        if not any(real == root or root in real.parents for root in roots):
            raise TemplateOutsideProject(template)
        return source, filename, uptodate


@lru_cache(maxsize=16)
def _environment(
    project: Path | None, builtin: Path, listing: tuple[tuple[str, int], ...] = ()
) -> _Sandbox:
    """One environment per template folders *and* their listing: a template added to,
    removed from or changed in the project folder gets a fresh environment, so its
    template cache never serves a built-in template where an override now stands."""
    folders = [str(project)] if project is not None and project != builtin else []
    loader = ChoiceLoader(
        [
            _ConfinedLoader([*folders, str(builtin)]),
            PrefixLoader({"builtin": _ConfinedLoader(str(builtin))}, delimiter=":"),
        ]
    )
    env = _Sandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown heading ids read "{#regiobeeld}", so Jinja comments are "{## … ##}".
        comment_start_string="{##",
        comment_end_string="##}",
        finalize=_finalize,
        bytecode_cache=COMPILED,
    )
    env.template_roots = (*(Path(f) for f in folders), builtin)
    env.globals["range"] = safe_range
    env.globals.pop("lipsum", None)
    env.filters.update(
        euro=_euro,
        euro_kort=_euro_kort,
        getal=_getal,
        procent=_procent,
        datum=_datum,
        moment=_moment,
        opsomming=_opsomming,
        md=_md,
        cel=_cel,
        center=safe_center,
        indent=safe_indent,
        format=safe_format,
        replace=safe_replace,
        batch=safe_batch,
        slice=safe_slice,
    )
    env.filters = {name: _guard_filter(f) for name, f in env.filters.items()}
    env.filters["regiogen_stap"] = pass_context(lambda _context, weight: _step(weight))
    env.filters["regiogen_concat"] = _concat
    return env


def make_environment(
    project_templates: Path | None, *, builtin_dir: Path | None = None
) -> ImmutableSandboxedEnvironment:
    """Return the (cached) sandboxed environment for a project's templates folder.

    ``project_templates`` may be ``None`` or a folder that does not exist (only built-in
    templates then); ``builtin_dir`` defaults to :func:`regiogen.paths.builtin_templates_dir`.
    """
    return _sandbox(project_templates, builtin_dir)


def _sandbox(project_templates: Path | None, builtin_dir: Path | None) -> _Sandbox:
    builtin = builtin_dir if builtin_dir is not None else builtin_templates_dir()
    project = project_templates.resolve() if project_templates is not None else None
    return _environment(project, builtin.resolve(), _listing(project))


def _listing(folder: Path | None) -> tuple[tuple[str, int], ...]:
    """Names and modification times of the files in a project's templates folder."""
    if folder is None:
        return ()
    try:
        return tuple(
            sorted((p.name, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file())
        )
    except OSError:
        return ()


@dataclass(frozen=True)
class RenderResult:
    """Rendered Markdown (``None`` when rendering failed) and what went wrong."""

    text: str | None
    diagnostics: list[Diagnostic]


def render_template(
    name: str,
    context: Mapping[str, object],
    *,
    project_templates: Path | None,
    display_root: Path | None = None,
    builtin_dir: Path | None = None,
    limits: TemplateLimits | None = None,
) -> RenderResult:
    """Render template ``name`` with ``context``; never raises for template problems.

    Problems become one error diagnostic positioned in the template file (shown relative to
    ``display_root`` when it lies inside it): ``template.syntax``, ``template.undefined``,
    ``template.security``, ``template.limit``, ``io.not-found`` or ``template.error``.
    Rendering stays within ``limits`` (the defaults of :class:`TemplateLimits` if None).
    """
    env = _sandbox(project_templates, builtin_dir)
    try:
        with bounded(limits):
            text = env.get_template(name).render(dict(context))
    except Exception as exc:
        return RenderResult(None, [_diagnose(exc, name, env, display_root)])
    return RenderResult(text, [])


def _display(filename: str, display_root: Path | None) -> str:
    path = Path(filename)
    if display_root is not None and inside(path, display_root):
        return path.resolve().relative_to(display_root.resolve()).as_posix()
    return path.as_posix()


def _where(exc: BaseException, env: _Sandbox) -> tuple[str | None, int | None]:
    """The innermost template frame of the (Jinja-rewritten) traceback: file and line."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.startswith("<") and any(
            inside(Path(filename), r) for r in env.template_roots
        ):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"'([^']+)' is undefined"), "onbekende naam '{0}' in sjabloon"),
    (
        re.compile(r"'(.+)' has no attribute '(.+)'"),
        "onbekend attribuut '{1}' van '{0}' in sjabloon",
    ),
    (re.compile(r"'(.+)' has no element (.+)"), "onbekend element {1} van '{0}' in sjabloon"),
    (
        re.compile(r"access to attribute '(.+)' of '.+' object is unsafe\."),
        "sjabloon probeert een niet-toegestaan attribuut te gebruiken: '{0}'",
    ),
    (re.compile(r"(.+) is not safely callable"), "sjabloon roept iets aan wat niet mag: {0}"),
    (re.compile(r"No filter named '(.+)'\.?"), "onbekend filter '{0}'"),
    (re.compile(r"No test named '(.+)'\.?"), "onbekende test '{0}'"),
]


def _translate(message: str, fallback: str) -> str:
    for pattern, dutch in _TRANSLATIONS:
        if match := pattern.fullmatch(message):
            return dutch.format(*match.groups())
    return f"{fallback}: {message}" if not message.startswith("sjabloon") else message


def _diagnose(exc: Exception, name: str, env: _Sandbox, root: Path | None) -> Diagnostic:
    """Turn an exception from loading or rendering a template into one diagnostic."""
    if isinstance(exc, TemplateSyntaxError):
        path = _display(exc.filename, root) if exc.filename else name
        message = _translate(exc.message or "", "syntaxfout in sjabloon")
        return error("template.syntax", message, path, exc.lineno)
    filename, line = _where(exc, env)
    path = _display(filename, root) if filename else name
    if isinstance(exc, TemplateOutsideProject):
        message = (
            f"sjabloon '{exc.name}' wijst (via een snelkoppeling) naar een bestand buiten de "
            "sjablonenmap; dat wordt niet gelezen"
        )
        return error("io.outside-project", message, path, line)
    if isinstance(exc, TemplateNotFound):
        message = f"sjabloon '{exc.name}' niet gevonden"
        if filename is None:
            message += " in " + " of ".join(str(r) for r in env.template_roots)
        return error("io.not-found", message, path, line)
    if isinstance(exc, UndefinedError):
        message = _translate(exc.message or "", "onbekende naam in sjabloon")
        return error("template.undefined", message, path, line)
    if isinstance(exc, SecurityError):
        message = _translate(str(exc), "sjabloon probeert iets wat niet is toegestaan")
        return error("template.security", message, path, line)
    if isinstance(exc, TemplateLimit):
        return error("template.limit", str(exc), path, line)
    known = {
        ZeroDivisionError: "deling door nul",
        RecursionError: "te diepe herhaling (recursie)",
        MemoryError: "te weinig geheugen",
    }
    detail = known.get(type(exc)) or str(exc) or type(exc).__name__
    return error("template.error", f"fout bij het vullen van het sjabloon: {detail}", path, line)
