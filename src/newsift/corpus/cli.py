"""`newsift corpus`: look at a corpus written by `newsift batch` (report, summary)."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer

from newsift.errors import InputError, NewsiftError
from newsift.text.safetext import json_terminal_safe, terminal_safe

corpus_app = typer.Typer(
    name="corpus",
    help="Look at a corpus written by `newsift batch`: an HTML report or a terminal summary.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])

CORPUS_HELP = "A corpus: the DuckDB file of `newsift batch --out`, or its `--parquet` directory."


def _user_errors(command: F) -> F:
    """A NewsiftError becomes one line on stderr and exit code 2, as in `newsift` itself
    (so the sub-app behaves the same run alone or mounted)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsiftError as exc:
            typer.echo(f"newsift: error: {terminal_safe(str(exc), one_line=True)}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _check_writable(output: Path) -> None:
    """Refuse an --output that cannot be a file before reading the whole corpus."""
    if output.is_dir():
        raise InputError(str(output), "cannot write the report: it is a directory")
    if not output.parent.is_dir():
        raise InputError(str(output), f"cannot write the report: no directory {output.parent}")


def _figures(corpus: Path):
    from newsift.corpus.report import collect, open_corpus

    con = open_corpus(corpus)
    try:
        return collect(con, str(corpus))
    finally:
        con.close()


@corpus_app.command()
@_user_errors
def report(
    corpus: Path = typer.Argument(..., help=CORPUS_HELP, show_default=False),
    output: Path = typer.Option(
        ..., "--output", "-o", help="The HTML file to write (one self-contained page)."
    ),
) -> None:
    """Write an HTML report of the corpus: scores, outlets, techniques, dates, errors."""
    from newsift.corpus.report import write_page

    _check_writable(output)
    write_page(_figures(corpus), output)
    typer.echo(f"wrote {terminal_safe(str(output), one_line=True)}", err=True)


@corpus_app.command()
@_user_errors
def summary(
    corpus: Path = typer.Argument(..., help=CORPUS_HELP, show_default=False),
    as_json: bool = typer.Option(
        False, "--json", help="Print the key figures as one JSON object instead of tables."
    ),
) -> None:
    """Print the corpus's key figures: articles, bands, outlets, techniques, errors."""
    from newsift.corpus.report import key_figures

    figures = _figures(corpus)
    if as_json:
        typer.echo(json_terminal_safe(json.dumps(key_figures(figures), ensure_ascii=False)))
        return
    from rich.console import Console

    from newsift.corpus.report.terminal import print_summary

    print_summary(figures, Console(width=None if sys.stdout.isatty() else 120))
