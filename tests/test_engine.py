"""Every intent answers as of a date: the bottom line first, scoped values, history and citations.

Mechanism is tested on the small fixture knowledge base (tests/fixtures/kb: Alpha Run with scopes
One and Two, Beta Boxes without); content on the real one.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer import Engine
from bot.knowledge import KnowledgeError, load_knowledge
from bot.render import answer_to_dict, render_text
from bot.understand.parse import INTENTS, structured
from tests.conftest import TODAY

FIXTURE = Path(__file__).parent / "fixtures" / "kb"
BEFORE = dt.date(2020, 6, 1)  # after the survey (Jan 2020), before any update


@pytest.fixture(scope="module")
def small() -> Engine:
    return Engine(load_knowledge(FIXTURE))


# -- scopes and partial support ------------------------------------------------------


def test_a_platform_whose_scopes_differ_is_partial_and_names_each_scope(small: Engine) -> None:
    """Naming only the platform gives the platform-level answer: partial, with each scope's value and date."""
    a = small.ask("does alpha run widgets?", today=TODAY)
    f = a.fact("alpha", "widgets")
    assert f is not None and f.support == "partial" and f.scope is None
    assert [(d.scope, d.support) for d in f.scopes] == [("one", "yes"), ("two", "no")]
    assert (
        a.phrasing.bottom_line
        == "Partly: Alpha Run, Widget support: Yes (widgets on Alpha One) on Alpha One since 1 Mar 2021; No on Alpha Two."
    )


def test_a_question_naming_a_scope_gets_that_scopes_answer(small: Engine) -> None:
    """'Alpha One' and a hint word next to the platform ('onesies') both select the scope."""
    for q in ("does alpha one run widgets?", "alpha widgets for onesies"):
        a = small.ask(q, today=TODAY)
        f = a.fact("alpha", "widgets")
        assert f is not None and (f.scope, f.support, f.value) == ("one", "yes", "Yes (widgets on Alpha One)"), q
    two = small.ask("alpha two widgets", today=TODAY).fact("alpha", "widgets")
    assert two is not None and (two.scope, two.support) == ("two", "no")


def test_which_and_recommend_count_a_partial_platform_and_say_under_which_scope(small: Engine) -> None:
    a = small.ask("which platforms run widgets?", today=TODAY)
    assert a.intent == "which" and a.platforms == ("alpha", "beta")
    assert "Alpha Run (only Alpha One)" in a.phrasing.bottom_line
    r = small.ask("I need widgets and turbo, which platform fits?", today=TODAY)
    assert r.intent == "recommend" and r.platforms == ("alpha",) and "only Alpha One" in r.phrasing.bottom_line
    scoped = small.ask("which platforms have widgets on alpha two and beta", today=TODAY)
    assert scoped.platforms == ("beta",)


def test_a_descriptive_row_differs_by_scope(small: Engine) -> None:
    f = small.ask("what engine does alpha use", today=TODAY).fact("alpha", "engine")
    assert f is not None and f.support is None and f.value == "Alpha One: Steam; Alpha Two: Diesel"
    assert small.ask("which platforms have a diesel engine", today=TODAY).platforms == ("alpha",)


# -- answers as of a date ------------------------------------------------------------


def test_the_answer_is_todays_with_the_first_value_as_history(small: Engine) -> None:
    a = small.ask("does beta have turbo?", today=TODAY)
    f = a.fact("beta", "turbo")
    assert f is not None and (f.value, f.support, f.since) == ("No (turbo removed)", "no", dt.date(2022, 6, 1))
    assert f.citation is not None and f.citation.source == "beta-docs"
    assert [(d.value, d.since) for d in f.history] == [("Yes", dt.date(2020, 1, 10))]
    assert a.phrasing.bottom_line == "No: Beta Boxes, Turbo mode: No (turbo removed) since 1 Jun 2022 (in Jan 2020: Yes)."


