"""The sandboxed Jinja2 environment class with its resource guards.

``*``, ``+``, ``**`` and ``%`` are checked before they run, so ``'a' * 10**9``,
``[0] * 10**9``, ``9 ** 1000000`` and ``'%999999999s' % x`` are refused; so are huge padding
widths in ``str.format``, ``ljust``/``rjust``/``center``/``zfill``, the ``center``,
``indent``, ``format`` and ``replace`` filters, and ``batch``/``slice`` fill counts.
``range`` is limited to 100 000 items (the sandbox's MAX_RANGE). Those checks live in
:mod:`regiogen.render.sandbox_checks`.

On top of those, every render runs within a budget (:class:`TemplateLimits`, settable in
``regiogen.yaml``): *steps* (each round of a loop, each macro or ``caller`` call, each
block and each template that runs), *characters* (everything a template prints, joins with
``~``, or passes to and gets from a filter or method call, counted before the big value is
made where that is possible) and *processor time* (``time.process_time``, never the wall
clock, checked at every step). Past a limit rendering stops with :class:`TemplateLimit`,
which names the limit and the setting; the caller positions it at the template line.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import nodes
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from regiogen.render.sandbox_checks import check_binop, check_call


@dataclass(frozen=True)
class TemplateLimits:
    """How much one document's templates may do (``sjabloongrenzen`` in ``regiogen.yaml``)."""

    #: Loop rounds, macro calls, blocks and templates run.
    steps: int = 500_000
    #: Characters (and list items) printed, joined or passed through filters and calls.
    chars: int = 50_000_000
    #: Processor time in seconds (not wall-clock time: a busy machine does not count).
    cpu_seconds: float = 60.0


class TemplateLimit(Exception):
    """Rendering went past one of the :class:`TemplateLimits` (message in Dutch)."""


_SETTING = "sjabloongrenzen"


def _dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".")


class _Budget:
    """What one render has used so far."""

    def __init__(self, limits: TemplateLimits) -> None:
        self.limits = limits
        self.steps = 0
        self.chars = 0
        self.calls = 0
        self.start = time.process_time()

    def spend(self, steps: int, chars: int) -> None:
        self.steps += steps
        self.chars += chars
        self.calls += 1
        limits = self.limits
        if self.steps > limits.steps:
            raise TemplateLimit(
                f"sjabloon doet meer dan {_dutch(limits.steps)} stappen (lusrondes, "
                "macro-aanroepen); een lus die niet eindigt? De grens is "
                f"{_SETTING}.stappen in regiogen.yaml"
            )
        if self.chars > limits.chars:
            raise TemplateLimit(
                f"sjabloon maakt of bewerkt meer dan {_dutch(limits.chars)} tekens; de grens is "
                f"{_SETTING}.tekens in regiogen.yaml"
            )
        if not self.calls % 64 and time.process_time() - self.start > limits.cpu_seconds:
            raise TemplateLimit(
                f"sjabloon gebruikt meer dan {limits.cpu_seconds:g} seconden processortijd; de "
                f"grens is {_SETTING}.processortijd in regiogen.yaml"
            )

    def room(self) -> int:
        return max(self.limits.chars - self.chars, 0)


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "regiogen_template_budget", default=None
)


