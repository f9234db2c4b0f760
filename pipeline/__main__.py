"""Command line: ``python -m pipeline run|evaluate ...``.

Exit codes: 0 when the run completed (also with error rows), 1 with
``--strict`` when any article failed or when evaluation gold is unreadable,
2 on usage errors (unknown option, no input path, bad format, a --db file
that is not an incremental store, an unreachable --scheduler).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract people, organisations, places, directives and their relations from Vietnamese state news.",
)


@app.callback()
def _commands() -> None:
    """Extract people, organisations, places, directives and their relations from Vietnamese state news."""


class OutputFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def run(
    inputs: List[Path] = typer.Argument(..., help="Article files (.txt, .html), dumps (.jsonl, .csv, .parquet) or folders."),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for the output tables."),
    fmt: OutputFormat = typer.Option(OutputFormat.parquet, "--format", "-f", help="Table file format."),
    db: Optional[Path] = typer.Option(
        None, "--db",
        help="Incremental, crash-safe store (DuckDB file): articles already stored unchanged are skipped, "
        "each batch is committed in one transaction, and the output tables are written from it.",
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes on this machine (local engine, or the local Dask cluster)."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local: this machine; dask: a Dask cluster."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); needs --engine dask. "
        "Without it --engine dask starts a local cluster of --workers processes.",
    ),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per batch (and per committed transaction with --db)."),
    graph: Optional[Path] = typer.Option(None, "--graph", help="Also write the knowledge graph (GraphML, for Gephi or networkx)."),
    strict: bool = typer.Option(False, "--strict", help="Exit with 1 when any article failed."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Process articles into the articles, mentions, entities and relations tables.

    The tables are written to --out as the run goes (memory stays flat on
    long runs); entities are aggregated at the end.
    """
    from rich.console import Console

    from .api import RunSummary, run_to

    console = Console(stderr=True)
    if scheduler and engine is not Engine.dask:
        console.print("[red]error[/red] --scheduler needs --engine dask")
        raise typer.Exit(code=2)
    summary = RunSummary()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(desc="articles", unit="art", file=sys.stderr, disable=None)

    def tick(rows) -> None:
        if bar is not None:
            bar.update(1)
        if rows.article["status"] != "ok":
            console.print(f"[yellow]error[/yellow] {rows.article['article_id']}: {rows.article['error']}")

    from .store import StoreError

    try:
        written = run_to(
            inputs, out, fmt.value, db=db, workers=workers, batch_size=batch_size, engine=engine.value,
            scheduler=scheduler, summary=summary, on_article=tick,
        )
    except (StoreError, ConnectionError) as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(code=2)
    finally:
        if bar is not None:
            bar.close()
    if graph is not None:
        from .graph import write_graphml
        from .tables import read_tables

        written.append(write_graphml(read_tables(out, fmt.value), graph))
    for message in summary.messages:
        console.print(f"[dim]note[/dim] {message}")
    skipped = f"{summary.n_skipped} unchanged articles skipped; " if db is not None else ""
    console.print(
        f"[bold]{summary.n_ok} ok, {summary.n_error} error[/bold] of {summary.n_records} articles; "
        f"{skipped}"
        f"{summary.n_duplicate_paragraphs} duplicate paragraphs removed; "
        f"{summary.n_near_duplicate_articles} near-duplicate articles; "
        f"{summary.n_mentions} mentions, {summary.n_entities} entities, {summary.n_relations} relations; "
        f"{summary.seconds:.1f} s"
    )
    console.print("wrote " + ", ".join(str(path) for path in written))
    if strict and summary.n_error:
        raise typer.Exit(code=1)


def _register_evaluate() -> None:
    from .evaluate.cli import evaluate_command

    app.command("evaluate")(evaluate_command)


_register_evaluate()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
