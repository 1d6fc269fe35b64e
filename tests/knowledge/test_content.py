"""The knowledge base says what the article says, in our own words, with a citation for everything."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SHARED

ARTICLE = SHARED / "source" / "serverless-containers-2019.txt"
needs_article = pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives in ../shared")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@needs_article
def test_matrix_values_are_the_tables_cells_exactly(kb) -> None:  # type: ignore[no-untyped-def]
    """Each row of the article's side-by-side table reads as the row label followed by our three values."""
    table_lines = {" ".join(line.split()) for line in ARTICLE.read_text(encoding="utf-8").splitlines()}
    for feature in kb.features.values():
        values = [kb.cell(p, feature.id).value for p in ("fargate", "cloud-run", "aci")]
        assert " ".join([feature.row, *values]) in table_lines, feature.id


@needs_article
def test_notes_are_our_own_words(kb) -> None:  # type: ignore[no-untyped-def]
    """No note, summary or description repeats eight or more consecutive words of the article."""
    article = _words(ARTICLE.read_text(encoding="utf-8"))
    shingles = {tuple(article[i : i + 8]) for i in range(len(article) - 7)}
    texts = [p.summary for p in kb.platforms.values()] + [c.note for c in kb.caveats.values()]
    texts += [c.note for c in kb.cells.values() if c.note] + [f.description for f in kb.features.values()]
    for text in texts:
        words = _words(text)
        copied = [" ".join(words[i : i + 8]) for i in range(len(words) - 7) if tuple(words[i : i + 8]) in shingles]
        assert not copied, copied


@needs_article
def test_page_furniture_is_not_knowledge(kb_copy) -> None:  # type: ignore[no-untyped-def]
    """The survey and newsletter lines around the article appear nowhere in the knowledge files."""
    text = " ".join(p.read_text(encoding="utf-8").lower() for p in kb_copy.glob("*.yaml"))
    for furniture in ("webassembly", "newsletter", "insight partners", "sketch"):
        assert furniture not in text


def test_every_fact_and_note_is_cited(kb) -> None:  # type: ignore[no-untyped-def]
    """Cells, caveats and platform summaries all cite a known source with a locator."""
    cites = [c.cite for c in kb.cells.values()] + [c.cite for c in kb.caveats.values()] + [p.cite for p in kb.platforms.values()]
    for cite in cites:
        assert cite.source in kb.sources and cite.locator
    assert kb.sources["tns-2019"].url == "https://thenewstack.io/comparison-aws-fargate-vs-google-cloud-run-vs-azure-container-instances/"


def test_support_follows_the_value(kb) -> None:  # type: ignore[no-untyped-def]
    """Support is yes for Yes..., no for No/None, and null on descriptive rows."""
    for cell in kb.cells.values():
        if kb.features[cell.feature].kind == "descriptive":
            assert cell.support is None
        elif cell.value.startswith("Yes"):
            assert cell.support == "yes"
        else:
            assert cell.value in ("No", "None") and cell.support == "no"


def test_fargate_table_and_prose_disagreement_is_kept(kb) -> None:  # type: ignore[no-untyped-def]
    """The table's Yes for Fargate scale-to-zero stays, with the caveat from the prose beside it."""
    assert kb.cell("fargate", "scale-to-zero").value == "Yes"
    caveat = kb.caveats["fargate-no-builtin-autoscale"]
    assert {"autoscaling", "scale-to-zero"} <= set(caveat.features)
