"""Resources: where the data files live, and the cache of built resources."""

from __future__ import annotations

import pickle

import pytest

from pipeline import resources
from pipeline.resources import cache_dir, cached, read_lines, resource_path


def test_resource_path_and_a_clear_error_for_a_missing_file():
    assert resource_path("gazetteers", "places.tsv").is_file()
    with pytest.raises(FileNotFoundError, match="missing pipeline resource"):
        resource_path("gazetteers", "không-có.tsv")
    assert all(not line.startswith("#") for line in read_lines("patterns", "organisations.tsv"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(resources.CACHE_ENV, str(folder))
    return folder


class Builder:
    """Counts its calls: a build that ran, not a read from the cache."""

    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_built_resource_is_read_back_by_the_next_load(cache):
    build = Builder({("ủy", "ban"): "Ủy ban", "tỉnh": ["Gia Lai", "Đắk Lắk"]})
    first = cached("lexicon", build)
    second = cached("lexicon", build)
    assert first == second == build.value
    assert build.calls == 1
    assert len(list(cache.glob("lexicon-*.pickle"))) == 1


def test_a_changed_source_file_means_a_rebuild(cache, tmp_path):
    source = tmp_path / "words.txt"
    source.write_text("hòa bình\n", encoding="utf-8")
    build = Builder("v1")
    cached("words", build, sources=[source])
    source.write_text("hòa bình\nđộc lập\n", encoding="utf-8")
    cached("words", build, sources=[source])
    assert build.calls == 2
    # the file of the old fingerprint is gone: one file per resource
    assert len(list(cache.glob("words-*.pickle"))) == 1


def test_a_damaged_cache_file_is_rebuilt(cache):
    build = Builder([1, 2, 3])
    cached("list", build)
    (path,) = cache.glob("list-*.pickle")
    path.write_bytes(b"\x80\x05 not a pickle")
    assert cached("list", build) == [1, 2, 3]
    assert build.calls == 2
    assert pickle.loads(path.read_bytes()) == [1, 2, 3]


def test_cache_off_builds_every_time(monkeypatch):
    monkeypatch.setenv(resources.CACHE_ENV, "off")
    assert cache_dir() is None
    build = Builder("x")
    cached("anything", build)
    cached("anything", build)
    assert build.calls == 2


def test_an_unwritable_cache_still_gives_the_resource(tmp_path, monkeypatch):
    # the cache folder cannot be made: a file stands in its parent's place
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(resources.CACHE_ENV, str(blocker / "cache"))
    build = Builder({"Hà Nội": "LOC"})
    assert cached("x", build) == {"Hà Nội": "LOC"}
    assert cached("x", build) == {"Hà Nội": "LOC"}
    assert build.calls == 2
    assert list(tmp_path.glob(".x-*")) == []


def test_no_home_directory_means_no_cache(monkeypatch):
    monkeypatch.delenv(resources.CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(resources.Path, "home", staticmethod(no_home))
    assert cache_dir() is None
    assert cached("x", Builder("Đà Nẵng")) == "Đà Nẵng"


def test_the_cached_segmenter_is_the_built_one(cache):
    from pipeline.nlp.segmenter import VtbCRFSegmenter

    built = VtbCRFSegmenter()  # empty cache: built, then written
    read = VtbCRFSegmenter()  # read back
    assert len(list(cache.glob("segmenter-*.pickle"))) == 1
    assert read.lexicon == built.lexicon
    syllables = "Uỷ ban nhân dân tỉnh Gia Lai ban hành Chỉ thị số 07/2007/CT-UBND".split()
    assert read.features(syllables) == built.features(syllables)
    assert read(syllables) == built(syllables)
