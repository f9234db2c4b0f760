"""The analyst notebooks run top to bottom and are stored without outputs.

Each notebook in ``notebooks/`` is executed with nbclient in a kernel started
from this interpreter (a kernelspec written to a temporary folder, so neither
a user-level ``python3`` kernelspec nor ``PATH`` decides which Python runs),
with ``notebooks/`` as working directory; any cell error fails the test.

To strip outputs after working in Jupyter::

    python tests/test_notebooks.py --strip
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = REPO / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 300  # seconds per cell
KERNEL_NAME = "vn-pipeline-test"


def test_the_three_notebooks_are_there():
    assert [p.name for p in NOTEBOOKS] == ["01_one_article.ipynb", "02_corpus.ipynb", "03_quality.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        index
        for index, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert not dirty, f"{path.name}: cells {dirty} hold outputs; run `python tests/test_notebooks.py --strip`"


@pytest.fixture(scope="module")
def kernel_manager_factory(tmp_path_factory):
    """Kernel managers for a kernelspec that runs ``sys.executable``."""
    import ipykernel  # noqa: F401  (the test extra installs it; a missing kernel must fail, not skip)
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    kernels = tmp_path_factory.mktemp("kernels")
    spec_dir = kernels / KERNEL_NAME
    spec_dir.mkdir()
    (spec_dir / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "pipeline tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )

    def factory():
        specs = KernelSpecManager(kernel_dirs=[str(kernels)])
        return KernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)

    return factory


@pytest.mark.timeout(900)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom(path, kernel_manager_factory):
    import nbclient
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        km=kernel_manager_factory(),
        timeout=CELL_TIMEOUT,
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    failure = None
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as error:
        failure = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # without terminal colours
    if failure is not None:
        pytest.fail(f"{path.name}: a cell failed:\n{failure}", pytrace=False)
    # and nothing went to stderr that says a glyph is missing from the font
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("name") == "stderr":
                assert "missing from font" not in output.get("text", ""), f"{path.name}: {output['text']}"


def strip_outputs(paths=NOTEBOOKS) -> list[Path]:
    """Remove outputs and execution counts from stored notebooks; return those changed."""
    import nbformat

    changed = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        dirty = False
        for cell in notebook.cells:
            if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
                cell.outputs, cell.execution_count, dirty = [], None, True
            if cell.metadata.get("execution"):
                cell.metadata.pop("execution")
                dirty = True
        if dirty:
            nbformat.write(notebook, path)
            changed.append(path)
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--strip"]:
        sys.exit("usage: python tests/test_notebooks.py --strip")
    for path in strip_outputs():
        print(f"stripped {path.relative_to(REPO)}")
