"""The `newsift` command: analyze, batch, corpus, stories, schema, sources, train, bench, serve."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path

import typer

from newsift import __version__
from newsift.corpus.batch_command import batch
from newsift.corpus.cli import corpus_app
from newsift.errors import InputError, NewsiftError
from newsift.sources.cli import sources_app
from newsift.stories.cli import stories
from newsift.tasks import DEFAULT_DATA_DIR

app = typer.Typer(
    name="newsift",
    help="How far to trust a news article, and why. Runs offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(sources_app, name="sources")
app.command()(batch)
app.add_typer(corpus_app, name="corpus")
app.command()(stories)


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
    use_env_proxy: bool = typer.Option(
        False,
        "--use-env-proxy",
        help="Fetch a URL through the proxy named by HTTP(S)_PROXY/ALL_PROXY (ignored otherwise).",
    ),
    corpus: Path | None = typer.Option(
        None,
        "--corpus",
        help="A corpus (`newsift batch`, `newsift stories`): add the article's story, the same "
        "story's articles from other outlets and who else reports each of its claims. Read only.",
    ),
) -> None:
    """Analyse one article and print its report."""
    from newsift.analyzer import Analyzer
    from newsift.ingest import load
    from newsift.text.safetext import json_terminal_safe, scrub_surrogates, terminal_safe

    if output is not None:
        _check_writable(output)  # before the analysis, not after it
    if corpus is not None:
        from newsift.stories.coverage import check_corpus

        check_corpus(corpus)  # likewise
    doc = load(source, url=url, title=title, encoding=encoding, use_env_proxy=use_env_proxy)
    doc.claim = claim
    report = Analyzer().analyze_document(doc)
    if corpus is not None:
        from dataclasses import replace

        from newsift.stories.coverage import find_coverage

        report = replace(report, coverage=find_coverage(corpus, doc, report))

    # JSON and HTML are written in pieces: the report of a 10 MB article is ~70 MB of JSON or
    # ~200 MB of HTML, too much to build and copy around as one string.
    if output_format is OutputFormat.json:
        # C1 controls as \u escapes: the same data, inert on a terminal.
        _write_pieces(report.iter_json(), output, json_terminal_safe, json_terminal_safe)
        return
    if output_format is OutputFormat.html:
        from newsift.render.html import iter_html

        # Control characters from the article must not reach the terminal raw; the mapping is
        # one code point for one, so the page's offsets still hold.
        _write_pieces(iter_html(report), output, terminal_safe, scrub_surrogates)
        return
    from newsift.render.terminal import render_terminal

    if output is None:
        _write_stdout(lambda: render_terminal(report))
        return
    _write_pieces([render_terminal(report, record=True)], output, terminal_safe, scrub_surrogates)


def _write_pieces(
    pieces: Iterable[str],
    output: Path | None,
    on_terminal: Callable[[str], str],
    in_file: Callable[[str], str],
) -> None:
    """Write `pieces` to standard output (ending with a line break) or to `output`."""
    from newsift.text.safetext import terminal_safe

    if output is None:

        def write() -> None:
            last = ""
            for piece in pieces:
                if piece:
                    sys.stdout.write(on_terminal(piece))
                    last = piece
            if not last.endswith("\n"):
                sys.stdout.write("\n")

        _write_stdout(write)
        return
    try:
        with output.open("w", encoding="utf-8") as file:
            file.writelines(map(in_file, pieces))
    except OSError as exc:  # a full disk, a read-only or vanished directory
        raise _output_error(output, exc) from None
    typer.echo(f"wrote {terminal_safe(str(output), one_line=True)}", err=True)


def _output_error(output: Path, exc: OSError) -> InputError:
    return InputError(str(output), f"cannot write the report: {exc.strerror or exc}")


def _check_writable(output: Path) -> None:
    """Refuse an --output that cannot be a file, before spending time on the analysis."""
    if output.is_dir():
        raise InputError(str(output), "cannot write the report: it is a directory")
    parent = output.parent
    if not parent.is_dir():
        raise InputError(str(output), f"cannot write the report: no directory {parent}")


def _write_stdout(write: Callable[[], object]) -> None:
    """Run `write` and flush; a failing standard output (e.g. > /dev/full) is one error line."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away (| head): main() exits quietly
    except OSError as exc:
        raise _output_error(Path("<stdout>"), exc) from None


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
        None,
        "--out",
        help="Where to write the model (default: its capability's folder in the package).",
    ),
) -> None:
    """Retrain a shipped model from its dataset and write it with its model card."""
    from newsift.tasks import run_train

    metrics = run_train(task, data, out)
    typer.echo(json.dumps(metrics, indent=2))


