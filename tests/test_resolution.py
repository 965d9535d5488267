"""One node per person across articles, whatever order the articles come in."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.build import build
from khabar.graph.store import GraphStore

FULL = ("لقاء في البصرة", "2021-03-02",
        "التقى الشيخ سامر الحمداني وفداً من التجار في البصرة أمس. وقال الحمداني إن الأسواق تحتاج إلى دعم.")
SHORT = ("تصريح جديد", "2021-03-05",
         "قال اللواء الحمداني إن الوضع الأمني مستقر في المدينة، وأضاف أن القوات منتشرة في الأحياء.")
OTHER = ("زيارة", "2021-03-07",
         "زار الشيخ كريم الحمداني مدينة الموصل، والتقى محافظها. وأكد الحمداني دعمه للمشاريع الجديدة.")


def _write(folder: Path, name: str, article: tuple[str, str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text("\n".join(article), encoding="utf-8")
    return path


def _people(store: GraphStore) -> dict[str, set[str]]:
    """Arabic label -> ids of the articles that mention the person."""
    rows = store.query("""PREFIX kb: <https://w3id.org/khabar/ontology#>
        SELECT ?label ?id WHERE {
          ?p a kb:Person ; kb:mentionedIn ?a ; <http://www.w3.org/2000/01/rdf-schema#label> ?label .
        ?a <http://purl.org/dc/terms/identifier> ?id FILTER(lang(?label) = "ar") }""")
    out: dict[str, set[str]] = {}
    for row in rows:
        out.setdefault(row["label"].value, set()).add(row["id"].value)
    return out


def _build(pipeline, paths: list[list[Path]], store_dir: Path) -> dict[str, set[str]]:
    with GraphStore(store_dir) as store:
        for batch in paths:
            build(batch, store, pipeline, progress=False)
        return _people(store)


def test_family_name_joins_the_full_name_in_any_order(pipeline, tmp_path: Path) -> None:
    full, short = _write(tmp_path / "in", "full", FULL), _write(tmp_path / "in", "short", SHORT)
    together = _build(pipeline, [[full, short]], tmp_path / "a")
    assert together["سامر الحمداني"] == {"full", "short"}
    assert _build(pipeline, [[short], [full]], tmp_path / "b") == together
    assert _build(pipeline, [[full], [short]], tmp_path / "c") == together


def test_two_people_sharing_a_family_name_are_never_merged(pipeline, tmp_path: Path) -> None:
    paths = [_write(tmp_path / "in", n, a) for n, a in (("full", FULL), ("short", SHORT), ("other", OTHER))]
    people = _build(pipeline, [paths[:2], paths[2:]], tmp_path / "kg")
    assert people["سامر الحمداني"] == {"full"}
    assert people["كريم الحمداني"] == {"other"}
    assert people["الحمداني"] == {"short"}  # undecidable: it stays its own node
    assert _build(pipeline, [paths[2:], paths[:2]], tmp_path / "kg2") == people


def test_same_article_twice_changes_nothing_and_removal_undoes(pipeline, tmp_path: Path) -> None:
    full, short = _write(tmp_path / "in", "full", FULL), _write(tmp_path / "in", "short", SHORT)
    with GraphStore(tmp_path / "kg") as store:
        build([full, short], store, pipeline, progress=False)
        before = sorted(str(q) for q in store.store)
        report = build([full, short], store, pipeline, progress=False)
        assert report.unchanged == 2 and sorted(str(q) for q in store.store) == before
        store.remove_article(store.iris.article("full"))
        store.resolve()
        store.refresh_labels()
        assert _people(store).get("الحمداني") == {"short"}
        assert "سامر الحمداني" not in _people(store)


@pytest.mark.parametrize("spelling", ["عبدالله", "عبد الله"])
def test_compound_names_written_joined_or_apart_share_a_key(spelling: str) -> None:
    from khabar.ingest.coref import canonical
    from khabar.ingest.ner.gazetteer import name_key

    assert canonical(name_key(f"{spelling} الكعبي")) == "عبد الله الكعبي"
