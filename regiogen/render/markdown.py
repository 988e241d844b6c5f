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
removed. Not guarded: repeated ``~`` concatenation in loops or recursive macros, and deeply
nested loops: a template author can still make a build slow or big. Bounding those needs a
time and memory limit around the build process; this module does not provide one.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Undefined,
)
from jinja2.exceptions import (
    SecurityError,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.filters import do_batch, do_center, do_format, do_indent, sync_do_slice
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment

from regiogen.dates import Moment, format_datum, parse_datum, parse_moment
from regiogen.diagnostics import Diagnostic, error
from regiogen.money import format_euro, format_percent, parse_money
from regiogen.paths import builtin_templates_dir, inside

__all__ = [
    "MarkdownText",
    "RenderResult",
    "escape_markdown",
    "make_environment",
    "render_template",
]

#: Largest string or list (in characters or items) one guarded operation may produce.
MAX_SIZE = 1_000_000
#: Largest padding width in a format specification or padding method.
MAX_WIDTH = 10_000
#: Largest integer (in bits) that ``*`` and ``**`` may produce.
MAX_INT_BITS = 4096


# --- Markdown escaping -------------------------------------------------------------------


class MarkdownText(str):
    """Text that is already escaped for Markdown; ``md`` and ``cel`` do not escape it again."""

    __slots__ = ()


_INLINE = re.compile(r"([\\`*_\[\]<>|~{}#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^([-+=:])(?=[ \t]|$|\1)")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?=[ \t]|$)")


def escape_markdown(text: str) -> str:
    """Escape plain text so Markdown shows it as written, never as markup.

    Conservative and line-based: outer whitespace and each line's leading and trailing
    whitespace are removed (so no indented code blocks or hard breaks appear), tabs become
    spaces, blank lines stay (they separate paragraphs). Always backslash-escaped:
    ``\\ ` * _ [ ] < > | ~ { } #`` and ``&`` when it would start an entity (``&amp;``).
    At the start of a line also ``- + = :`` when followed by a space, the end of the line or
    the same character (lists, setext underlines, thematic breaks, ``:::`` containers), and
    the dot or parenthesis after a number followed by a space (``2024. Het jaar`` would start
    a numbered list); ``-5%`` and ``1.5 fte`` stay as they are.
    """
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"):
        line = raw.replace("\t", " ").strip()
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        line = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))
        lines.append(line)
    return "\n".join(lines)


def _defined(value: object) -> object:
    """Make an undefined value fail the way StrictUndefined fails (or a sandbox refusal)."""
    if isinstance(value, Undefined):
        str(value)  # raises UndefinedError or SecurityError
    return value


def _md(value: object) -> MarkdownText:
    """Filter ``md``: the value as Markdown-escaped text."""
    value = _defined(value)
    if isinstance(value, MarkdownText):
        return value
    return MarkdownText(escape_markdown(str(value)))


def _cel(value: object) -> MarkdownText:
    """Filter ``cel``: text for one table cell, on one line, with ``|`` escaped."""
    value = _defined(value)
    flat = " ".join(str(value).split())
    return MarkdownText(flat if isinstance(value, MarkdownText) else escape_markdown(flat))


# --- value filters -----------------------------------------------------------------------


def _euro(value: object, decimals: int = 2) -> str:
    """Filter ``euro``: ``€ 1.234.567,89``; ``euro(0)`` rounds to whole euros."""
    value = _defined(value)
    if isinstance(value, str):
        return format_euro(parse_money(value), decimals)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_euro(value, decimals)
    raise TypeError(
        f"euro verwacht een bedrag (Decimal, int of tekst), geen {type(value).__name__}"
    )