def test_as_of_an_earlier_date_answers_as_it_stood(small: Engine) -> None:
    a = small.ask("does beta have turbo?", as_of=BEFORE)
    f = a.fact("beta", "turbo")
    assert f is not None and (f.value, f.support, f.history) == ("Yes", "yes", ())
    assert a.provenance.answered_as_of == BEFORE and a.provenance.dated
    assert a.phrasing.bottom_line == "Yes: Beta Boxes, Turbo mode: Yes."
    assert small.ask("does alpha run widgets?", as_of=BEFORE).fact("alpha", "widgets").support == "no"  # type: ignore[union-attr]


def test_a_contradicted_caveat_leaves_current_answers_and_shows_as_it_was_before(small: Engine) -> None:
    """The turbo tip, retired in 2022, is gone from today's answers and present in 2020's."""
    assert "beta-turbo-tip" not in [c.id for c in small.ask("beta turbo", today=TODAY).caveats]
    assert "beta-turbo-tip" in [c.id for c in small.ask("beta turbo", as_of=BEFORE).caveats]
    asked = small.ask("slow boxes on beta", today=TODAY)  # asked about directly: shown, marked as ended
    assert asked.intent == "caveat" and asked.caveats[0].ended is not None
    assert asked.phrasing.bottom_line.startswith("No longer true since 1 Jun 2022: Use turbo for big boxes")


def test_the_gotchas_of_a_topic_lead_with_what_is_true_today(small: Engine) -> None:
    """Asked for the gotchas of a topic whose only caveat has been retired, the answer leads with today's fact; the
    retired caveat follows as history."""
    a = small.ask("slow boxes on beta: any gotchas with turbo?", today=TODAY)
    assert a.intent == "caveat" and [c.id for c in a.caveats] == ["beta-turbo-tip"] and a.caveats[0].ended is not None
    assert a.phrasing.bottom_line.startswith("No: Beta Boxes, Turbo mode: No (turbo removed) since 1 Jun 2022")


def test_which_platforms_have_several_rows_names_those_meeting_them_all(small: Engine) -> None:
    """ "Which platforms have both X and Y?" is answered with the platforms meeting every row, as a which; asked for a
    pick ("which one should we use?") it is a recommendation over the same cells."""
    a = small.ask("which platforms have both widgets and turbo?", today=BEFORE)
    assert (a.intent, a.features, a.platforms) == ("which", ("widgets", "turbo"), ("beta",))
    assert a.phrasing.bottom_line == "Meets all of Widget support and Turbo mode: Beta Boxes."
    assert small.ask("we need widgets and turbo, which one should we pick?", today=BEFORE).intent == "recommend"


def test_a_how_to_whose_caveats_have_all_ended_asks_for_the_fact(small: Engine) -> None:
    """A how-to read for the caveat its words hint at is answered with that caveat while it holds, and with the fact
    once the caveat has ended (its limitation lifted, its advice retired)."""
    q = "how do I use turbo for slow boxes on beta?"
    before, today = small.ask(q, as_of=BEFORE), small.ask(q, today=TODAY)
    assert (before.intent, [c.id for c in before.caveats]) == ("caveat", ["beta-turbo-tip"])
    assert today.intent == "fact" and today.fact("beta", "turbo").value == "No (turbo removed)"  # type: ignore[union-attr]
    assert small.ask("slow boxes on beta: any gotchas with turbo?", today=TODAY).intent == "caveat"  # asked in so many words


def test_a_caveat_from_a_later_page_is_not_known_before_it(small: Engine) -> None:
    """A caveat is dated by the page it cites: an answer as of an earlier date neither shows it nor answers with it."""
    assert "alpha-engine-warmup" in [c.id for c in small.ask("alpha engine", today=TODAY).caveats]
    assert "alpha-engine-warmup" not in [c.id for c in small.ask("alpha engine", as_of=BEFORE).caveats]
    assert [c.id for c in small.ask("alpha engine warm up tips", as_of=BEFORE).caveats] == []


