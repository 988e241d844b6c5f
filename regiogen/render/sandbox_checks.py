"""What a template may not make: results too big to build, refused before they are built.

``*``, ``+``, ``**`` and ``%`` (:func:`check_binop`) and the ``str`` methods that pad or
replace (:func:`check_call`) are checked on their operands; the ``safe_*`` functions replace
Jinja's ``range`` and the ``center``, ``indent``, ``format``, ``replace``, ``batch`` and
``slice`` filters with versions that check widths and sizes first. A refusal is a
:class:`~jinja2.exceptions.SecurityError` with a Dutch message. Imports only Jinja2; used by
:mod:`regiogen.render.sandbox` and :mod:`regiogen.render.markdown`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.filters import do_batch, do_center, do_format, do_indent, sync_do_slice
from jinja2.sandbox import MAX_RANGE

#: Largest string or list (in characters or items) one guarded operation may produce.
MAX_SIZE = 1_000_000
#: Largest padding width in a format specification or padding method.
MAX_WIDTH = 10_000
#: Largest integer (in bits) that ``*`` and ``**`` may produce.
MAX_INT_BITS = 4096


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


def check_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
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


def check_binop(operator: str, left: Any, right: Any) -> None:
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


def safe_range(*args: int) -> range:
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise _refuse(f"een reeks (range) van {len(result)} getallen (hoogstens {MAX_RANGE})")
    return result


def safe_center(value: str, width: int = 80) -> str:
    _check_width(width)
    return do_center(value, width)


def safe_indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _check_width(width)
    text = str(s)
    prefix = len(width) if isinstance(width, str) else width
    _check_size(len(text) + prefix * (text.count("\n") + 1))
    return do_indent(text, width, first, blank)


def safe_format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_printf(str(value))
    return do_format(value, *args, **kwargs)


def safe_replace(s: str, old: str, new: str, count: int | None = None) -> str:
    text, old, new = str(s), str(old), str(new)
    _check_replace(text, old, new)
    return text.replace(old, new, -1 if count is None else count)


def safe_batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Any:
    _check_size(linecount)
    return do_batch(value, linecount, fill_with)


def safe_slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _check_size(slices)
    return sync_do_slice(value, slices, fill_with)
