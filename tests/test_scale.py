"""Growing past one process: `--workers N` and Dask clusters give exactly the graph one
worker gives, in input order, reading only a window ahead, and an article that makes
extraction fail is named and skipped without ending the build."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from khabar.build import ArticleJob, build
from khabar.cli import main
from khabar.executors import dask_address
from khabar.graph.iris import Iris
from khabar.graph.remote import RemoteStore
from khabar.graph.store import GraphStore
from khabar.ingest.document import Article
from khabar.ingest.readers import read_sources
from khabar.parallel import parallel_map

from .conftest import EXAMPLES
from .synthetic import write_jsonl
from .test_remote import OXIGRAPH, oxigraph_server, quad_set


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("sources")
    shutil.copytree(EXAMPLES, folder / "examples")
    return [folder / "examples", write_jsonl(folder / "generated.jsonl", 60)]


def _built(sources: list[Path], extract, **options) -> tuple[set[str], object]:
    store = GraphStore(None, Iris())
    report = build(sources, store, extract, batch_size=7, progress=False, **options)
    return quad_set(store), report


@pytest.fixture(scope="module")
def one_worker(sources, pipeline) -> tuple[set[str], object]:
    return _built(sources, pipeline)


def test_two_workers_build_exactly_what_one_builds(sources, pipeline, one_worker) -> None:
    quads, report = _built(sources, pipeline, workers=2)
    assert report.added == one_worker[1].added > 60 and not report.skipped
    assert quads == one_worker[0]


def test_the_cli_with_workers_writes_the_same_graph(sources, tmp_path: Path) -> None:
    paths = [str(p) for p in sources]
    assert main(["build", *paths, "-o", str(tmp_path / "one.nq"), "-q"]) == 0
    assert main(["build", *paths, "-o", str(tmp_path / "two.nq"), "-q", "--workers", "2"]) == 0
    one, two = ((tmp_path / name).read_text(encoding="utf-8").splitlines() for name in ("one.nq", "two.nq"))
    assert sorted(one) == sorted(two) and len(one) > 1000


class FailsOn:
    """The pipeline, except that one article makes it raise."""

    def __init__(self, pipeline, article_id: str) -> None:
        self.pipeline, self.article_id = pipeline, article_id

    def __call__(self, article: Article):
        if article.id == self.article_id:
            raise IndexError("list index out of range")
        return self.pipeline(article)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_that_breaks_extraction_is_named_and_the_rest_kept(sources, pipeline, workers: int) -> None:
    quads, report = _built(sources, FailsOn(pipeline, "gen-00007"), workers=workers)
    assert [(Path(s.origin).name, s.reason) for s in report.skipped] == [
        ("generated.jsonl:8", "extraction failed (IndexError: list index out of range)")]
    assert report.added == 65
    assert not any("gen-00007" in q for q in quads)


def test_parallel_map_keeps_order_and_reads_only_a_window_ahead() -> None:
    taken: list[int] = []

    def numbers():
        for n in range(400):
            taken.append(n)
            yield n

    results = parallel_map(numbers(), _square, workers=2, chunk_size=4, window=3)
    assert next(results) == 0
    assert len(taken) <= 4 * 3 * 2 + 4, "no more than the window is read ahead"
    assert [0, *results] == [n * n for n in range(400)]


def _square(n: int) -> int:
    return n * n


def test_an_extracted_article_travels_as_n_quads(pipeline) -> None:
    article = next(a for a in read_sources([EXAMPLES]) if isinstance(a, Article))
    done = ArticleJob(pipeline, Iris())(article)
    back = pickle.loads(pickle.dumps(done))
    assert back.quads == done.quads and len(done.quads) > 20
    assert (back.article_iri, back.mentions, back.events) == (done.article_iri, done.mentions, done.events)
    assert back.article.id == article.id and not back.article.body, "the text is not sent back"


def test_executor_specs() -> None:
    assert dask_address("dask://scheduler.example:8786") == "tcp://scheduler.example:8786"
    assert dask_address("dask://local") == "local"
    assert dask_address("dask://tls://scheduler:8786") == "tls://scheduler:8786"
    for bad in ("dask://", "ray://head:10001", "local"):
        with pytest.raises(ValueError):
            dask_address(bad)


# --- Dask ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        yield cluster


def test_a_dask_cluster_builds_what_one_worker_builds(sources, pipeline, one_worker, dask_cluster) -> None:
    quads, report = _built(sources, pipeline, executor="dask://" + dask_cluster.scheduler_address)
    assert report.added == one_worker[1].added and not report.skipped
    assert quads == one_worker[0]


def test_dask_local_from_the_command_line(sources, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    paths = [str(p) for p in sources]
    assert main(["build", *paths, "-o", str(tmp_path / "one.nq"), "-q"]) == 0
    assert main(["build", *paths, "-o", str(tmp_path / "dask.nq"), "-q", "--executor", "dask://local",
                 "--workers", "2"]) == 0
    one, dask = ((tmp_path / name).read_text(encoding="utf-8").splitlines() for name in ("one.nq", "dask.nq"))
    assert sorted(one) == sorted(dask)


def test_a_bad_executor_is_a_usage_error(sources, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["build", str(sources[1]), "-o", str(tmp_path / "g.nq"), "--executor", "spark://x"])
    assert done.value.code == 2 and "dask://HOST:PORT" in capsys.readouterr().err


@pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed (pip install oxigraph)")
def test_dask_workers_fill_a_remote_sparql_store(sources, pipeline, one_worker, dask_cluster, tmp_path) -> None:
    with oxigraph_server(tmp_path / "remote-db") as base, RemoteStore(base, Iris()) as remote:
        report = build(sources, remote, pipeline, batch_size=7, progress=False,
                       executor="dask://" + dask_cluster.scheduler_address)
        assert report.added == one_worker[1].added and not report.skipped
        assert quad_set(remote) == one_worker[0]
        again = build(sources, remote, pipeline, progress=False, executor="dask://" + dask_cluster.scheduler_address)
        assert again.added == 0 and again.unchanged == report.added