def test_a_scoped_caveat_only_for_its_scope(small: Engine) -> None:
    assert "alpha-two-queue" in [c.id for c in small.ask("alpha widgets", today=TODAY).caveats]
    assert "alpha-two-queue" not in [c.id for c in small.ask("alpha one widgets", today=TODAY).caveats]


def test_a_question_naming_another_scope_gets_no_caveat_of_this_one(small: Engine) -> None:
    """A caveat scoped to Alpha Two neither answers nor turns into the intent of a question about Alpha One."""
    assert small.ask("are widgets queued on alpha two", today=TODAY).intent == "fact"
    assert small.ask("why are my alpha two widgets queued", today=TODAY).intent == "caveat"
    one = small.ask("why are my alpha one widgets queued", today=TODAY)
    assert one.intent == "fact" and not one.caveats


# -- understanding that the knowledge drives -------------------------------------------


def test_a_narrower_feature_takes_over_when_its_words_are_there(small: Engine) -> None:
    """ "narrows" in the YAML: words anywhere in the question turn the broader feature into the narrower one."""
    assert small.ask("beta engine", today=TODAY).features == ("engine",)
    assert small.ask("can beta's engine go faster", today=TODAY).features == ("turbo",)
    assert small.ask("can beta's engine go faster with a turbo", today=TODAY).features == ("turbo",)


