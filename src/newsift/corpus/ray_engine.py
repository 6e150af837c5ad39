"""The Ray engine (`newsift batch --engine ray`): the local engine's analysis, run by Ray Data
actors on a local Ray or on a cluster.

How a run goes:
- Records come from the same readers and the same `pending` filter as with the local engine,
  read in this process. Bad rows, ids and resume therefore behave exactly alike. Ray's own
  readers would not: `read_json` fails a whole block on one malformed line, and neither it
  nor `read_text` nor `read_parquet` gives the line or row number that `errors` rows need, and
  that the ids of records without one are made from. Reading costs little beside analysis, and
  a cluster then needs no shared copy of the inputs.
- The records go to Ray in windows of chunks (`from_arrow`, one block per chunk), so memory
  stays bounded however large the corpus is.
- `map_batches` runs `ChunkAnalyser` on an `ActorPoolStrategy` pool, one Analyzer per actor.
- Each chunk's rows come back as Parquet files, serialised on the actors. The store commits
  each chunk in one transaction as it arrives, so a killed run loses only the chunks not yet
  committed, and a rerun skips the rest, as with the local engine.

Sizing: on 2 CPUs, actors at one CPU each can starve Ray's read and write tasks and hang the
job. Here the pipeline has no Ray read or write tasks (this process reads and commits), and the
actors ask for a fraction of a CPU. Together they leave RESERVED_CPUS free, so a pool can never
hold every CPU that Ray Data needs for its own work, and it never has more actors than fit on
the cluster (on 2 CPUs with 2 workers, each actor asks for 0.75 CPU). Ray tells each actor to
use one BLAS thread, so the fractions do not oversubscribe the cores.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import newsift
from newsift.corpus.local import chunked
from newsift.corpus.ray_worker import ROW_TABLES, ChunkAnalyser, records_to_arrow
from newsift.corpus.records import BadRecord, Record
from newsift.errors import NewsiftError
from newsift.tasks import MissingExtraError

RAY_EXTRA_HINT = "pip install 'newsift[ray]'"
RESERVED_CPUS = 0.5  # left free by the actors, for Ray Data's own tasks
# What is handed to Ray at once, which bounds memory. Each window starts its actors afresh
# (about 3 s), so windows are large.
WINDOW_RECORDS = 20_000
WINDOW_BYTES = 256 * 2**20
# Ray's nodes listen on the node's address. Its single-machine mode, the default on macOS and
# Windows, uses loopback instead: a local Ray started here is reachable from this machine only.
LOOPBACK_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"

Item = Record | BadRecord


@dataclass(frozen=True)
class ParquetChunk:
    """One analysed chunk saved as Parquet, one file per table, waiting to be committed."""

    files: dict[str, Path]  # table -> .parquet file (absent: no rows for that table)
    n_articles: int
    n_findings: int
    n_errors: int
    words: int

    def remove(self) -> None:
        for path in self.files.values():
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class ActorPlan:
    actors: int
    cpus_per_actor: float


def plan_actors(cluster_cpus: float, workers: int) -> ActorPlan:
    """`workers` actors (one per CPU when 0), sized so that together they leave
    RESERVED_CPUS of the cluster free and none asks for more than one CPU."""
    usable = max(cluster_cpus - RESERVED_CPUS, RESERVED_CPUS)
    actors = workers if workers > 0 else max(1, int(cluster_cpus))
    # Ray counts CPUs in ten-thousandths: round down, so the actors never ask for too much.
    return ActorPlan(actors, math.floor(min(1.0, usable / actors) * 10_000) / 10_000)


def require_ray() -> None:
    """Says in one line what to install when Ray Data is missing (checked without importing
    Ray, which must see the loopback setting first)."""
    missing = [m for m in ("ray", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        raise MissingExtraError(
            f"--engine ray needs the ray extra ({', '.join(missing)} not installed): "
            f"{RAY_EXTRA_HINT}"
        )


def _import_ray() -> ModuleType:
    require_ray()
    try:
        import ray
        import ray.data
    except ModuleNotFoundError as exc:  # ray without its data extra
        raise MissingExtraError(
            f"--engine ray needs the ray extra ({exc.name} not installed): {RAY_EXTRA_HINT}"
        ) from None
    return ray


@contextmanager
def ray_session(address: str | None, cpus: int) -> Iterator[ModuleType]:
    """Ray, connected: to the cluster at `address`, or to a new local Ray with `cpus` CPUs
    bound to loopback, shut down on leaving. A Ray the caller already started is used as is.

    Ray reads its loopback setting when first imported: nothing may import it before."""
    if address is None:
        os.environ[LOOPBACK_ENV] = "0"  # read when Ray is imported: set it before
    ray = _import_ray()
    if ray.is_initialized():
        yield ray
        return
    options: dict[str, Any] = dict(
        include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False
    )
    if address is None:
        # "local" always starts a new Ray: None would join one found on this machine.
        ray.init(address="local", num_cpus=cpus, _node_ip_address="127.0.0.1", **options)
    else:
        # The cluster's workers run this process's newsift, so rows match the local engine's
        # whatever version the nodes have installed (they need its dependencies).
        package = str(Path(newsift.__file__).parent)
        try:
            ray.init(address=address, runtime_env={"py_modules": [package]}, **options)
        except (ConnectionError, ValueError, ray.exceptions.RayError) as exc:
            raise NewsiftError(f"--ray-address {address}: cannot join the cluster: {exc}") from None
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # newsift draws its own
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        yield ray
    finally:
        ray.shutdown()


def windows(records: Iterable[Item], chunk_size: int) -> Iterator[list[list[Item]]]:
    """Chunks of records grouped into windows of about WINDOW_RECORDS records or WINDOW_BYTES
    of article content, whichever comes first."""
    window: list[list[Item]] = []
    count = size = 0
    for chunk in chunked(records, chunk_size):
        window.append(chunk)
        count += len(chunk)
        size += sum(_payload(r) for r in chunk)
        if count >= WINDOW_RECORDS or size >= WINDOW_BYTES:
            yield window
            window, count, size = [], 0, 0
    if window:
        yield window


def _payload(record: Item) -> int:
    if isinstance(record, BadRecord):
        return 0
    return len(record.raw or b"") + len(record.text or "") + len(record.html or "")


def analyse_window(
    ray: ModuleType, window: list[list[Item]], plan: ActorPlan, method: str, run_id: str
) -> Iterator[dict[str, Any]]:
    """Each chunk's output row (ray_worker.output_schema), in the order they finish."""
    actors = min(plan.actors, len(window))
    dataset = ray.data.from_arrow([records_to_arrow(chunk) for chunk in window]).map_batches(
        ChunkAnalyser,
        batch_size=None,  # a block is a chunk
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(min_size=actors, max_size=actors),
        num_cpus=plan.cpus_per_actor,
        fn_constructor_kwargs={"method": method, "run_id": run_id},
    )
    for batch in dataset.iter_batches(batch_size=None, batch_format="pyarrow"):
        yield from batch.to_pylist()


