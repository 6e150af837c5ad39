"""The `newsift` command: analyze | schema | sources | train | bench | serve."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path

import typer

from newsift import __version__
from newsift.errors import NewsiftError
from newsift.sources.cli import sources_app
from newsift.tasks import DEFAULT_DATA_DIR

app = typer.Typer(
    name="newsift",
    help="How far to trust a news article, and why. Runs offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(sources_app, name="sources")


class OutputFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsift {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """How far to trust a news article, and why. Runs offline."""


@app.command()
def analyze(
    source: str = typer.Argument(
        ..., help="A file (.txt, .html, .json), an http(s) URL, or - for standard input."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.terminal, "--format", "-f", help="terminal, json or html."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report here."),
    claim: str | None = typer.Option(
        None, "--claim", help="A claim or headline: report the article's stance toward it."
    ),
    url: str | None = typer.Option(
        None, "--url", help="The article's address, when the input is a file or text."
    ),
    title: str | None = typer.Option(None, "--title", help="The headline, if not in the input."),
    encoding: str | None = typer.Option(
        None, "--encoding", help="Decode the input with this encoding instead of detecting it."
    ),
) -> None:
    """Analyse one article and print its report."""
    from newsift.analyzer import Analyzer
    from newsift.ingest import load

    doc = load(source, url=url, title=title, encoding=encoding)
    doc.claim = claim
    report = Analyzer().analyze_document(doc)

    if output_format is OutputFormat.json:
        text = report.to_json()
    elif output_format is OutputFormat.html:
        from newsift.render.html import render_html

        text = render_html(report)
    else:
        from newsift.render.terminal import render_terminal

        if output is None:
            render_terminal(report)
            return
        text = render_terminal(report, record=True)
    if output is None:
        sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))
    else:
        output.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {output}", err=True)


@app.command()
def schema() -> None:
    """Print the JSON schema of a report."""
    from newsift.findings import report_json_schema

    typer.echo(json.dumps(report_json_schema(), indent=2))


@app.command()
def train(
    task: str = typer.Argument(..., help="Task to train, e.g. clickbait."),
    data: Path = typer.Option(DEFAULT_DATA_DIR, "--data", help="The data root (../shared/data)."),
    out: Path | None = typer.Option(
        None, "--out", help="Where to write the model (default: the package's models/)."
    ),
) -> None:
    """Retrain a shipped model from its dataset and write it with its model card."""
    from newsift.tasks import run_train

    metrics = run_train(task, data, out)
    typer.echo(json.dumps(metrics, indent=2))


@app.command()
def bench(
    task: str = typer.Argument(..., help="Task to benchmark."),
    data: Path = typer.Option(DEFAULT_DATA_DIR, "--data", help="The data root (../shared/data)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as one JSON object."),
) -> None:
    """Measure a shipped model with the task's official metric."""
    from dataclasses import asdict

    from newsift.tasks import run_bench

    result = run_bench(task, data)
    if as_json:
        typer.echo(json.dumps(asdict(result)))
        return
    typer.echo(f"{result.task} ({result.split}, {result.seconds:.1f} s)")
    for key, value in result.metrics.items():
        typer.echo(f"  {key:24s} {value:.4f}")
    for key, value in result.records.items():
        typer.echo(f"  record {key:17s} {value:.4f}")
    for note in result.notes:
        typer.echo(f"  note: {note}")


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 2, never a traceback."""
    try:
        app()
    except NewsiftError as exc:
        typer.echo(f"newsift: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("newsift: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # last resort: keep the promise of one line unless debugging
        if os.environ.get("NEWSIFT_DEBUG"):
            raise
        typer.echo(
            f"newsift: internal error: {type(exc).__name__}: {exc} "
            "(set NEWSIFT_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