def test_narrowing_words_inside_the_feature_phrase_do_not_count(small: Engine, tmp_path: Path) -> None:
    """A narrowing word that is part of the broader feature's own phrase is that phrase, not a narrowing."""
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE, kb)
    f = kb / "features.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("[engine, motor,", "[engine, motor, faster motor,"), encoding="utf-8")
    eng = Engine(load_knowledge(kb))
    assert eng.ask("beta faster motor", today=TODAY).features == ("engine",)
    assert eng.ask("beta motor faster", today=TODAY).features == ("turbo",)


def test_a_row_that_is_only_the_setting_gives_way(small: Engine) -> None:
    """ "yields" in the YAML: beside another row the yielding one is the question's setting, unless asked side by side."""
    assert small.ask("beta widgets", today=TODAY).features == ("widgets",)
    assert small.ask("does the widget box on beta have a turbo", today=TODAY).features == ("turbo",)
    assert small.ask("beta widgets and turbo", today=TODAY).features == ("widgets", "turbo")


def test_a_gapped_phrase_never_borrows_a_word_of_a_platform_name(small: Engine) -> None:
    """ "what makes * run" must not take the "run" of "Alpha Run": that leaves nothing the question is about."""
    assert small.ask("what makes beta run", today=TODAY).features == ("engine",)
    assert small.ask("what makes alpha run", today=TODAY).intent != "fact"


def test_narrowing_an_unknown_feature_is_a_clear_error(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE, kb)
    f = kb / "features.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("feature: engine", "feature: enjin"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="feature 'turbo' narrows unknown feature 'enjin'"):
        load_knowledge(kb)


def test_a_page_restating_an_answer_confirms_it_without_moving_since(tmp_path: Path) -> None:
    """A later page that gives the same yes or no (in other words) makes the answer fresher, not newer: since stays
    when the answer took effect, confirmed moves to the restating page."""
    kb = tmp_path / "kb"
    shutil.copytree(FIXTURE, kb)
    updates = kb / "updates.yaml"
    updates.write_text(
        updates.read_text(encoding="utf-8")
        + """  - id: beta-widgets-still
    target: {platform: beta, feature: widgets}
    value: "Yes (widgets, now in three sizes)"
    support: "yes"
    effective: 2026-06-01
    precision: documented
    note: Beta still runs widgets.
    cite: {source: beta-docs, locator: "section 'Widgets'"}
""",
        encoding="utf-8",
    )
    fact = answer_to_dict(Engine(load_knowledge(kb)).ask("beta widgets", today=TODAY))["facts"][0]
    assert fact["value"] == "Yes (widgets, now in three sizes)"
    assert fact["since"] == "2020-01-10" and fact["confirmed"] == "2026-06-01"


def test_rows_without_a_value_yet_are_not_covered_then(engine: Engine) -> None:
    """As of Dec 2019 the rows beyond the 2019 table did not exist yet: those questions are unknown then."""
    then = engine.ask("what is the max request timeout on cloud run?", as_of=dt.date(2019, 12, 20))
    assert then.intent == "unknown" and then.not_covered == ("Request and run timeout",)
    assert engine.ask("what is the max request timeout on cloud run?", today=TODAY).intent == "fact"


# -- the bottom line of each intent --------------------------------------------------


@pytest.mark.parametrize(
    ("question", "intent", "starts"),
    [
        ("does beta have widgets", "fact", "Yes: Beta Boxes, Widget support: Yes (as of Jan 2020, the newest on record)."),
        ("which platforms have turbo", "which", "With Turbo mode: Alpha Run (only Alpha One)"),
        ("compare alpha and beta on turbo", "compare", "Turbo mode: Alpha Run "),
        ("compare alpha and beta", "compare", "Alpha Run and Beta Boxes compared on 3 rows"),
        ("tell me about beta", "overview", "Beta Boxes: Beta runs boxes."),
        ("I need widgets and turbo, what fits", "recommend", "Meets all of Widget support and Turbo mode: Alpha Run"),
        ("help", "help", "I answer questions about Alpha Run and Beta Boxes: 3 topics"),
        ("does gamma cloud have widgets", "unknown", "I can't answer that: I don't cover Gamma Cloud."),
    ],
)
def test_the_first_line_is_the_bottom_line(small: Engine, question: str, intent: str, starts: str) -> None:
    a = small.ask(question, today=TODAY)
    assert a.intent == intent
    assert a.phrasing.bottom_line.startswith(starts)
    assert render_text(a).split("\n")[0] == a.phrasing.bottom_line


def test_what_several_platforms_are_is_a_line_each(small: Engine) -> None:
    """ "In a nutshell, what are X and Y?" tells what each one is, cites each one's summary, and lays out their rows;
    "X vs Y, the tl;dr" still compares."""
    a = small.ask("in a nutshell, what are alpha and beta?", today=TODAY)
    assert (a.intent, a.platforms) == ("overview", ("alpha", "beta"))
    assert a.phrasing.bottom_line == "Alpha Run: Alpha runs widgets in two ways, One and Two; Beta Boxes: Beta runs boxes."
    assert a.phrasing.table is not None and a.phrasing.table.columns == ("", "Alpha Run", "Beta Boxes")
    assert small.ask("alpha vs beta, the tl;dr", today=TODAY).intent == "compare"


def test_the_matrix_marks_changed_cells_with_a_legend(small: Engine) -> None:
    m = small.matrix(TODAY)
    t = m.phrasing.table
    assert (
        t is not None
        and t.columns == ("", "Alpha Run", "Beta Boxes")
        and [r[0] for r in t.rows] == ["Widget support", "Engine", "Turbo mode"]
    )
    assert (3, 2) in t.changed and (1, 2) not in t.changed  # Beta turbo changed; Beta widgets did not
    assert any(line.label == "Beta Boxes, Turbo mode" and "since 1 Jun 2022 (in Jan 2020: Yes)" in line.text for line in m.phrasing.legend)
    [row] = [line for line in render_text(m).splitlines() if line.startswith("Turbo mode ")]
    assert "No (turbo removed) †" in row
    old = small.matrix(BEFORE)
    assert old.phrasing.table is not None and not old.phrasing.table.changed and not old.phrasing.legend


def test_structured_queries_answer_without_the_parser(small: Engine) -> None:
    """A surface asks with ids (a button, the App Home tab): same answer as the question would get."""
    by_ids = small.answer(structured("fact", ("beta",), ("turbo",)), TODAY)
    by_words = small.ask("does beta have turbo?", today=TODAY)
    assert by_ids.phrasing.bottom_line == by_words.phrasing.bottom_line
    scoped = small.answer(structured("fact", ("alpha",), ("widgets",), scopes=(("alpha", "one"),)), TODAY)
    assert scoped.fact("alpha", "widgets").scope == "one"  # type: ignore[union-attr]


def test_vendor_words_and_refusals_come_from_the_knowledge(small: Engine) -> None:
    guess = small.ask("acme widgets", today=TODAY)
    assert guess.platforms == ("alpha",) and guess.query.vendor_guess and guess.low_confidence
    assert small.ask("gamma widgets", today=TODAY).intent == "unknown"
    both = small.ask("beta widgets and its sla", today=TODAY)  # an uncovered topic does not veto a covered question
    assert both.intent == "fact" and both.not_covered == ("uptime guarantees",)
    assert "I can't speak to uptime guarantees" in render_text(both)


def test_a_refusal_cites_the_vendor_pages_it_points_to_once_they_exist(small: Engine) -> None:
    """A refused subject the vendors document is answered "I don't cover it", with their pages as sources."""
    now = small.ask("what is beta's sla?", today=TODAY)
    assert now.intent == "unknown" and [c.source for c in now.citations] == ["beta-docs"]
    assert "section 'SLA'" in render_text(now) and "listed under the sources" in render_text(now)
    assert answer_to_dict(now)["citations"][0]["url"] == "https://example.com/beta/docs"
    assert now.suggestions[0].text == "Beta Boxes: Widget support?"  # the row the knowledge puts nearest, asked of Beta
    assert not small.ask("what is alpha's sla?", today=TODAY).citations  # only the pages of the platforms asked about
    beside = small.ask("beta widgets and its sla", today=TODAY)  # named beside a row: the row's sources, then the pages
    assert beside.intent == "fact" and beside.citations[-1].source == "beta-docs" and len(beside.citations) > 1
    assert "I don't cover it. The vendors' own pages on it are listed under the sources." in render_text(beside)
    then = small.ask("what is beta's sla?", today=BEFORE)  # before the page was published
    assert then.intent == "unknown" and not then.citations and "listed under the sources" not in render_text(then)


# -- content of the real knowledge ---------------------------------------------------


def test_aci_gpus_today_and_in_2019(engine: Engine) -> None:
    a = engine.ask("does ACI support GPUs?", today=TODAY)
    f = a.fact("aci", "gpu")
    assert f is not None and (f.support, f.since) == ("no", dt.date(2025, 7, 14))
    assert a.phrasing.bottom_line.startswith("No: Azure Container Instances, GPU support: No (GPU resources retired) since 14 Jul 2025")
    assert "(in Dec 2019: Yes (Preview))" in a.phrasing.bottom_line
    assert "aci-gpu-inference" not in [c.id for c in a.caveats]  # the 2019 advice to use ACI GPUs is no longer true
    old = engine.ask("does ACI support GPUs?", as_of=dt.date(2019, 12, 20))
    assert old.fact("aci", "gpu").value == "Yes (Preview)" and "aci-gpu-inference" in [c.id for c in old.caveats]  # type: ignore[union-attr]


def test_fargate_scopes_in_the_real_knowledge(engine: Engine) -> None:
    """Windows: yes on ECS on Fargate, no on EKS on Fargate; the platform is partial."""
    assert engine.ask("does fargate run windows containers", today=TODAY).fact("fargate", "windows-containers").support == "partial"  # type: ignore[union-attr]
    assert engine.ask("windows containers on ECS Fargate", today=TODAY).facts[0].support == "yes"
    assert engine.ask("windows containers on EKS Fargate", today=TODAY).facts[0].support == "no"


def test_gpus_and_scale_to_zero_today(engine: Engine) -> None:
    a = engine.ask("I need GPUs and scale to zero, what should I use?", today=TODAY)
    assert a.intent == "recommend" and a.platforms == ("cloud-run",)


def test_which_of_the_named_platforms_meet_several_rows(engine: Engine) -> None:
    """ "Which of X and Y ..." with two rows weighs only the platforms named, against both rows."""
    a = engine.ask("which of fargate and aci support windows containers and persistent volumes?", today=TODAY)
    assert a.intent == "recommend" and a.considered == ("fargate", "aci")
    assert {f.feature for f in a.facts} == {"windows-containers", "persistence"} and {f.platform for f in a.facts} == {"fargate", "aci"}


def test_a_gap_is_answered_honestly(engine: Engine) -> None:
    """A cell no vendor page confirms says so, and why, instead of guessing."""
    kb = engine.kb
    (pid, fid), why = next(iter(kb.gaps.items()))
    a = engine.answer(structured("fact", (pid,), (fid,)), TODAY)
    f = a.fact(pid, fid)
    assert f is not None and f.value is None and f.gap == why and "no value on record" in a.phrasing.bottom_line


def test_help_and_unknown_offer_suggestions_the_engine_answers(engine: Engine) -> None:
    h = engine.ask("help", today=TODAY)
    assert h.intent == "help" and h.suggestions
    u = engine.ask("does AWS Lambda support GPUs", today=TODAY)
    assert u.intent == "unknown" and u.confidence == 0.0 and "AWS Lambda" in render_text(u)
    for s in (*h.suggestions, *u.suggestions):
        assert engine.answer(s.query, TODAY).intent not in ("unknown", "help"), s.text


def test_typos_lower_confidence_and_are_shown(engine: Engine) -> None:
    a = engine.ask("does fargte support gpu", today=TODAY)
    assert a.intent == "fact" and a.confidence < 1.0 and "'fargte' as 'fargate'" in render_text(a)


def test_json_contract(engine: Engine) -> None:
    """Facts carry value and support as of answered_as_of, their citation, scope, scopes, since and history."""
    d = answer_to_dict(engine.ask("does fargate run windows containers?", today=TODAY))
    assert d["intent"] in INTENTS and 0 <= d["confidence"] <= 1 and d["answered_as_of"] == TODAY.isoformat()
    [f] = d["facts"]
    assert (f["platform"], f["support"], f["scope"]) == ("fargate", "partial", None)
    assert {s["scope"]: s["support"] for s in f["scopes"]} == {"ecs": "yes", "eks": "no"}
    assert set(f["citation"]) == {"source", "title", "date", "locator", "url"} and f["since"] == "2021-10-28"
    assert d["bottom_line"] == d["text"].split("\n")[0]
    aci = answer_to_dict(engine.ask("does ACI support GPUs?", today=TODAY))["facts"][0]
    assert aci["history"][0]["value"] == "Yes (Preview)" and aci["history"][0]["citation"]["source"] == "tns-2019"
    json.dumps(d)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=10_000) | st.text(alphabet=string.ascii_letters + " -?:*~<>@!&", max_size=2_000))
