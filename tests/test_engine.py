"""Every intent answers with the right data, citations and the age of its source."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import answer_to_dict, render_text
from bot.understand.parse import INTENTS
from tests.conftest import TODAY


def test_fact_answer_is_cited_and_dated(engine) -> None:  # type: ignore[no-untyped-def]
    """'does ACI support GPUs?' answers Yes (Preview), cites the table row and says the source is old."""
    a = engine.ask("does ACI support GPUs?", today=TODAY)
    assert (a.intent, a.platforms, a.features) == ("fact", ("aci",), ("gpu",))
    fact = a.fact("aci", "gpu")
    assert fact is not None and (fact.value, fact.support) == ("Yes (Preview)", "yes")
    assert any(c.locator == "side-by-side table, row 'GPU Support'" and c.title.startswith("Comparison: AWS Fargate") for c in a.citations)
    assert "Yes (Preview)" in render_text(a) and "20 Dec 2019" in render_text(a)
    old = render_text(engine.ask("does cloud run support windows containers?", today=TODAY))
    assert "Windows containers: No." in old and "this comparison is from Dec 2019, 7 years old" in old


def test_table_value_and_prose_caveat_side_by_side(engine) -> None:  # type: ignore[no-untyped-def]
    """Fargate scale-to-zero answers the table's Yes and the prose's 'not out of the box' together."""
    a = engine.ask("can fargate scale to zero?", today=TODAY)
    assert a.fact("fargate", "scale-to-zero").value == "Yes"  # type: ignore[union-attr]
    assert "fargate-no-builtin-autoscale" in [c.id for c in a.caveats]
    assert "out of the box" in render_text(a)


def test_which_lists_satisfying_platforms(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("which platforms can scale to zero")
    assert a.intent == "which" and a.platforms == ("fargate", "cloud-run", "aci")


def test_which_on_a_descriptive_value(engine) -> None:  # type: ignore[no-untyped-def]
    """'which platforms use gVisor' matches the value in a descriptive row."""
    a = engine.ask("which platforms use gVisor")
    assert a.intent == "which" and a.platforms == ("cloud-run",) and a.features == ("isolation",)


def test_compare_renders_a_table(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("compare cloud run and ACI on GPU support")
    assert a.intent == "compare" and a.platforms == ("cloud-run", "aci") and a.features == ("gpu",)
    assert "Yes (Anthos)" in render_text(a) and "|" in render_text(a)


def test_compare_everything(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("show the comparison matrix")
    assert a.intent == "compare" and len(a.facts) == 48


def test_overview(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("tell me about cloud run")
    assert a.intent == "overview" and a.platforms == ("cloud-run",) and "Knative" in render_text(a)


def test_caveat(engine) -> None:  # type: ignore[no-untyped-def]
    """A symptom ('stuck pending') answers with the Fargate profile caveat."""
    a = engine.ask("why is my pod stuck pending on EKS Fargate?")
    assert a.intent == "caveat" and a.caveats[0].id == "fargate-profile-matching"
    assert "Fargate profile" in render_text(a)
    assert "#1" in " ".join(c.locator for c in a.citations)


def test_recommend(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("I need GPUs and native persistence, which platform fits?")
    assert a.intent == "recommend" and a.platforms == ("aci",) and set(a.features) == {"gpu", "persistence"}


def test_recommend_with_no_match_says_so(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("we need windows containers and revisions")
    assert a.intent == "recommend" and a.platforms == () and "No platform meets all" in render_text(a)


def test_help_and_unknown_offer_suggestions(engine) -> None:  # type: ignore[no-untyped-def]
    """Help lists examples; unknown says what is covered and suggests questions it can answer."""
    h = engine.ask("help")
    assert h.intent == "help" and h.suggestions
    u = engine.ask("does AWS Lambda support GPUs")
    assert u.intent == "unknown" and u.confidence == 0.0
    text = render_text(u)
    assert "AWS Lambda is not something I cover" in text and "Google Cloud Run" in text
    assert "which platforms support gpu support?" in u.suggestions
    for s in u.suggestions:
        assert engine.ask(s).intent != "unknown", s


def test_typos_lower_confidence_and_are_shown(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("does fargte support gpu")
    assert a.intent == "fact" and a.confidence < 1.0 and "'fargte' as 'fargate'" in render_text(a)


def test_json_contract(engine) -> None:  # type: ignore[no-untyped-def]
    """The JSON object has exactly the documented keys and types."""
    d = answer_to_dict(engine.ask("do fargate and ACI support windows containers?"))
    assert {"intent", "platforms", "features", "facts", "caveats", "citations", "confidence", "suggestions", "text"} <= set(d)
    assert d["intent"] in INTENTS and 0 <= d["confidence"] <= 1
    assert {f["platform"]: f["support"] for f in d["facts"]} == {"fargate": "no", "aci": "yes"}
    assert set(d["citations"][0]) >= {"source", "title", "date", "locator", "url"}
    json.dumps(d)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=10_000) | st.text(alphabet=string.ascii_letters + " -?:*~<>@!&", max_size=2_000))
def test_any_text_gets_an_answer(engine, text: str) -> None:  # type: ignore[no-untyped-def]
    """Any string up to 10,000 characters gets an answer of a known intent, without an exception."""
    a = engine.ask(text)
    assert a.intent in INTENTS
    json.dumps(answer_to_dict(a))


def test_huge_repetition_is_bounded(engine) -> None:  # type: ignore[no-untyped-def]
    """10,000 repetitions of a platform name are read from a bounded prefix and answered."""
    a = engine.ask("fargate " * 10_000)
    assert a.intent == "overview" and a.platforms == ("fargate",)