@contextlib.contextmanager
def bounded(limits: TemplateLimits | None) -> Iterator[None]:
    """Run the renders inside this block within ``limits`` (together, as one document)."""
    token = _BUDGET.set(_Budget(limits or TemplateLimits()))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _weight(value: object, cap: int) -> int:
    """Characters and items in ``value`` (nested lists, tuples, dicts, sets), counted up to
    just past ``cap``: cheap for small values, never more work than the cap for huge ones."""
    if isinstance(value, str | bytes):
        return len(value)
    if not isinstance(value, list | tuple | set | frozenset | dict):
        return 1
    total = 0
    stack = [value]
    while stack and total <= cap:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += len(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 1
    return total


#: Values that count as one character whatever they hold (no walk needed).
_ATOMS = (int, float, bool, type(None))


def _spend(*values: object, steps: int = 0) -> None:
    """Count ``values`` against the current render's budget (no budget: no limit)."""
    budget = _BUDGET.get()
    if budget is None:
        return
    chars = 0
    for value in values:
        kind = type(value)
        if kind is str:  # the common case, counted without a walk
            chars += len(value)  # type: ignore[arg-type]
        elif kind in _ATOMS:
            chars += 1
        else:
            chars += _weight(value, budget.room())
    budget.spend(steps, chars)


def _step(weight: int) -> None:
    """One step (a loop round, macro call, block or template) with its literal text."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.spend(1, weight)


def _finalize(value: Any) -> Any:
    """Every ``{{ … }}`` value is counted before it is printed."""
    _spend(value)
    return value


def _concat(items: list[Any]) -> str:
    """``a ~ b``: sizes counted before the text is joined."""
    _spend(items)
    return "".join(str(item) for item in items)


def _guard_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter counted on its input (before it runs) and on its result."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _spend(*[a for a in args if not isinstance(a, Context)], *kwargs.values())
        result = function(*args, **kwargs)
        _spend(result)
        return result

    return guarded


#: Statements whose body runs again and again: each round is a step, with its literal text.
_REPEATED = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.Block)


def _literal(body: list[nodes.Node]) -> int:
    """Characters of literal template text in ``body``, not counting repeated inner bodies."""
    total = 0
    stack: list[nodes.Node] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.TemplateData):
            total += len(node.data)
        elif not isinstance(node, _REPEATED):
            stack.extend(node.iter_child_nodes())
    return total


def _tick(lineno: int, weight: int) -> nodes.Stmt:
    call = nodes.Filter(nodes.Const(weight), "regiogen_stap", [], [], None, None)
    return nodes.ExprStmt(call, lineno=lineno)


def _counted_concat(node: nodes.Concat) -> nodes.Expr:
    """``a ~ b`` compiled as the counted ``regiogen_concat`` filter."""
    items = nodes.List(node.nodes, lineno=node.lineno)
    return nodes.Filter(items, "regiogen_concat", [], [], None, None, lineno=node.lineno)


def _replace_concat(template: nodes.Template) -> None:
    """Put :func:`_counted_concat` in the place of every ``~`` (one walk over the tree)."""
    stack: list[nodes.Node] = [template]
    while stack:
        node = stack.pop()
        for name in node.fields:
            value = getattr(node, name, None)
            if isinstance(value, nodes.Concat):
                value = _counted_concat(value)
                setattr(node, name, value)
            if isinstance(value, nodes.Node):
                stack.append(value)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, nodes.Concat):
                        value[i] = item = _counted_concat(item)
                    if isinstance(item, nodes.Node):
                        stack.append(item)


def _instrument(template: nodes.Template) -> None:
    """Add a counted step to the start of every repeated body and of the template itself,
    and route ``~`` through the counted :func:`_concat`."""
    for node in [template, *template.find_all(_REPEATED)]:
        body: list[nodes.Node] = getattr(node, "body")  # noqa: B009 - every _REPEATED has a body
        body.insert(0, _tick(getattr(node, "lineno", 1) or 1, _literal(body)))
    _replace_concat(template)


#: :meth:`_Sandbox.is_safe_attribute` answers, by (type, attribute name).
_SAFE_ATTRIBUTES: dict[tuple[type, str], bool] = {}


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox plus the resource guards described in the module docstring."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    #: The template folders, in lookup order; set by :func:`make_environment`.
    template_roots: tuple[Path, ...] = ()

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Check the operation's result size, then run it (and count the result)."""
        check_binop(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | bytes | list | tuple):
            _spend(result)
        return result

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Check str-method calls that pad or replace, count arguments and result, then call
        through the sandbox."""
        check_call(obj, args, kwargs)
        target = getattr(obj, "__wrapped__", obj)
        owner = getattr(target, "__self__", None)
        _spend(*args, *kwargs.values(), owner if isinstance(owner, str | bytes) else None)
        result = super().call(context, obj, *args, **kwargs)
        _spend(result)
        return result

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's check, remembered per type and attribute name: it looks at nothing else
        (internal names, function and frame internals, methods that change a list or dict),
        so the answer for ``(type(obj), attr)`` never changes."""
        key = (type(obj), attr)
        known = _SAFE_ATTRIBUTES.get(key)
        if known is None:
            known = super().is_safe_attribute(obj, attr, value)
            if len(_SAFE_ATTRIBUTES) < 10_000:  # names a template makes up are not kept
                _SAFE_ATTRIBUTES[key] = known
        return known

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Subscription; a slice makes a new value, which is counted."""
        result = super().getitem(obj, argument)
        if isinstance(argument, slice):
            _spend(result)
        return result

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, then add the counted steps (see :func:`_instrument`)."""
        template = super()._parse(source, name, filename)
        _instrument(template)
        template.set_environment(self)
        return template