def _procent(value: object, decimals: int = 1) -> str:
    """Filter ``procent``: ``12,5%`` for 12.5 (the value is in percent)."""
    value = _defined(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+(?:[.,][0-9]+)?", value.strip()):
        value = Decimal(value.strip().replace(",", "."))
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_percent(value, decimals)
    raise TypeError(f"procent verwacht een getal (Decimal of int), geen {value!r}")


def _datum(value: object) -> str:
    """Filter ``datum``: a date or ISO text as ``3 november 2023``."""
    value = _defined(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_datum(value)
    if isinstance(value, str):
        return format_datum(parse_datum(value))
    raise TypeError(f"datum verwacht een datum of tekst, geen {type(value).__name__}")


def _moment(value: object) -> str:
    """Filter ``moment``: a Moment, date or moment text as Dutch label (``4e kwartaal 2024``)."""
    value = _defined(value)
    if isinstance(value, Moment):
        return value.label
    if isinstance(value, date):
        return _datum(value)
    if isinstance(value, str):
        return parse_moment(value).label
    raise TypeError(f"moment verwacht een moment of tekst, geen {type(value).__name__}")


def _opsomming(items: object, voegwoord: str = "en") -> str:
    """Filter ``opsomming``: ``a, b en c``; ``opsomming("of")`` for ``a, b of c``."""
    items = _defined(items)
    if isinstance(items, str) or not isinstance(items, Iterable):
        raise TypeError(f"opsomming verwacht een lijst, geen {type(items).__name__}")
    values = [_defined(item) for item in items]
    parts = [str(item) for item in values]
    text = parts[0] if len(parts) == 1 else ""
    if len(parts) > 1:
        text = f"{', '.join(parts[:-1])} {voegwoord} {parts[-1]}"
    if values and all(isinstance(item, MarkdownText) for item in values):
        return MarkdownText(text)
    return text


# --- sandbox with resource guards --------------------------------------------------------

_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|[0-9]+)?(?:\.(\*|[0-9]+))?")


def _refuse(what: str) -> SecurityError:
    return SecurityError(f"sjabloon maakt {what}: dat is niet toegestaan")


def _check_width(width: object) -> None:
    if isinstance(width, int) and width > MAX_WIDTH:
        raise _refuse(f"een breedte van {width} (hoogstens {MAX_WIDTH})")


def _check_size(size: int) -> None:
    if size > MAX_SIZE:
        raise _refuse(f"een tekst of lijst van {size} tekens of elementen (hoogstens {MAX_SIZE})")


def _check_printf(fmt: str) -> None:
    for match in _PRINTF.finditer(fmt):
        for part in match.groups():
            if part == "*":
                raise _refuse("een opmaak met breedte uit een argument ('%*')")
            if part is not None:
                _check_width(int(part))


def _check_format_spec(fmt: str) -> None:
    for _, _, spec, _ in string.Formatter().parse(fmt):
        if spec and "{" in spec:
            raise _refuse("een geneste opmaak ('{:{...}}')")
        for number in re.findall(r"[0-9]+", spec or ""):
            _check_width(int(number))


def _sized(value: object) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _check_replace(text: str, old: str, new: str) -> None:
    count = text.count(old) if old else len(text) + 1
    _check_size(len(text) + count * len(new))


def _check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse calls of str methods that would build a huge string."""
    target = getattr(obj, "__wrapped__", obj)
    owner = getattr(target, "__self__", None)
    name = getattr(target, "__name__", "")
    if not isinstance(owner, str | bytes):
        return
    first = args[0] if args else next(iter(kwargs.values()), None)
    if name in ("ljust", "rjust", "center", "zfill"):
        _check_width(first)
    elif name == "expandtabs" and isinstance(first, int):
        _check_size(len(owner) * max(first, 1))
    elif name == "replace" and len(args) >= 2 and isinstance(owner, str):
        _check_replace(owner, str(args[0]), str(args[1]))
    elif name in ("format", "format_map") and isinstance(owner, str):
        _check_format_spec(owner)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``+``, ``**`` and ``%`` whose result would be huge, before computing it."""
    both_int = isinstance(left, int) and isinstance(right, int)
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            size = _sized(seq)
            if size is not None and isinstance(times, int):
                _check_size(size * times)
        if both_int and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise _refuse(f"een getal van meer dan {MAX_INT_BITS} bits")
    elif operator == "**":
        if both_int and abs(left) > 1 and right > 0 and left.bit_length() * right > MAX_INT_BITS:
            raise _refuse(f"een getal van meer dan {MAX_INT_BITS} bits")
    elif operator == "+":
        sizes = (_sized(left), _sized(right))
        if sizes[0] is not None and sizes[1] is not None:
            _check_size(sizes[0] + sizes[1])
    elif operator == "%" and isinstance(left, str):
        _check_printf(left)


def _range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise _refuse(f"een reeks (range) van {len(result)} getallen (hoogstens {MAX_RANGE})")
    return result


def _center(value: str, width: int = 80) -> str:
    _check_width(width)
    return do_center(value, width)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _check_width(width)
    text = str(s)
    prefix = len(width) if isinstance(width, str) else width
    _check_size(len(text) + prefix * (text.count("\n") + 1))
    return do_indent(text, width, first, blank)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_printf(str(value))
    return do_format(value, *args, **kwargs)


def _replace(s: str, old: str, new: str, count: int | None = None) -> str:
    text, old, new = str(s), str(old), str(new)
    _check_replace(text, old, new)
    return text.replace(old, new, -1 if count is None else count)


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
    _check_size(linecount)
    return do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _check_size(slices)
    return sync_do_slice(value, slices, fill_with)


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox plus the resource guards described in the module docstring."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    #: The template folders, in lookup order; set by :func:`make_environment`.
    template_roots: tuple[Path, ...] = ()

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Check the operation's result size, then run it."""
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Check str-method calls that pad or replace, then call through the sandbox."""
        _check_call(obj, args, kwargs)
        return super().call(context, obj, *args, **kwargs)


# --- environment and rendering -----------------------------------------------------------


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
    )
    env.template_roots = (*(Path(f) for f in folders), builtin)
    env.globals["range"] = _range
    env.globals.pop("lipsum", None)
    env.filters.update(
        euro=_euro,
        procent=_procent,
        datum=_datum,
        moment=_moment,
        opsomming=_opsomming,
        md=_md,
        cel=_cel,
        center=_center,
        indent=_indent,
        format=_format,
        replace=_replace,
        batch=_batch,
        slice=_slice,
    )
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
) -> RenderResult:
    """Render template ``name`` with ``context``; never raises for template problems.

    Problems become one error diagnostic positioned in the template file (shown relative to
    ``display_root`` when it lies inside it): ``template.syntax``, ``template.undefined``,
    ``template.security``, ``io.not-found`` or ``template.error``.
    """
    env = _sandbox(project_templates, builtin_dir)
    try:
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
    known = {
        ZeroDivisionError: "deling door nul",
        RecursionError: "te diepe herhaling (recursie)",
        MemoryError: "te weinig geheugen",
    }
    detail = known.get(type(exc)) or str(exc) or type(exc).__name__
    return error("template.error", f"fout bij het vullen van het sjabloon: {detail}", path, line)