def test_any_text_gets_an_answer(engine: Engine, text: str) -> None:
    """Any string up to 10,000 characters gets an answer of a known intent, without an exception."""
    a = engine.ask(text)
    assert a.intent in INTENTS
    json.dumps(answer_to_dict(a))


def test_huge_repetition_is_bounded(engine: Engine) -> None:
    """10,000 repetitions of a platform name are read from a bounded prefix and answered."""
    a = engine.ask("fargate " * 10_000)
    assert a.intent == "overview" and a.platforms == ("fargate",)


def test_freshness_is_when_a_page_last_vouched_for_a_value(small: Engine) -> None:
    """A value that took effect in Mar 2021 and is cited from a page dated May 2023 is fresh in mid-2023; in mid-2022,
    before that page, it counts only from Mar 2021 and is past the 365-day policy."""
    later = small.ask("does alpha one run widgets?", as_of=dt.date(2023, 6, 1))
    f = later.fact("alpha", "widgets")
    assert f is not None and f.since == dt.date(2021, 3, 1) and f.confirmed == dt.date(2023, 5, 1)
    assert not later.provenance.stale
    earlier = small.ask("does alpha one run widgets?", as_of=dt.date(2022, 6, 1))
    assert earlier.fact("alpha", "widgets").confirmed == dt.date(2021, 3, 1) and earlier.provenance.stale  # type: ignore[union-attr]


