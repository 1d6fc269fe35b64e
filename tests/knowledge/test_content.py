"""The knowledge base says what the article says, in our own words, with a citation for everything."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.conftest import SHARED

ARTICLE = SHARED / "source" / "serverless-containers-2019.txt"
needs_article = pytest.mark.skipif(not ARTICLE.exists(), reason="the source article lives in ../shared")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _first(kb, platform: str, feature: str):  # type: ignore[no-untyped-def]
    """The cell's first value on record: for the table's rows, the article's."""
    return kb.timeline(platform, feature)[0]


TABLE_ROWS = [f for f in ("deployment-unit", "isolation", "windows-containers", "deployment-spec", "multi-container", "persistence",
              "orchestration", "cluster-provisioning", "terraform", "gpu", "public-endpoint", "autoscaling", "scale-to-zero",
              "vnet", "logging", "revisions")]  # fmt: skip


@needs_article
def test_matrix_values_are_the_tables_cells_exactly(kb) -> None:  # type: ignore[no-untyped-def]
    """Each row of the article's side-by-side table reads as the row label followed by our three first values,
    each citing the article."""
    table_lines = {" ".join(line.split()) for line in ARTICLE.read_text(encoding="utf-8").splitlines()}
    for fid in TABLE_ROWS:
        feature = kb.features[fid]
        firsts = [_first(kb, p, fid) for p in ("fargate", "cloud-run", "aci")]
        assert all(e.cite.source == "tns-2019" and e.scope is None for e in firsts), fid
        assert " ".join([feature.row, *(e.value for e in firsts)]) in table_lines, fid


@needs_article
def test_notes_are_our_own_words(kb) -> None:  # type: ignore[no-untyped-def]
    """No note, summary or description repeats eight or more consecutive words of the article."""
    article = _words(ARTICLE.read_text(encoding="utf-8"))
    shingles = {tuple(article[i : i + 8]) for i in range(len(article) - 7)}
    texts = [p.summary for p in kb.platforms.values()] + [c.note for c in kb.caveats.values()]
    texts += [e.note for t in kb.timelines.values() for e in t if e.note] + [f.description for f in kb.features.values()]
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
    """Every value, caveat and platform summary cites a known source with a locator; vendor pages are dated."""
    cites = [e.cite for t in kb.timelines.values() for e in t] + [c.cite for c in kb.caveats.values()]
    cites += [p.cite for p in kb.platforms.values()] + [x.cite for cs in kb.changes.values() for x in cs]
    for cite in cites:
        assert cite.source in kb.sources and cite.locator
    for s in kb.sources.values():
        assert s.url.startswith("https://") and s.date <= dt.date(2026, 11, 28), s.id
    assert kb.sources["tns-2019"].url == "https://thenewstack.io/comparison-aws-fargate-vs-google-cloud-run-vs-azure-container-instances/"


def test_new_rows_cite_vendor_pages(kb) -> None:
    """Every value of a row beyond the 2019 table comes from the vendor's own pages, never the article."""
    vendors = {"fargate": "Amazon Web Services", "cloud-run": "Google Cloud", "aci": "Microsoft"}
    for (pid, fid), timeline in kb.timelines.items():
        if fid in TABLE_ROWS:
            continue
        for e in timeline:
            assert kb.sources[e.cite.source].publisher == vendors[pid], (pid, fid, e.id)


def test_support_follows_the_value(kb) -> None:  # type: ignore[no-untyped-def]
    """Support is yes for Yes..., no for No/None, and null on descriptive rows."""
    for (_, fid), timeline in kb.timelines.items():
        for e in timeline:
            if kb.features[fid].kind == "descriptive":
                assert e.support is None, e.id
            elif e.value.startswith("Yes"):
                assert e.support == "yes", e.id
            else:
                assert e.value.startswith(("No", "None")) and e.support == "no", e.id


def test_fargate_table_and_prose_disagreement_is_kept(kb) -> None:  # type: ignore[no-untyped-def]
    """The table's Yes for Fargate scale-to-zero stays, with the caveat from the prose beside it."""
    assert _first(kb, "fargate", "scale-to-zero").value == "Yes"
    caveat = kb.caveats["fargate-no-builtin-autoscale"]
    assert {"autoscaling", "scale-to-zero"} <= set(caveat.features)


def test_what_is_not_covered_has_a_pointer(kb) -> None:  # type: ignore[no-untyped-def]
    """Each product or topic the bot knowingly refuses comes with a one-line pointer for whoever asks."""
    assert kb.refusals
    for r in kb.refusals:
        assert r.pointer.endswith(".") and "\n" not in r.pointer and len(r.pointer) < 200, r.name


@pytest.mark.parametrize(
    ("question", "refused", "page"),
    [
        ("how do I get a shell in a running fargate task?", "exec into a running container", "aws-ecs-exec-run"),
        ("az container exec won't take arguments", "exec into a running container", "azure-aci-exec"),
        ("can cloud run pull an image from a private docker hub repo?", "private registry credentials", "gcp-run-deploying"),
        ("Permission 'iam.serviceaccounts.actAs' denied deploying to cloud run", "how a deploy pipeline signs in", "gcp-run-iam-roles"),
        ("does ACI support IPv6?", "IPv6", "azure-aci-vnet-concepts"),
    ],
)
def test_a_refused_subject_the_vendors_document_cites_their_page(engine, question: str, refused: str, page: str) -> None:  # type: ignore[no-untyped-def]
    """Asked about a subject the bot refuses, it says so and cites the vendor's page on it, for the platform asked."""
    a = engine.ask(question)
    assert a.intent == "unknown" and refused in a.not_covered, (a.intent, a.not_covered)
    assert page in [c.source for c in a.citations]