@app.command()
def bench(
    task: str = typer.Argument("all", help="Task to benchmark, or all (the default)."),
    data: Path = typer.Option(DEFAULT_DATA_DIR, "--data", help="The data root (../shared/data)."),
    as_json: bool = typer.Option(
        False, "--json", help="Print one JSON object per task on stdout (the table goes to stderr)."
    ),
    write_md: bool = typer.Option(
        False, "--write-md", help="Write the table into the Markdown file (see --md-file)."
    ),
    md_file: Path = typer.Option(
        Path("BENCHMARKS.md"), "--md-file", help="The Markdown file --write-md updates."
    ),
) -> None:
    """Measure the shipped models with each task's official metric; one table for all tasks."""
    from rich.console import Console
    from rich.markup import escape

    from newsift.bench.report import json_line, rich_table, write_markdown
    from newsift.bench.runner import run_tasks, task_names
    from newsift.tasks import get_task, registry

    if task != "all":
        get_task(task)  # an unknown name is a user error: one line, exit 2
    stream = sys.stderr if as_json else sys.stdout
    console = Console(stderr=as_json, width=None if stream.isatty() else 150)  # wide in logs

    def progress(row) -> None:
        if as_json:
            typer.echo(json_line(row))
        else:
            console.print(f"{row.task}: {'done' if row.ok else 'FAILED'} in {row.seconds:.1f} s")

    rows = run_tasks(task_names(task), data, on_row=progress)
    console.print(rich_table(rows))
    for row in rows:
        for note in row.result.notes if row.result else []:
            console.print(f"[dim]{row.task}: {escape(note)}[/dim]")
    if write_md:
        write_markdown(md_file, rows, order=list(registry()))
        console.print(f"wrote {md_file}")
    if any(not r.ok for r in rows):
        raise typer.Exit(1)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    store: Path | None = typer.Option(
        None, "--store", help="Keep every analysis in this file (.duckdb: DuckDB, else SQLite)."
    ),
    max_body_mb: float = typer.Option(5.0, "--max-body-mb", help="Largest request body, in MB."),
    timeout_s: float = typer.Option(30.0, "--timeout-s", help="Time limit of one request, in s."),
    allow_private_urls: bool = typer.Option(
        False,
        "--allow-private-urls",
        help="Let URL fetching reach loopback/private/link-local addresses (local testing only).",
    ),
    cors_origin: list[str] = typer.Option(
        [], "--cors-origin", help="An origin allowed to call the API from a browser (repeatable)."
    ),
    max_batch: int = typer.Option(32, "--max-batch", help="Most documents in one batch request."),
    threads: int = typer.Option(
        4, "--threads", help="Threads for URL fetches, and for analyses with --workers 0."
    ),
    workers: int | None = typer.Option(
        None,
        "--workers",
        help="Analysis processes; each request goes to a free one. Default: one per usable "
        "CPU. 0: analyse in threads of the server process.",
        show_default=False,
    ),
    use_env_proxy: bool = typer.Option(
        False,
        "--use-env-proxy",
        help="Fetch URLs through the proxy named by HTTP(S)_PROXY/ALL_PROXY (ignored otherwise).",
    ),
    corpus: Path | None = typer.Option(
        None,
        "--corpus",
        help="A corpus (`newsift batch`, then `newsift stories`): each report gets a coverage "
        "section, and the web page a Coverage panel: the article's story, the same story from "
        "other outlets, and who else reports its claims.",
    ),
) -> None:
    """Serve the REST API and the web page (http://HOST:PORT/, API docs at /docs).

    One server process handles HTTP and hands each analysis to a pool of analysis processes.
    """
    import uvicorn

    from newsift.api import Settings, create_app
    from newsift.errors import InputError

    if corpus is not None:  # a wrong path fails now, not on every request
        from newsift.api.coverage import check_corpus

        warning = check_corpus(corpus)
        if warning:
            typer.echo(f"newsift: warning: {warning}", err=True)

    try:
        settings = Settings(
            max_body_bytes=int(max_body_mb * 1024 * 1024),
            timeout_s=timeout_s,
            allow_private_urls=allow_private_urls,
            cors_origins=tuple(cors_origin),
            max_batch=max_batch,
            analysis_processes=_usable_cpus() if workers is None else workers,
            analysis_threads=threads,
            store_path=store,
            corpus_path=corpus,
            fetch_use_env_proxy=use_env_proxy,
        )
    except ValueError as exc:
        raise InputError("serve", str(exc)) from None
    if settings.analysis_processes:
        n = settings.analysis_processes
        where = f"{n} analysis process{'es' if n != 1 else ''}"
    else:
        n = settings.analysis_threads
        where = f"{n} analysis thread{'s' if n != 1 else ''}"
    typer.echo(
        f"newsift {__version__}: loading detectors ({where}), then serving http://{host}:{port}/"
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)


def _usable_cpus() -> int:
    """CPUs this process may run on (its affinity, e.g. in a container), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit code 2, never a traceback."""
    from newsift.text.safetext import terminal_safe

    # Messages name the input (a file name, a URL): its control characters are shown, not obeyed.
    try:
        app()
    except NewsiftError as exc:
        typer.echo(f"newsift: error: {terminal_safe(str(exc), one_line=True)}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("newsift: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader of stdout is gone (`newsift analyze x | head`): nothing left to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    except Exception as exc:  # last resort: keep the promise of one line unless debugging
        if os.environ.get("NEWSIFT_DEBUG"):
            raise
        message = terminal_safe(f"{type(exc).__name__}: {exc}", one_line=True)
        typer.echo(
            f"newsift: internal error: {message} (set NEWSIFT_DEBUG=1 for details)", err=True
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