def test_a_requirement_to_go_without_a_row_is_met_by_the_cells_that_do_without(engine: Engine) -> None:
    """ "No cluster to babysit" is met by the platforms whose value says none is needed, beside the rows wanted; a
    capability asked to go without ("no GPUs needed") is no requirement at all."""
    a = engine.ask("no cluster to babysit, windows containers, everything in terraform: what fits?", as_of=dt.date(2019, 12, 20))
    assert (a.intent, a.platforms) == ("recommend", ("aci",))
    assert a.phrasing.bottom_line.startswith("Meets all of Windows containers and Terraform support, without Cluster")
    a = engine.ask("which of these can I use without creating a cluster first", as_of=dt.date(2019, 12, 20))
    assert (a.intent, a.platforms) == ("which", ("cloud-run", "aci"))
    a = engine.ask("we need scale to zero and no gpus, what fits?")
    assert (a.intent, a.platforms) == ("recommend", engine.ask("we need scale to zero, what fits?").platforms)
    assert "GPU" not in a.phrasing.bottom_line


def test_a_row_that_platforms_can_do_without_reads_both_ways(engine: Engine) -> None:
    """ "Which need a cluster first?" lists the platforms whose value says one is required; "without" the others."""
    when = dt.date(2019, 12, 20)
    assert engine.ask("which platforms need a cluster first?", as_of=when).platforms == ("fargate",)
    assert engine.ask("which of them run without a cluster?", as_of=when).platforms == ("cloud-run", "aci")


