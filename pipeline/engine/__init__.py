"""Engines: where the stages run.  Both yield :class:`~pipeline.rows.ArticleRows`
in input order; the one collector (:func:`pipeline.api.collect`) turns them
into tables, so every engine gives the same tables.

``local``  this process (``workers=1``) or a pool of ``workers`` processes
           (:mod:`.local`), each building the spaCy pipeline once.
``dask``   a Dask cluster (:mod:`.dask_engine`): an existing one at
           ``scheduler``, else a local cluster of ``workers`` processes.
"""

from __future__ import annotations

from typing import Iterable, Iterator

ENGINES = ("local", "dask")


def iter_article_rows(
    records: Iterable,
    *,
    engine: str = "local",
    workers: int = 1,
    batch_size: int = 16,
    scheduler: str | None = None,
    segmenter: str | None = None,
    tune: bool = False,
) -> Iterator:
    """Rows of every record, in input order, on the chosen engine.

    ``tune``: a batch job in this process may tune its garbage collector
    (see :func:`pipeline.engine.local.tune_gc`); worker processes always do.
    """
    if engine == "local":
        if scheduler:
            raise ValueError("a scheduler address needs engine='dask'")
        from .local import iter_article_rows as run_local

        return run_local(records, workers=workers, batch_size=batch_size, segmenter=segmenter, tune=tune)
    if engine == "dask":
        from .dask_engine import iter_article_rows as run_dask

        return run_dask(records, scheduler=scheduler, workers=workers, batch_size=batch_size, segmenter=segmenter)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
