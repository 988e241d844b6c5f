"""The ``--peildatum`` option of ``build`` and ``check``: the date the voortgang is judged at."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import click

from regiogen.source.dates import DateError, parse_datum

F = TypeVar("F", bound=Callable[..., Any])


def _parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_datum(value)
    except DateError as exc:
        raise click.BadParameter(str(exc)) from None


def peildatum_option(help_text: str) -> Callable[[F], F]:
    """``--peildatum JJJJ-MM-DD`` read as a date (Dutch written dates too)."""
    return click.option(
        "--peildatum",
        metavar="JJJJ-MM-DD",
        default=None,
        callback=_parse,
        help=help_text,
    )


def peildatum_for_check(peildatum: date | None, kinds: Sequence[str]) -> date | None:
    """The peildatum of ``check``: the one given, or today when a voortgang kind is asked for.

    Without either, the rules that need a peildatum say nothing: a plan is judged against the
    clock only when someone asks for the voortgang.
    """
    from regiogen.model.project import VOORTGANG_KINDS  # the content models: only when checking

    if peildatum is not None:
        return peildatum
    return date.today() if set(kinds) & set(VOORTGANG_KINDS) else None
