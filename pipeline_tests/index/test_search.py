"""search_chunks: top chunks with their text from Postgres, across en / ja / zh."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from pipeline.index.lifecycle import IndexStateError
from pipeline.index.search import ChunkSearch
from pipeline.store.documents import NewDocument, upsert_documents
from pipeline.store.tables import Tables
from pipeline.store.vectors import VectorStore
from pipeline.vectorize import Vectorizer
from pipeline.vectorize.embedders.hashing import HashingEmbedder

DOCUMENTS = [
    ("en", "us_stock", "annual_report", "Acme Corp", [
        "The company reported record revenue growth this quarter.",
        "Our new factory in Ohio starts production next year.",
    ]),
    ("ja", "jp_stock", "securities_report", "山田電機", [
        "当社は今四半期に過去最高の売上成長を報告しました。",
        "明日の東京は雨でしょう。",
    ]),
    ("zh", "a_share", "annual_report", "华东科技", [
        "公司本季度营收创历史新高。",
        "董事会批准了新的股息政策。",
    ]),
]  # fmt: skip


def _load(db: Engine, tables: Tables) -> None:
    documents = [
        NewDocument(
            source="test", external_id=language, body="\n".join(chunks), chunks=chunks,
            market=market, doc_type=doc_type, company_name=company, language=language,
        )
        for language, market, doc_type, company, chunks in DOCUMENTS
    ]  # fmt: skip
    with db.begin() as connection:
        upsert_documents(connection, tables, documents)


@pytest.fixture(scope="module")
def use_embedder():
    from pipeline.vectorize.embedders.use import USEEmbedder

    return USEEmbedder()


def test_a_query_in_one_language_finds_text_in_another(
    db: Engine, tables: Tables, store: VectorStore, use_embedder
) -> None:
    _load(db, tables)
    Vectorizer(db, use_embedder, store).vectorize_pending()
    search = ChunkSearch(db, store, known=[use_embedder])

    rain = search.search_chunks("Will it rain in Tokyo tomorrow?", limit=3)
    assert rain[0].text == "明日の東京は雨でしょう。"
    assert (rain[0].company_name, rain[0].language, rain[0].model) == (
        "山田電機", "ja", use_embedder.name,
    )  # fmt: skip
    revenue = search.search_chunks("record quarterly revenue", {"market": "a_share"}, limit=2)
    assert revenue[0].text == "公司本季度营收创历史新高。"
    assert {h.market for h in revenue} == {"a_share"}
    ja = search.search_chunks("营收增长", {"market": "jp_stock", "doc_type": None}, limit=1)
    assert ja[0].text == "当社は今四半期に過去最高の売上成長を報告しました。"
    assert ja[0].score > 0.3  # a real match, not the least bad of six


def test_filters_limit_and_deleted_chunks(db: Engine, tables: Tables, store: VectorStore) -> None:
    _load(db, tables)
    embedder = HashingEmbedder(64)
    Vectorizer(db, embedder, store).vectorize_pending()
    search = ChunkSearch(db, store, known=[embedder])
    hits = search.search_chunks("董事会批准了新的股息政策。", limit=10)
    assert len(hits) == 6 and hits[0].text == "董事会批准了新的股息政策。"
    assert hits == sorted(hits, key=lambda h: -h.score)
    annual = search.search_chunks("revenue", {"doc_type": "annual_report"}, limit=10)
    assert {h.company_name for h in annual} == {"Acme Corp", "华东科技"}
    with db.begin() as connection:
        connection.execute(sa.text("DELETE FROM documents WHERE external_id = 'zh'"))
    # Before the next run deletes the points, text gone from Postgres is never shown.
    assert [h.company_name for h in search.search_chunks("董事会", limit=10)].count("华东科技") == 0
    with pytest.raises(IndexStateError, match="unknown search filter"):
        search.search_chunks("x", {"sector": "tech"})


def test_an_index_without_a_current_collection_says_so(db: Engine, store: VectorStore) -> None:
    with pytest.raises(IndexStateError, match="run pipeline vectorize first"):
        ChunkSearch(db, store).search_chunks("anything")