def save_chunk(output: dict[str, Any], directory: Path) -> ParquetChunk:
    name = uuid.uuid4().hex
    files: dict[str, Path] = {}
    for table in ROW_TABLES:
        if output[table] is not None:
            files[table] = directory / f"{name}.{table}.parquet"
            files[table].write_bytes(output[table])
    return ParquetChunk(
        files, output["n_articles"], output["n_findings"], output["n_errors"], output["words"]
    )


def run_ray(
    records: Iterable[Item],
    *,
    store_parquet: Callable[[ParquetChunk], None],
    address: str | None,
    run_id: str,
    spool_dir: Path,
    workers: int,
    chunk_size: int,
    method: str,
) -> None:
    """Analyse `records` on Ray; `store_parquet` commits each finished chunk (in this
    process). Without `address`, a local Ray with `workers` CPUs runs for the call."""
    from newsift.corpus.batch import default_workers

    cpus = workers if workers > 0 else default_workers()
    with ray_session(address, cpus) as ray:
        plan = plan_actors(ray.cluster_resources().get("CPU", 1.0), workers)
        try:
            for window in windows(records, chunk_size):
                for output in analyse_window(ray, window, plan, method, run_id):
                    store_parquet(save_chunk(output, spool_dir))
        except ray.exceptions.RayError as exc:
            if isinstance(exc, (ray.exceptions.RayTaskError, ray.exceptions.UserCodeException)):
                raise  # a bug in the analysis: keep its traceback
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise NewsiftError(
                f"the Ray job failed ({reason}); rerun the same command to go on where it stopped"
            ) from None