def test_words_plainly_one_rows_are_read_as_that_row_and_said_to_be_a_guess(small: Engine) -> None:
    """No phrase matches "the train drive(s)" in that order, but two of its words are the engine row's and no other
    row's: the engine row, answered with a lower confidence and a "did you mean"; one shared word is not enough."""
    a = small.ask("on alpha, can the train drive itself?", today=TODAY)
    assert (a.intent, a.features) == ("fact", ("engine",))
    assert a.confidence < 1 and a.suggestions and a.suggestions[0].text == "Alpha Run: Engine?"
    assert small.ask("which ones let the train drive itself?", today=TODAY).intent == "which"
    assert small.ask("on alpha, can the train go?", today=TODAY).intent == "unknown"
    assert small.ask("tell me about alpha: the train drive", today=TODAY).intent == "overview"


def test_one_item_of_a_descriptive_row_asked_alone_is_answered_yes_or_no(engine: Engine) -> None:
    """A row that lists items (architectures, protocols) answers a question naming one of them with the yes or no its
    values say of it, scope by scope; "which" counts the platforms that say yes; two items asked leave the row's value."""
    d = answer_to_dict(engine.ask("does Cloud Run support arm64 images?"))
    assert [(f["platform"], f["support"]) for f in d["facts"]] == [("cloud-run", "no")]
    assert render_text(engine.ask("does Cloud Run support arm64 images?")).startswith("No: ")
    fargate = engine.ask("does fargate support graviton?").facts[0]
    assert fargate.support == "partial" and {(s.scope, s.support) for s in fargate.scopes} == {("ecs", "yes"), ("eks", "no")}
    assert engine.ask("which of them can run arm64 containers?").platforms == ("fargate",)
    assert engine.ask("which of the three can take raw UDP?").platforms == ("fargate", "aci")
    assert engine.ask("does cloud run do websockets?").facts[0].support == "yes"
    assert engine.ask("does cloud run support x86 or arm?").facts[0].support is None


def test_a_word_that_only_joins_others_sets_no_value_apart(engine: Engine) -> None:
    """ "Which have a free tier?" names the one value that says "free tier"; the "a" of another value's "billing of a
    group" is no match."""
    a = engine.ask("which platforms have a free tier?", today=TODAY)
    assert (a.intent, a.platforms) == ("which", ("cloud-run",))
