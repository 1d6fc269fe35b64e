"""Question understanding: typos, aliases, synonyms, negation, several platforms, and no guessing."""

from __future__ import annotations

import pytest

from bot.understand.parse import Context, understand


@pytest.fixture(scope="module")
def lex(engine):  # type: ignore[no-untyped-def]
    return engine.lexicon


@pytest.mark.parametrize(
    ("question", "platforms"),
    [
        ("farget gpu", ("fargate",)),
        ("clodu run scale to zero", ("cloud-run",)),
        ("does fargte support windows", ("fargate",)),
        ("EKS Fargate windows containers", ("fargate",)),
        ("ECS Fargate windows containers", ("fargate",)),
        ("GCP Cloud Run gpu", ("cloud-run",)),
        ("cloudrun gpu", ("cloud-run",)),
        ("CloudRun gpu", ("cloud-run",)),
        ("azure container instance gpu", ("aci",)),
        ("container group sidecar", ("aci",)),
        ("ACI: gpu?", ("aci",)),
        ("fargate and aci and cloud run on gpu", ("fargate", "aci", "cloud-run")),
    ],
)
def test_platforms_are_recognised_however_typed(lex, question: str, platforms: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Typos, aliases, CamelCase and several platforms at once all resolve to platform ids, in order."""
    assert understand(question, lex).platforms == platforms


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        ("aci sidecars", "multi-container"),
        ("fargate PVC", "persistence"),
        ("aci file share", "persistence"),
        ("cloud run nvidia", "gpu"),
        ("fargate VPC", "vnet"),
        ("aci CNAME", "public-endpoint"),
        ("cloud run custom domain", "public-endpoint"),
        ("cloud run canary", "revisions"),
        ("cloud run traffic splitting", "revisions"),
        ("aci HPA", "autoscaling"),
        ("cloud run gVisor", "isolation"),
        ("aci IaC", "terraform"),
        ("fargate persistance", "persistence"),
        ("aci autoscalling", "autoscaling"),
        ("cloud run terrafrom", "terraform"),
        ("aci PersistentVolumeClaim", "persistence"),
    ],
)
def test_feature_synonyms_and_typos(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    """Synonyms from the knowledge files and misspellings of them name the right feature."""
    assert understand(question, lex).features == (feature,)


@pytest.mark.parametrize(
    "question",
    [
        "does AWS Lambda support GPUs",
        "Azure Container Apps windows containers",
        "GKE Autopilot gpu",
        "how much does fargate cost",
        "cloud run memory limits",
        "cold starts on cloud run",
        "does cloud run support websockets",
        "can I run a cron job on ACI",
        "does AKS support windows node pools",
        "what's for lunch today",
        "qwertyuiop",
    ],
)
def test_what_we_do_not_cover_is_unknown(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    """Other products, uncovered topics and nonsense are unknown, never a near-miss answer."""
    assert understand(question, lex).intent == "unknown"


def test_real_words_are_not_corrected_into_knowledge_words(lex) -> None:  # type: ignore[no-untyped-def]
    """Common English words that look like ours ("looking" ~ "logging") are left alone."""
    q = understand("looking for a platform with revisions and scale to zero", lex)
    assert set(q.features) == {"revisions", "scale-to-zero"}
    assert not q.corrections


def test_negation_flips_which(engine) -> None:  # type: ignore[no-untyped-def]
    """'which don't support X' lists the platforms lacking X."""
    assert engine.ask("which platforms support GPUs?").platforms == ("cloud-run", "aci")
    assert engine.ask("which don't support GPUs").platforms == ("fargate",)
    assert engine.ask("which ones lack versioning").platforms == ("fargate", "aci")


def test_longer_phrases_win(lex) -> None:  # type: ignore[no-untyped-def]
    """'scale to zero' is one feature, not autoscaling plus something."""
    assert understand("can cloud run scale to zero", lex).features == ("scale-to-zero",)
    assert understand("does cloud run support kubernetes pods", lex).platforms == ("cloud-run",)


def test_follow_up_reuses_the_previous_question(lex) -> None:  # type: ignore[no-untyped-def]
    """In a thread, 'and Cloud Run?' keeps the earlier feature; 'what about windows?' keeps the platforms."""
    ctx = Context(platforms=("aci",), features=("gpu",))
    q = understand("and Cloud Run?", lex, ctx)
    assert (q.intent, q.platforms, q.features) == ("fact", ("cloud-run",), ("gpu",))
    q = understand("what about windows containers?", lex, ctx)
    assert (q.intent, q.platforms, q.features) == ("fact", ("aci",), ("windows-containers",))


def test_without_context_a_bare_platform_is_an_overview(lex) -> None:  # type: ignore[no-untyped-def]
    """The same 'and Cloud Run?' with no earlier question is an overview."""
    assert understand("and Cloud Run?", lex).intent == "overview"


def test_a_long_message_is_read_at_its_start_and_end(lex) -> None:  # type: ignore[no-untyped-def]
    """Context pasted before the question does not hide it: the end of a long message is read."""
    filler = "we are migrating a legacy batch system and have been reading docs all week " * 8
    q = understand(filler + "so: does ACI support GPUs?", lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("aci",), ("gpu",))
