"""Command line: ``python -m pipeline run|evaluate ...``.

Exit codes: 0 when the run completed (also with error rows), 1 with
``--strict`` when any article failed or when evaluation gold is unreadable,
2 on usage errors (unknown option, no input path, bad format).
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


@app.command()
def run(
    inputs: List[Path] = typer.Argument(..., help="Article files (.txt, .html), dumps (.jsonl, .csv, .parquet) or folders."),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for the output tables."),
    fmt: OutputFormat = typer.Option(OutputFormat.parquet, "--format", "-f", help="Table file format."),
    db: Optional[Path] = typer.Option(None, "--db", help="Also write all tables into this DuckDB file."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes on this machine."),
    batch_size: int = typer.Option(16, "--batch-size", min=1, help="Articles per batch."),
    strict: bool = typer.Option(False, "--strict", help="Exit with 1 when any article failed."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Process articles into the articles, mentions, entities and relations tables."""
    from rich.console import Console

    from .api import RunSummary
    from .api import run as run_pipeline

    console = Console(stderr=True)
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

    tables = run_pipeline(inputs, workers=workers, batch_size=batch_size, summary=summary, on_article=tick)
    if bar is not None:
        bar.close()
    for message in summary.messages:
        console.print(f"[dim]note[/dim] {message}")
    written = tables.write(out, fmt.value)
    if db is not None:
        tables.to_duckdb(db)
        written.append(db)
    console.print(
        f"[bold]{summary.n_ok} ok, {summary.n_error} error[/bold] of {summary.n_records} articles; "
        f"{summary.n_duplicate_paragraphs} duplicate paragraphs removed; "
        f"{summary.n_near_duplicate_articles} near-duplicate articles; "
        f"{summary.n_mentions} mentions, {len(tables.entities)} entities, {summary.n_relations} relations; "
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
