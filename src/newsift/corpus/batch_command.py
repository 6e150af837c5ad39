"""The `newsift batch` command line (mounted by newsift.cli); the work is in corpus.batch."""

from __future__ import annotations

from pathlib import Path

import typer

from newsift.errors import InputError


def batch(
    inputs: list[str] = typer.Argument(
        ...,
        help="JSONL, CSV or Parquet files (one article per row), WARC files, directories of "
        ".txt/.html/.json files, or globs of them.",
    ),
    out: Path = typer.Option(Path("corpus.duckdb"), "--out", "-o", help="The DuckDB corpus."),
    parquet: Path | None = typer.Option(
        None, "--parquet", help="Write Parquet datasets into this directory instead of --out."
    ),
    mapping: list[str] = typer.Option(
        [],
        "--map",
        help="Rename an input column: col=field (fields: id text html url title "
        "date source). Repeatable.",
    ),
    workers: int | None = typer.Option(
        None, "--workers", "-w", help="Worker processes (default: one per core)."
    ),
    chunk_size: int = typer.Option(50, "--chunk-size", help="Articles committed at once."),
    engine: str = typer.Option("local", "--engine", help="local, or ray (the ray extra)."),
    ray_address: str | None = typer.Option(
        None, "--ray-address", help="Join this Ray cluster (default: a local Ray on loopback)."
    ),
    method: str = typer.Option("learned-v1", "--method", help="learned-v1 or rules-v0."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary."),
) -> None:
    """Analyse a corpus into one DuckDB file (or Parquet). Rerun the same command to resume."""
    from newsift.analyzer import METHODS
    from newsift.corpus import readers
    from newsift.corpus.batch import ENGINES, BatchOptions, default_workers, run_batch

    if engine not in ENGINES:
        raise InputError("--engine", f"unknown engine {engine!r}; use {' or '.join(ENGINES)}")
    if method not in METHODS:
        raise InputError("--method", f"unknown method {method!r}; use {', '.join(METHODS)}")
    if chunk_size < 1 or (workers is not None and workers < 0):
        raise InputError("--chunk-size/--workers", "must be positive")
    options = BatchOptions(
        inputs=tuple(inputs),
        out=None if parquet else out,
        parquet=parquet,
        mapping=readers.parse_map(mapping),
        workers=default_workers() if workers is None else workers,
        chunk_size=chunk_size,
        engine=engine,
        ray_address=ray_address,
        method=method,
        quiet=quiet,
    )
    counts = run_batch(options)
    if not quiet:
        where = parquet or out
        typer.echo(
            f"{where}: {counts.articles:,} articles analysed, {counts.errors:,} errors, "
            f"{counts.skipped:,} already done; {counts.findings:,} findings; "
            f"{counts.seconds:.1f} s ({counts.rate():.1f} articles/s)",
            err=True,
        )
