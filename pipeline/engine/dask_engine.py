"""Run the stages on a Dask cluster (``dask.distributed``).

Records are read where the run starts (the client), cut into batches of
``batch_size`` and sent to the workers with ``client.submit``; each task is
:func:`pipeline.engine.local.process_records`, the very function of the local
engine.  A worker plugin builds the spaCy pipeline once per worker process
when the worker joins (``get_nlp`` is cached per process, so tasks reuse it).
Results come back in input order and go to the same collector as the local
engine's, so the tables are identical (same rows, same ids: ids are derived
from keys, see :mod:`pipeline.link`).

At most ``4 × workers`` batches are in flight, so memory stays flat on the
client and on the cluster however many articles there are.

Workers need the ``pipeline`` package importable (the same version) and its
``models/`` folder; they need not see the input files.  Use worker processes
with one thread each (``dask worker ADDRESS --nthreads 1 --nworkers N``): the
pipeline is pure Python and CPU-bound.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from typing import Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin

from ..article import RawRecord
from ..rows import ArticleRows
from .local import batched, load_worker, process_records

PLUGIN_NAME = "vn-pipeline-nlp"
#: seconds to wait for a scheduler given by address
CONNECT_TIMEOUT = 20


class LoadPipeline(WorkerPlugin):
    """Builds the spaCy pipeline once when a worker starts (or joins later),
    and tunes the worker's garbage collector (:func:`~pipeline.engine.local.tune_gc`).

    ``quiet`` (local clusters only) keeps the worker's ``distributed`` log to
    warnings, as the run's own output is the summary.
    """

    def __init__(self, segmenter: str | None = None, quiet: bool = False):
        self.segmenter = segmenter
        self.quiet = quiet

    def setup(self, worker) -> None:
        if self.quiet:
            logging.getLogger("distributed").setLevel(logging.WARNING)
        load_worker(self.segmenter)


def _n_workers(client) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, *, workers: int = 1):
    """A client of the cluster at ``scheduler``, or of a new local cluster of
    ``workers`` single-threaded processes on 127.0.0.1 (closed on exit)."""
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        with client:
            yield client
        return
    log = logging.getLogger("distributed")
    level = log.level
    log.setLevel(logging.WARNING)
    try:
        with _local_cluster(workers) as cluster, Client(cluster) as client:
            yield client
    finally:
        log.setLevel(level)


def _local_cluster(workers: int) -> LocalCluster:
    return LocalCluster(
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.WARNING,
    )


def iter_article_rows(
    records: Iterable[RawRecord],
    *,
    scheduler: str | None = None,
    workers: int = 1,
    batch_size: int = 16,
    segmenter: str | None = None,
    client=None,
) -> Iterator[ArticleRows]:
    """Rows of every record, in input order, computed on a Dask cluster.

    ``client``: an existing ``distributed.Client`` (then ``scheduler`` and
    ``workers`` are not used); else one is opened on ``scheduler`` or on a
    local cluster of ``workers`` processes, and closed at the end.
    """
    quiet = client is None and not scheduler  # a local cluster of our own
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(dask_client(scheduler, workers=workers))
        client.register_plugin(LoadPipeline(segmenter, quiet=quiet), name=PLUGIN_NAME)
        window = 4 * _n_workers(client)
        pending: deque = deque()
        try:
            for batch in batched(records, batch_size):
                pending.append(client.submit(process_records, batch, segmenter=segmenter, pure=False))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
