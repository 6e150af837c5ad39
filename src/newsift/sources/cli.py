"""`newsift sources`: look up, import, set and list publisher records."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import typer

from newsift.errors import NewsiftError
from newsift.text.safetext import json_terminal_safe, terminal_safe

sources_app = typer.Typer(
    name="sources",
    help="The source reputation database: look up a publisher, import lists, add your own.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def _echo(line: str, err: bool = False) -> None:
    """Print a line; control characters from a list, a file name or an argument are shown
    as signs, not obeyed by the terminal."""
    typer.echo(terminal_safe(line), err=err)


def _user_errors(command: F) -> F:
    """A NewsiftError becomes one line on stderr and exit code 2, as in `newsift` itself."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NewsiftError as exc:
            typer.echo(f"newsift: error: {terminal_safe(str(exc), one_line=True)}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


class ImportFormat(str, Enum):
    opensources = "opensources"
    baly = "baly"
    mbfc = "mbfc"


class OriginFilter(str, Enum):
    all = "all"
    user = "user"
    imported = "import"
    bundled = "bundled"


def _rating_words(rating: float) -> str:
    """'0.93 of 1 (raises trust)'."""
    from newsift.sources import effect_words, rating_effect

    return f"{rating:.2f} of 1 ({effect_words(rating_effect(rating))})"


def _listed_as(record: Any) -> str:
    """'as state, rated 0.29' / 'rated 0.29': what another record says."""
    parts = [f"as {', '.join(record.labels)}"] if record.labels else []
    if record.rating is not None:
        parts.append(f"rated {record.rating:.2f}")
    return ", ".join(parts)


@sources_app.command()
@_user_errors
def lookup(
    domain: str = typer.Argument(..., help="A domain, host or URL, e.g. www1.cbn.com/x."),
    as_json: bool = typer.Option(False, "--json", help="Print the record as JSON."),
) -> None:
    """Show what the database says about a publisher: its labels, each with its reason, its
    quality rating (0..1) with its source and citation, and where they come from."""
    from newsift.sources import LABELS
    from newsift.sources.db import get_db
    from newsift.sources.keys import domain_of

    found = get_db().resolve(domain)
    best, rated = found.primary, found.rated
    if as_json:
        payload: dict[str, Any] = {"query": domain, "found": best is not None}
        if best is not None:
            payload.update(
                domain=best.key,
                labels=[
                    {"label": lab, "meaning": LABELS.get(lab, ""), "reason": why}
                    for lab, why in zip(best.labels, best.reasons, strict=True)
                ],
                origin=best.origin,
                origin_description=best.describe_origin(),
                notes=best.notes,
                user_override=found.user_override,
                rating=rated.rating if rated else None,
                rating_reason=rated.rating_reason if rated else None,
                rating_source=rated.rating_source if rated else None,
                rating_origin=rated.origin if rated else None,
                also_listed=[
                    {"domain": r.key, "origin": r.origin, "labels": r.labels, "rating": r.rating}
                    for r in found.others
                ],
            )
        else:
            payload["domain"] = domain_of(domain)
        typer.echo(json_terminal_safe(json.dumps(payload, ensure_ascii=False, indent=2)))
        return
    if best is None:
        shown = domain_of(domain) or domain
        _echo(f"{shown}: not in the database")
        return
    head = ", ".join(best.labels) or "rated"
    if rated is not None:
        head += f" {rated.rating:.2f}" if not best.labels else f" (rated {rated.rating:.2f})"
    _echo(f"{best.key}: {head}")
    for label, reason in zip(best.labels, best.reasons, strict=True):
        _echo(f"  {label}: {reason}")
    if best.notes and not any(best.notes in reason for reason in best.reasons):
        _echo(f"  notes: {best.notes}")
    if rated is not None:
        _echo(f"  rating: {_rating_words(rated.rating)}: {rated.rating_reason}")
    _echo(f"  from: {best.describe_origin()}")
    if rated is not None and rated is not best:
        where = "" if rated.key == best.key else f" ({rated.key})"
        _echo(f"  rating from: {rated.describe_origin()}{where}")
    for other in found.others:
        _echo(f"  also listed by {other.origin} {_listed_as(other)} ({other.key})")


@sources_app.command("import")
@_user_errors
def import_(
    file: Path = typer.Argument(..., help="The file to import."),
    fmt: ImportFormat = typer.Option(..., "--format", help="opensources, baly or mbfc."),
) -> None:
    """Import a published list; importing the same file again replaces its earlier rows."""
    from newsift.sources.db import get_db
    from newsift.sources.importers import read

    result = read(file, fmt.value)
    summary = get_db(writable=True).import_result(result)
    _echo(
        f"imported {result.imported} rows from {file} (format {fmt.value}), "
        f"skipped {result.n_skipped} of {result.rows}"
        + (" (replacing the earlier import of this file)" if summary.replaced else "")
    )
    for reason, n in sorted(result.skipped.items()):
        _echo(f"  skipped {n}: {reason}")
    for value, n in sorted(result.ignored_values.items()):
        _echo(f"  ignored unknown {value} in {n} row(s)")


@sources_app.command("set")
@_user_errors
def set_(
    domain: str = typer.Argument(..., help="The domain (or URL) to label or rate."),
    label: list[str] | None = typer.Option(
        None, "--label", help="A label from `newsift sources labels`; repeat for several."
    ),
    rating: float | None = typer.Option(
        None, "--rating", help="Your quality rating, 0 (lowest) to 1 (highest)."
    ),
    reason: str | None = typer.Option(
        None, "--reason", help="Why: one sentence shown with the label (needed with --label)."
    ),
    notes: str | None = typer.Option(None, "--notes", help="Anything else worth keeping."),
    section: bool = typer.Option(
        False, "--section", help="Label only the path given (e.g. example.com/humor), not the host."
    ),
) -> None:
    """Add or replace your own labels and/or rating for a domain; they win over every list.

    --label replaces your labels, --rating your rating; the one not given is kept."""
    from newsift.sources.db import get_db

    record = get_db(writable=True).set_user(domain, label, reason, notes, section, rating)
    parts = [", ".join(record.labels)] if record.labels else []
    if record.rating is not None:
        parts.append(f"rating {record.rating:.2f}")
    _echo(f"set {record.key}: {'; '.join(parts)} (your own entry)")


@sources_app.command()
@_user_errors
def remove(
    domain: str = typer.Argument(..., help="The domain whose own entry to remove."),
    section: bool = typer.Option(False, "--section", help="Remove the entry for the path given."),
) -> None:
    """Remove your own entry for a domain (lists and imports are left as they are)."""
    from newsift.sources.db import get_db

    key = get_db(writable=True).remove_user(domain, section)
    if key is None:
        _echo(f"{domain}: you have no entry for it", err=True)
        raise typer.Exit(1)
    _echo(f"removed your entry for {key}")


@sources_app.command("list")
@_user_errors
def list_(
    origin: OriginFilter = typer.Option(OriginFilter.all, "--origin", help="Which records."),
    label: str | None = typer.Option(None, "--label", help="Only records with this label."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON lines."),
) -> None:
    """List records (all, or only your own, imported or bundled ones): domain, labels, origin
    and rating, tab-separated."""
    from newsift.sources.db import TIER_BUNDLED, TIER_IMPORT, TIER_USER, get_db

    tier = {"user": TIER_USER, "import": TIER_IMPORT, "bundled": TIER_BUNDLED}.get(origin.value)
    records = get_db().list_records(tier, label)
    for r in records:
        if as_json:
            row = {"domain": r.key, "labels": r.labels, "reasons": r.reasons, "origin": r.origin}
            row |= {"notes": r.notes, "rating": r.rating, "rating_source": r.rating_source}
            line = json.dumps(row | {"rating_reason": r.rating_reason}, ensure_ascii=False)
            typer.echo(json_terminal_safe(line))
        else:  # domain, labels, origin, rating (empty when none)
            rated = "" if r.rating is None else f"{r.rating:.3f}"
            _echo(f"{r.key}\t{','.join(r.labels)}\t{r.origin}\t{rated}")
    if not as_json:
        _echo(f"{len(records)} record(s)", err=True)


@sources_app.command()
def labels() -> None:
    """The label vocabulary, most damaging to a source's credibility first."""
    from newsift.sources import LABELS, SEVERITY

    for label in SEVERITY:
        _echo(f"{label:17s} {LABELS[label]}")


@sources_app.command()
@_user_errors
def info() -> None:
    """Where the database is, how many records each origin holds, and the imports made."""
    from newsift.sources.db import get_db

    db = get_db()
    _echo(f"database: {db.path or '(in memory: the file could not be opened)'}")
    for origin, n in db.counts().items():
        _echo(f"  {origin:22s} {n} record(s)")
    for imp in db.imports():
        _echo(
            f"  import #{imp['batch']}: {imp['file']} ({imp['format']}, {imp['imported_at']}): "
            f"{imp['imported']} imported, {imp['skipped']} skipped"
        )


@sources_app.command("build-seed")
@_user_errors
def build_seed(
    data: Path = typer.Option(
        ..., "--data", help="The OpenSources folder (sources.json) or one of its files."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Output folder (default: the package's sources/data/)."
    ),
) -> None:
    """Regenerate the bundled list (sources/data/opensources.json) from OpenSources."""
    from newsift.sources.importers import SEED_DIR
    from newsift.sources.importers import build_seed as build

    path, result = build(data, out or SEED_DIR)
    _echo(
        f"wrote {path}: {result.imported} records from {result.rows} rows, "
        f"skipped {result.n_skipped}"
    )
    for reason, n in sorted(result.skipped.items()):
        _echo(f"  skipped {n}: {reason}")
    for value, n in sorted(result.ignored_values.items()):
        _echo(f"  ignored unknown {value} in {n} row(s)")
