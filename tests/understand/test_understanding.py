"""Question understanding: typos, aliases, synonyms, negation, several platforms, and no guessing."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.render import render_text
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
        ("does far gate support gpus", ("fargate",)),  # a phone's keyboard splits the name
        ("ecs far gate task memory", ("fargate",)),
        ("gpus on cloud ruin?", ("cloud-run",)),  # one word of a two-word name a letter off
        ("does clod run support gpus", ("cloud-run",)),
        ("quick rundown of cloud run for anthos", ("cloud-run",)),
        ("we could run it on aci, gpus?", ("aci",)),  # "could run" is no slip of the name
        # a word that usually means one scope, inside a row's phrase, still guesses the platform
        ("knative service on our anthos cluster has containerConcurrency: 0. unlimited requests per pod?", ("cloud-run",)),
    ],
)
def test_platforms_are_recognised_however_typed(lex, question: str, platforms: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Typos, aliases, CamelCase and several platforms at once all resolve to platform ids, in order."""
    assert understand(question, lex).platforms == platforms


def test_a_mended_name_is_told_as_read(engine) -> None:  # type: ignore[no-untyped-def]
    """The answer says how it read a name typed as two words, once, as the words typed."""
    q = engine.ask("does far gate support gpus").query
    assert q.corrections == (("far gate", "fargate"),)


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
        ("fargate task killed after 30s when scaling in. how long until SIGKILL, can we raise it?", "shutdown"),  # the grace
        ("where do logs show up on aci with zero configuration?", "logging"),  # no "the logs show ..." quoting evidence
        ("win containers, eks fg?", "windows-containers"),
        ("does ACI grow on its own when more people use the app, or do we have to add more by hand?", "autoscaling"),
        ("does cloud run have any bargain capacity that can get pulled out from under you?", "spot"),
        ("aci spec format: yaml / arm?", "deployment-spec"),
        ("for ACI, what format do we write the deployment in: YAML, ARM or Bicep templates?", "deployment-spec"),  # not the Arm chip
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
        "what's the SLA for ACI",
        "does App Runner support VPC",
        "is ACI HIPAA compliant",
        "does AKS support windows node pools",
        "what's for lunch today",
        "qwertyuiop",
    ],
)
def test_what_we_do_not_cover_is_unknown(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    """Other products, uncovered topics and nonsense are unknown, never a near-miss answer."""
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        ("how much does fargate cost", "pricing"),
        ("cloud run memory limits", "resources"),
        ("cold starts on cloud run", "startup"),
        ("does cloud run support websockets", "protocols"),
        ("can I run a cron job on ACI", "jobs"),
        ("static outbound IP for cloud run", "egress-ip"),
        ("how long does cloud run wait after SIGTERM", "shutdown"),
        ("fargate spot", "spot"),
        ("graviton on fargate", "cpu-architecture"),
        ("cloud run in australia?", "regions"),
        ("add NET_ADMIN capability in aci", "privileged"),
        ("why does my fargate task keep getting killed as unhealthy", "health-checks"),
        ("how many in-flight requests does an ecs task on fargate serve at once", "concurrency"),
    ],
)
def test_the_rows_beyond_the_2019_table_are_understood(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    """Topics the 2019 table did not compare are rows of their own now."""
    assert understand(question, lex).features == (feature,)


@pytest.mark.parametrize(
    "question",
    [
        "add Elastic IP support for Fargate",  # "elastic" is not autoscaling
        "how to set security - allow unauthenticated?",  # "security" alone is not isolation
        "cloud run 32mb request size limit",  # "size" and "limit" alone are not CPU and memory
        "Fargate vs ACI vs Cloud Run for a small startup",  # a company, not a cold start
    ],
)
def test_one_weak_word_does_not_decide_the_topic(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    """A weak word names its feature only when the rest of the question is explained; else another reading or unknown."""
    q = understand(question, lex)
    assert q.intent == "unknown" or not {"autoscaling", "isolation", "startup", "resources"} & set(q.features), q


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Fargate static IP for outbound", ("egress-ip",)),  # the address is the source: not the public endpoint
        ("an elastic IP for cloud run so our partner can whitelist us", ("egress-ip",)),
        ("public IP for my cloud run service", ("public-endpoint",)),
        ("do cloud run services get an https url", ("tls",)),  # "https" before "url" says which: the endpoint's HTTPS
        ("custom domain with https on cloud run", ("tls",)),
        ("websockets on fargate behind an alb ok?", ("protocols",)),
        ("fargate service auto scaling on cpu utilization", ("autoscaling",)),
        ("cloud run autoscaling, what drives it - cpu or requests?", ("autoscaling",)),
        ("can i set cloud run concurrency to 1 for a cpu-heavy handler", ("concurrency",)),
        ("mount secrets as files on cloud run", ("secrets",)),
        ("cheap interruptible compute on cloudrun?", ("spot",)),
        ("Autoscaling to zero automatically spins up a new service", ("scale-to-zero",)),
        ("cloud run autoscaling and scale to zero", ("autoscaling", "scale-to-zero")),  # both asked, side by side
        ("requirements: scale to zero, revisions, public url", ("scale-to-zero", "revisions", "public-endpoint")),  # a list
        ("we need revisions and a public url", ("revisions", "public-endpoint")),
        ("can aci reach a database that is only on our private network?", ("vnet",)),
        ("a disk for my fargate task that keeps its data between deploys", ("persistence",)),
        ("aci yaml vs arm template, which format does az container create take?", ("deployment-spec",)),
    ],
)
def test_a_narrower_topic_takes_over_from_a_broader_one(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Words beside a broad phrase ("static IP" + "outbound") say which of two neighbouring rows is asked."""
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("ecs fargate task sizes - which cpu/memory combos are allowed", "fact"),  # the sizing advice is for EKS
        ("task role vs execution role on fargate, which one does my app use", "fact"),
        ("why are my fargate pods stuck in pending", "caveat"),
        ("do I need to pre-provision a cluster to run serverless containers", "fact"),  # yes or no, not "recommend"
        ("batch and scheduled job support on fargate, cloud run and aci", "compare"),
        ("fargate or cloud run for a websocket chat backend?", "compare"),
        ("anything without health probes?", "which"),
        ("git rebase vs merge for our monorepo?", "unknown"),  # a comparison of things we do not know
        # "each task" is not "each platform": one platform named, a different-than cue, is still about that platform
        ("does each Fargate task get its own microVM, or can tasks from different accounts share a kernel?", "fact"),
        ("Issue deploying on Google Cloud Run", "unknown"),  # trouble reported is not a request for a summary
        # one matched word ("logs") is no evidence of what a long message is about
        ("Container instances logs do not make sense and the containers do not start and the output shows a weird restart loop", "unknown"),
        ("explain google cloud run to me, I'm new to GCP", "overview"),
        # words about the asker's own documents and reading carry no topic
        ("for the ADR background section: overview of fargate as it stands today", "overview"),
        ("what is cloud run these days? last looked at it in 2019", "overview"),
        # two platforms and a topic are compared, unless asked yes or no
        ("TLS on ACI vs CR", "compare"),
        ("SIGTERM grace period: cloud run and ecs fargate", "compare"),
        ("can fargate or aci add the SYS_PTRACE capability?", "compare"),  # "X or Y": a choice between them
        ("do fargate and aci run windows containers?", "fact"),
        # the gotchas of one topic are its caveats (or its facts, where it has none); "limits of" asks for a size
        ("gotchas with EFS volumes on fargate?", "caveat"),
        ("ACI standby pools: any limitations?", "caveat"),
        ("what are the limits of cloud run memory", "fact"),
        # "anything besides X" asks which of the others
        ("anything that scales to zero besides cloud run?", "which"),
        ("is there a startup cpu boost on anything other than cloud run?", "which"),
        ("what's the catch with file shares on aci?", "caveat"),
        # a product the asker comes from is background; weak words do not turn an overview into a fact
        ("Cloud Run in a nutshell for someone coming from Heroku", "overview"),
        ("tell me about fargate, both the ECS and the EKS flavour", "overview"),
        ("gcloud run deploy throws AttributeError: 'NoneType' object has no attribute 'items'", "unknown"),
        # cues are read past a greeting or an address to the bot
        ("hey bot what's fargate in a nutshell", "overview"),
        # a product the asker compares with, in a clause of its own, is background: the platform's row is answered
        ("On Lambda we couldn't get GPUs at all. Can Cloud Run attach a GPU to a service?", "fact"),
        ("Lambda vs Fargate for cron jobs?", "unknown"),
        ("What are the main risks of adopting Fargate on EKS?", "caveat"),
        ("@platform-bot tell me about ACI. new to azure, 2 min summary pls", "overview"),
        ("hi", "help"),
        # "the only one" asks which of them all; a need with "which platform should we use?" asks for a pick
        ("is ACI still the only one that can deploy multiple containers together?", "which"),
        ("we run customer code and need hard isolation between tenants, which platform should we use?", "recommend"),
        ("which platforms have gpus?", "which"),
    ],
)
def test_the_intent_follows_the_evidence(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    """A caveat decides only on words of its own and for its own scope; "do I need" asks yes or no; three platforms
    and a topic, asked without a yes/no, are compared."""
    assert understand(question, lex).intent == intent


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("we deploy our cloud run service with terraform, how do i make it keep 2 instances warm?", ("startup",)),
        ("our ACI container group pulls its config from key vault on start; how much memory can i give it at most?", ("resources",)),
        ("max vcpu and memory for one ACI container group? we're in westeurope if that matters", ("resources",)),
        ("we need gpus and windows containers, which platform?", ("gpu", "windows-containers")),  # a need is asked for
        ("aci pricing, and how much memory at most?", ("pricing", "resources")),  # a heading is not a scene
        ("our pandas nightly report needs 32 GB of RAM, what's the max memory for an ACI container group?", ("resources",)),
        ("cron jobs and request timeouts on cloud run", ("jobs", "request-timeout")),  # side by side: both asked
        # in a list of requirements every row named is asked: none is only the setting, none is narrowed away
        ("need nightly batch and per second billing, which to use", ("jobs", "pricing")),
        ("we need secrets injected from a managed store and a workload identity. what do we pick?", ("secrets", "identity")),
        ("we want cheap interruptible capacity and arm64. what fits?", ("spot", "cpu-architecture")),
        ("want cheap interruptible capacity for batch, ideally on arm - what should we use", ("spot", "cpu-architecture")),
        # a row's word that names the asker's software ("the billing service") is not a row asked about
        ("for the EKS fargate migration of the billing service, what's the unit that gets scheduled, a pod?", ("deployment-unit",)),
        # a question that points back at what was just told asks about it
        ("Our legacy app can only handle one request at a time. Is that a problem on Cloud Run?", ("concurrency",)),
        # the row a "which" asks for is asked, even one that is often only the setting
        ("In which regions can Cloud Run services use GPUs?", ("regions", "gpu")),
        # "our costs" said in passing does not outweigh the row asked
        ("How many requests does one Cloud Run instance handle at once? It drives our costs.", ("concurrency",)),
        # a row said not to be the question gives way, even to one that is often only the setting
        ("Not asking about cost: for a WebSocket service with long request timeouts, which platform?", ("protocols", "request-timeout")),
        ("Max CPU and memory per ACI container group for Linux. We don't care about Windows.", ("resources",)),
        # rows named as examples of what another row covers are not asked on their own
        (
            "Is there a Terraform resource for ACI container groups, and does it cover things like multiple containers, "
            "VNet placement and Azure Files mounts?",
            ("terraform",),
        ),
        # ... but a list ends with its clause: what follows is asked
        ("in earlier versions such as 1.2, is it possible to configure a liveness probe on knative?", ("revisions", "health-checks")),
        # a narrowing phrase holding the row's words says what they mean, even in a list: a log shipper is a container
        ("ACI container group with 3 containers (app, redis, log shipper): do they share localhost?", ("multi-container",)),
    ],
)
def test_a_clause_that_sets_the_scene_is_not_the_question(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Features named only where askers describe their own setup give way to the ones the question asks about."""
    assert understand(question, lex).features == features


def test_knative_alone_is_read_as_cloud_run_for_anthos_and_said_to_be_a_guess(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("Will knative support workload's pvc or nfs")
    assert a.platforms == ("cloud-run",) and a.query.scope_of("cloud-run") == "anthos" and a.query.vendor_guess
    assert render_text(a).startswith("(I took that to mean Cloud Run for Anthos.)")


def test_container_instances_is_azure_only_when_no_platform_is_named(engine) -> None:  # type: ignore[no-untyped-def]
    """Google calls Cloud Run's instances "container instances" too: next to Cloud Run the words are not ACI."""
    assert engine.ask("cloud run container instances max memory").platforms == ("cloud-run",)
    guessed = engine.ask("container instances gpu")
    assert guessed.platforms == ("aci",) and guessed.query.vendor_guess


def test_a_phrase_does_not_run_across_a_clause(lex) -> None:  # type: ignore[no-untyped-def]
    """ "the ingress container, app can't reach it" holds no "container app" (a product we do not cover)."""
    q = understand("Cloud Run sidecar starts after the ingress container, app can't reach it on localhost", lex)
    assert q.intent != "unknown" and q.platforms == ("cloud-run",) and "multi-container" in q.features


def test_words_in_another_script_are_words_we_do_not_know(lex) -> None:  # type: ignore[no-untyped-def]
    """A question in Korean that names Cloud Run is not a request for its overview, unless it is in the words of a row
    the knowledge has ("요청 제한 시간", the request time limit)."""
    assert understand("gcp 클라우드런의 배포 방식은 어떤 의미이지?", lex).intent == "unknown"
    known = understand("gcp 클라우드런의 요청 제한 시간 600초는 어떤 의미이지?", lex)
    assert known.intent == "fact" and known.features == ("request-timeout",)


def test_a_yes_no_question_naming_no_platform_answers_for_all_three(engine) -> None:  # type: ignore[no-untyped-def]
    """Even where one platform has no value on record: it is shown as such, not dropped."""
    for question in ("do containers get sigterm before being killed", "is there a max request timeout"):
        a = engine.ask(question)
        assert a.intent == "fact" and a.platforms == ("fargate", "cloud-run", "aci"), question


def test_a_gapped_phrase_leaves_the_platform_name_alone(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("how long does cloud run wait after SIGTERM", lex)
    assert q.platforms == ("cloud-run",) and q.features == ("shutdown",)


def test_an_uncovered_word_does_not_veto_a_covered_question(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("does cloud run scale to zero, and can I use dapr with it?", lex)
    assert q.intent == "fact" and q.features == ("scale-to-zero",) and q.not_covered == ("Dapr",)
    # a topic that decides the question, asked of the row itself
    decided = understand("what SLA does cloud run give for scale to zero services?", lex)
    assert decided.intent == "unknown" and decided.not_covered == ("SLAs and uptime",)
    # ... asked in a clause of its own beside the row: the row is answered, the topic said not covered
    apart = understand("does cloud run scale to zero, and what about its SLA?", lex)
    assert apart.intent == "fact" and apart.features == ("scale-to-zero",) and apart.not_covered == ("SLAs and uptime",)


@pytest.mark.parametrize(
    ("question", "platform", "scope"),
    [
        ("EKS Fargate windows containers", "fargate", "eks"),
        ("windows on ECS Fargate", "fargate", "ecs"),
        ("EKS pod on Fargate gpu", "fargate", "eks"),
        ("can my ECS task on fargate use EFS", "fargate", "ecs"),
        ("fargate pods stuck pending", "fargate", "eks"),
        ("cloud run for anthos gpu", "cloud-run", "anthos"),
        ("knative serving on gke autoscaling", "cloud-run", "anthos"),
        ("fully managed cloud run gpu", "cloud-run", "managed"),
    ],
)
def test_scopes_are_recognised(lex, question: str, platform: str, scope: str) -> None:  # type: ignore[no-untyped-def]
    """A scope named outright, or hinted next to its platform ("pods" with Fargate), is the scope asked about."""
    q = understand(question, lex)
    assert q.platforms[0] == platform and q.scope_of(platform) == scope


@pytest.mark.parametrize(
    ("question", "platforms"),
    [
        ("az container gpu", ("aci",)),
        ("Google Run websockets", ("cloud-run",)),
        ("Cloudrun cold start", ("cloud-run",)),
        ("CR request timeout max?", ("cloud-run",)),
        ("websocket on cr work?", ("cloud-run",)),
        ("health check support fg vs aci?", ("fargate", "aci")),
    ],
)
def test_platform_names_as_people_write_them(lex, question: str, platforms: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).platforms == platforms


def test_a_question_naming_no_platform_is_answered_for_all(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask("what's the request timeout?")
    assert a.intent == "fact" and a.platforms == ("fargate", "cloud-run", "aci")


def test_real_words_are_not_corrected_into_knowledge_words(lex) -> None:  # type: ignore[no-untyped-def]
    """Common English words that look like ours ("looking" ~ "logging") are left alone, and so are contractions
    ("aren't" is not "agent")."""
    q = understand("looking for a platform with revisions and scale to zero", lex)
    assert set(q.features) == {"revisions", "scale-to-zero"}
    assert not q.corrections
    q = understand("my cloud run logs aren't showing up anywhere", lex)
    assert q.features == ("logging",) and not q.corrections


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # the weak words of a sentence that only tells do not name the row; the pitfalls asked for are the platform's
        (
            "We're putting a partner API on Cloud Run. They care about latency budgets and surprises in production. "
            "What are the main limitations or pitfalls of Cloud Run we should flag?",
            "caveat",
            (),
        ),
        # a yes-or-no question after a sentence of setting asks for the fact, not the advice its words hint at
        (
            "Media team, two engineers, no appetite for clusters. Do we have to create a Kubernetes cluster before we "
            "can run a single container on Cloud Run?",
            "fact",
            ("cluster-provisioning",),
        ),
        # words told in another sentence do not narrow the row asked ("in memory" is not an in-memory volume here)
        (
            "The clip service on Cloud Run decodes video in memory, and on big nights it runs out of CPU and RAM. "
            "How much CPU and memory can a single Cloud Run instance be given at most?",
            "fact",
            ("resources",),
        ),
        # trouble told around a question for a fact does not make it a request for advice; "catch-up" is no catch
        (
            "Catch-up recordings keep coming out with gaps. When Cloud Run scales in after a match, some instances are "
            "in the middle of uploading the final HLS segments to the origin, and we end up with holes in the catch-up "
            "recordings. The app doesn't handle signals at all at the moment. What signal does Cloud Run send when it "
            "shuts an instance down, and how long do we get before it's killed? We'd like to finish the upload in that "
            "window. The catch-up editors noticed first.",
            "fact",
            ("shutdown",),
        ),
        (
            "We keep a thumbnail archive for the catch-up service that a small ACI container writes into during live "
            "events. Right now it writes to the container's own disk, and after a restart on Saturday night we lost two "
            "hours of thumbnails. What's the native way to give an ACI container storage that outlives the container?",
            "fact",
            ("persistence",),
        ),
        # a question asked indirectly ("I'd like to know ...") asks; a row left for later is not asked
        (
            "Our team is picking a platform for clip processing. Across Fargate, Cloud Run and ACI, I'd like to know "
            "how long a task takes to start and what each offers to reduce it. We'll deal with pricing after that.",
            "compare",
            ("startup",),
        ),
        # words after the limitations asked for and their platform say who asks, not which row
        (
            "Election night is close and the results pipeline runs on Cloud Run. What are the main limitations and "
            "gotchas of Cloud Run that tend to bite teams running high-traffic live services?",
            "caveat",
            (),
        ),
        # a subject I refuse, told in a sentence of its own around a request for a summary, is the setting
        (
            "We're writing a one-pager about where new services should live. Can you give me a rundown of Cloud Run, "
            "the main things it offers and how it's typically used? Management wants to know whether it fits "
            "event-driven work.",
            "overview",
            (),
        ),
        # a shortlist or a paper told about around "which platforms X?" does not make it a request to pick one
        (
            "Our CISO wants a hardware-virtualisation boundary for customer data. Which of the serverless container "
            "platforms keep each customer's containers in their own VM or microVM? I just need the shortlist for "
            "Tuesday's risk committee.",
            "which",
            ("isolation",),
        ),
        # a summary asked for indirectly, with sentences around it that frame it
        (
            "Our CTO forwarded a slide deck that mentions AWS Fargate on every page. I'd like a concise summary of "
            "what Fargate is and how it's used. Strengths and weaknesses in a sentence or two each would be plenty.",
            "overview",
            (),
        ),
        # "When <subject> ..., ..." tells when: the subject told there (audit logs, which I refuse) is not asked
        (
            "Fintech SRE. When a task is replaced during a deploy, in-flight payment requests have to finish and our "
            "audit log buffer has to flush to disk. Losing either is a reportable incident. What signal does Fargate "
            "send when it stops a task, and how long is the grace period before it kills the container?",
            "fact",
            ("shutdown",),
        ),
    ],
)
def test_the_sentence_that_asks_decides(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """In a message of several sentences, what the asking sentence asks decides; the others tell around it."""
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)


def test_negation_flips_which(engine) -> None:  # type: ignore[no-untyped-def]
    """'which don't support X' lists the platforms lacking X (as of Dec 2019 here, so the labels stay put)."""
    then = dt.date(2019, 12, 20)
    assert engine.ask("which platforms support GPUs?", as_of=then).platforms == ("cloud-run", "aci")
    assert engine.ask("which don't support GPUs", as_of=then).platforms == ("fargate",)
    assert engine.ask("which ones lack versioning", as_of=then).platforms == ("fargate", "aci")


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
    filler = "we are migrating a legacy reporting system and have been reading docs all week " * 8
    q = understand(filler + "so: does ACI support GPUs?", lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("aci",), ("gpu",))


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        ("will my files still be there after it restarts? this is on cloud run", "persistence"),
        ("does azure container instances start more containers by itself when my app gets busy?", "autoscaling"),
        ("where do my print statements end up on cloud run?", "logging"),
        ("how do I undo a bad release on fargate?", "revisions"),
        ("how do I keep my API keys out of the code on cloud run?", "secrets"),
        ("can my container on aci sign in to our storage account as itself, with no password anywhere?", "identity"),
    ],
)
def test_plain_words_name_the_row(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    """Askers who do not know the vendors' words for a thing still get its row."""
    assert understand(question, lex).features == (feature,)


def test_anything_besides_a_platform_asks_about_the_others(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("anything that scales to zero besides cloud run?", lex)
    assert (q.intent, q.platforms, q.features) == ("which", ("fargate", "aci"), ("scale-to-zero",))
    q = understand("other than fargate, what takes raw TCP traffic?", lex)
    assert (q.intent, q.platforms, q.features) == ("which", ("cloud-run", "aci"), ("protocols",))


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        ("which ones support both windows containers and persistent volumes", "which", ("windows-containers", "persistence")),
        (
            "we need windows containers and persistent volumes, which one should we pick?",
            "recommend",
            ("windows-containers", "persistence"),
        ),
        # a bonus is asked for; something irrelevant is not; "anything but <platform>" picks among the others
        (
            "Arm64 matters most, spot capacity would be a bonus, and Windows support is irrelevant. Which one?",
            "recommend",
            ("cpu-architecture", "spot"),
        ),
        ("We need GPUs for inference and scale to zero, anything but Fargate. Which one?", "recommend", ("gpu", "scale-to-zero")),
        # going without a cluster is a requirement, not a row put aside
        ("anything that autoscales without pre-provisioning a kubernetes cluster?", "which", ("autoscaling", "cluster-provisioning")),
        # a row said not to be needed is no requirement
        ("we need websockets and sidecars but not GPUs. which platform?", "recommend", ("protocols", "multi-container")),
        # a nice-to-have is still asked for
        ("must have 32 GB of RAM per container, Arm would be nice to have. which?", "recommend", ("resources", "cpu-architecture")),
    ],
)
def test_requirement_lists(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Which platforms meet every row asked is a which; a pick among them a recommendation; "but not X" drops X."""
    q = understand(question, lex)
    assert (q.intent, set(q.features)) == (intent, set(features))


def test_a_question_in_the_middle_of_a_message_is_read(lex) -> None:  # type: ignore[no-untyped-def]
    """A Slack message of a few sentences is read whole, not only at its start and end."""
    q = understand(
        "Morning all. We have been running our API on ECS with the EC2 launch type for two years and finally got "
        "budget to stop babysitting the instances. Before I start rewriting things: on Fargate, what exactly is the "
        "thing I hand it to run, a task wrapping containers, or a pod? The docs keep jumping between the two and "
        "half the team is confused, so a straight answer would help a lot before our planning session on Monday.",
        lex,
    )
    assert (q.intent, q.platforms, q.features) == ("fact", ("fargate",), ("deployment-unit",))


@pytest.mark.parametrize(
    ("question", "platforms", "features"),
    [
        # a row told in a sentence around the question
        ("Our nightly job writes its logs to stdout. How much memory can a Fargate task have?", ("fargate",), ("resources",)),
        # an uncovered topic told around the question does not refuse it
        (
            "Does Fargate support GPUs yet? Our EKS cluster has GPU nodes in a node group we would love to stop managing.",
            ("fargate",),
            ("gpu",),
        ),
        # a platform the asker comes from, in a sentence of its own
        (
            "How many requests does one Fargate task handle at a time? Coming from Cloud Run, where there is a knob for it.",
            ("fargate",),
            ("concurrency",),
        ),
    ],
)
def test_the_sentences_that_ask_hold_the_question(lex, question: str, platforms: tuple[str, ...], features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """In a message of several sentences, what is named only in the telling around the question is its setting."""
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == ("fact", platforms, features)


@pytest.mark.parametrize(
    ("question", "platforms", "features"),
    [
        ("can a fargate service scale to zero when idle, the way cloud run does?", ("fargate",), ("scale-to-zero",)),
        ("spot interruptions aside, is there a hard limit on how long a fargate task can run?", ("fargate",), ("request-timeout",)),
        ("where tf do fargate container logs go by default", ("fargate",), ("logging",)),
    ],
)
def test_what_a_question_measures_against_or_puts_aside_is_not_asked(
    lex, question: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    """A platform named as the yardstick, a row put aside and an idiom's words name nothing asked."""
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == ("fact", platforms, features)


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # a row ranked below the others is not a requirement
        (
            "genome alignment runs 6 hours and wants 64 GB of RAM. which service can run that? cost matters less",
            "recommend",
            ("request-timeout", "resources"),
        ),
        # "w/o" is "without"; an uncovered topic gone without does not refuse the question
        ("which ones can we use w/o a cluster, no control plane and no node group?", "which", ("cluster-provisioning",)),
        ("need gpus and sidecars, ignore cost. which one?", "recommend", ("gpu", "multi-container")),
        # a bare "Which?" after the needs asks for a pick
        ("Must run nightly batch jobs to completion. Don't care about Windows. Which?", "recommend", ("jobs",)),
        ("gpus, which?", "which", ("gpu",)),
        # "deployable through Terraform" names no unit of deployment
        (
            "needs 16 GB of memory per instance and must be deployable through Terraform. which one?",
            "recommend",
            ("resources", "terraform"),
        ),
        # "which also ..." keeps the row of the sentence before
        (
            "Fargate vs ACI for windows containers; which also gives them a persistent volume?",
            "compare",
            ("windows-containers", "persistence"),
        ),
        # three weak words for one row name it outright
        ("ACI max per container group - did it ever go beyond 4 cores / 16 GB?", "fact", ("resources",)),
        # "X has to work" states a need like "we need X" does
        (
            "we want to serve a model and have it drop to zero instances overnight. `nvidia-smi` has to work. which platform?",
            "recommend",
            ("scale-to-zero", "gpu"),
        ),
        # a product the platforms are measured against is the setting, not the subject
        ("which of these platforms let an idle service go to zero instances the way Lambda does?", "which", ("scale-to-zero",)),
        # "who ticks all three?": each row of the list is a requirement; "who gives that?" asks which
        ("scheduled batch + 32 GB RAM + spot, who ticks all three?", "which", ("jobs", "resources", "spot")),
        ("needs: at least 60s to drain after SIGTERM; who gives that much?", "which", ("shutdown",)),
        ("need at least 16 GB per instance, who has that?", "which", ("resources",)),
        # a row named as an example of another ("e.g." ends no sentence)
        ("do any of the three let us run a sidecar, e.g. a logging agent, alongside the main app?", "which", ("multi-container",)),
    ],
)
def test_rows_ranked_below_or_gone_without(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """What a question demands is read row by row: a row ranked below the others, or gone without."""
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)


def test_a_row_asked_after_have_a_is_asked_even_when_usually_only_the_setting(lex) -> None:  # type: ignore[no-untyped-def]
    """'Does it have a proper <row> feature?' asks that row, though the row is often only a question's setting."""
    q = understand("we run a nightly report. does cloud run have a proper jobs feature, or do I point a scheduler at it?", lex)
    assert q.intent == "fact" and "jobs" in q.features


@pytest.mark.parametrize(
    ("question", "intent", "platforms"),
    [
        ("whcih platforms run windows containers?", "which", ()),  # a cue word typed wrong
        ("which starts faster, cloud run or ACI", "compare", ("cloud-run", "aci")),  # a comparative among those named
        ("which of fargate and cloud run support gpus?", "which", ("fargate", "cloud-run")),  # a yes or no for each
        ("what even is ACI", "overview", ("aci",)),  # a filler word
        ("what could go wrong with cloud run", "caveat", ("cloud-run",)),
        ("how is each billed? per second, per request, free tier", "compare", ()),
        ("coming from App Runner: what is Fargate, in broad strokes?", "overview", ("fargate",)),
        ("Add support for ACI DNS", "fact", ("aci",)),  # a feature request names its row with a weak word
        ("is tenant isolation on ACI better than on Cloud Run?", "compare", ("aci", "cloud-run")),
        ("add dns", "unknown", ()),
        ("can someone give me the five-minute tour of AWS Fargate?", "overview", ("fargate",)),
        ("which of them run windows containers today, compared to back in 2019?", "which", ()),  # a year, not a platform
        ("rank them on health check support", "compare", ()),
        ("scale to zero matters most, then cold start; anything but ACI. recommend?", "recommend", ("fargate", "cloud-run")),
        # a condition, not a request for the pitfalls
        ("if a release goes wrong on Cloud Run, can we roll back to the previous version?", "fact", ("cloud-run",)),
    ],
)
def test_the_kind_of_answer_asked_for(lex, question: str, intent: str, platforms: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == intent and set(q.platforms) == set(platforms)


def test_words_gone_without_narrow_no_row(lex) -> None:  # type: ignore[no-untyped-def]
    """'without running a log shipper' does not turn a question about logs into one about sidecars."""
    q = understand("on ACI where does stdout end up, without running a log shipper?", lex)
    assert q.features == ("logging",)


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # a relative "which" in a sentence that tells asks nothing
        (
            "Our Cloud Run services already idle at nothing, which people love. Can a Fargate service scale down to zero tasks when idle?",
            "fact",
            ("fargate",),
            ("scale-to-zero",),
        ),
        # "each" in the telling is not "each of the platforms"
        (
            "We host forty small dashboards and keeping a container warm for each one eats the budget. Which of the"
            " platforms can scale an idle service to zero?",
            "which",
            (),
            ("scale-to-zero",),
        ),
        # "can that Windows container run ..." names its own subject; the clause before it is not what is asked
        (
            "We're on EKS and use Fargate profiles for the stateless pods, with Karpenter for the rest. Can that Windows"
            " container run on EKS Fargate?",
            "fact",
            ("fargate",),
            ("windows-containers",),
        ),
        # "which" asking a row's value of each platform named compares them
        (
            "Which Kubernetes offering does Fargate plug into? And for Cloud Run, is it GKE and Anthos?",
            "compare",
            ("fargate", "cloud-run"),
            ("orchestration",),
        ),
        # a product named as the alternative to go to is not the subject
        ("Does Fargate offer GPUs in any form, or do we have to go to EC2 for that?", "fact", ("fargate",), ("gpu",)),
        ("give me the short version of what ACI is and when people use it", "overview", ("aci",), ()),
        (
            "SRE: the fargate service is stuck at 2 tasks while cpu sits at 95%. does it add tasks by itself?",
            "fact",
            ("fargate",),
            ("autoscaling",),
        ),
    ],
)
def test_words_in_the_telling_do_not_make_the_question(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:
    """Asked of the platforms it names: words in the sentences around the question, a row's value asked with
    "which", a product named as the alternative."""
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


def test_a_negation_inside_a_capability_s_phrase_is_part_of_it(engine) -> None:  # type: ignore[no-untyped-def]
    """ "An identity without static keys" asks for the identity, not for the platforms that lack one."""
    kept = engine.ask("which platforms give a workload identity without static keys")
    lacking = engine.ask("which platforms have no gpu support")
    assert kept.intent == "which" and set(kept.platforms) == {"fargate", "cloud-run", "aci"}
    assert lacking.query.negated and "cloud-run" not in lacking.platforms


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "negated"),
    [
        ("which ones need a k8s cluster up front", "which", (), False),  # "k8s" is one word
        ("which services can't give me a public ip", "which", (), True),  # a negation four words before the row
        ("which of these can actually scale to 0, dont want to pay for idle", "which", (), False),  # not the row's
        ("no cluster to babysit, windows containers: what fits?", "recommend", (), True),  # only the cluster is gone without
        ("never used fargate on eks, what is it exactly", "overview", ("fargate",), False),
        ("cloud run vs aci for our public api, compare them pls", "compare", ("cloud-run", "aci"), False),
    ],
)
def test_negation_and_asides_read_where_they_stand(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], negated: bool
) -> None:
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.negated) == (intent, platforms, negated)


def test_only_the_row_right_after_a_negation_is_gone_without(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("no cluster to babysit, windows containers, everything in terraform: what fits?", lex)
    assert q.negated_features == ("cluster-provisioning",)


def test_a_row_named_as_what_another_row_is_for_is_not_a_requirement(lex) -> None:  # type: ignore[no-untyped-def]
    """'a sidecar for log shipping' asks for sidecars; the logs are what the sidecar is for."""
    q = understand("we need a sidecar for log shipping and the app has to scale to zero overnight, which platform?", lex)
    assert q.intent == "recommend" and q.features == ("multi-container", "scale-to-zero")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Can you give a short overview of ACI: what it is, what it's good at, and where it falls short?", "overview"),
        ("Caveats summary: what are the main pitfalls of running regulated workloads on ACI?", "caveat"),
        ("where does ACI fall short?", "caveat"),
    ],
)
def test_an_overview_asked_in_so_many_words_includes_the_shortcomings(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # a product told around a question over the platforms themselves is where the asker comes from
        (
            "Which of the three platforms can run a container on a cron schedule? Our Heroku Scheduler tasks are what we are replacing.",
            "which",
            (),
            ("jobs",),
        ),
        # "our <product> migration": the product is what the asker is leaving
        ("For our Heroku migration, can Cloud Run keep a WebSocket open?", "fact", ("cloud-run",), ("protocols",)),
        # rows said to be dealt with elsewhere are not asked
        (
            "Can ACI mount an Azure Files share for the reports? Secrets and logging we'll handle separately.",
            "fact",
            ("aci",),
            ("persistence",),
        ),
        (
            "Logs go to Splunk already, so those aren't factors. How much memory can a Fargate task have?",
            "fact",
            ("fargate",),
            ("resources",),
        ),
        # a need said not to be one tells; it does not ask
        (
            "How big is the scratch disk on a Cloud Run instance? We don't need the files to persist.",
            "fact",
            ("cloud-run",),
            ("ephemeral-storage",),
        ),
        # a summary asked for in a sentence of its own: the next sentence lists what it should cover
        (
            "Give me an overview of ACI for the onboarding doc. It should say how it scales and what it costs.",
            "overview",
            ("aci",),
            (),
        ),
        ("Tell me about Cloud Run: what it is and its main strengths and limits.", "overview", ("cloud-run",), ()),
        # a question naming no row ("fits both?") asks for what the sentences that state needs name, not the telling
        (
            "Our builds are restartable and take about two hours each. We want Arm64 images and interruptible"
            " capacity. Which platform fits both?",
            "recommend",
            (),
            ("cpu-architecture", "spot"),
        ),
        (
            "Our nightly export takes about two hours. We would love to use discounted interruptible capacity for it."
            " Which platform fits that?",
            "recommend",  # "which platform fits?" asks for a pick
            (),
            ("spot",),
        ),
        # a row named after "so we ..." is what the row asked for is wanted for
        (
            "Does Cloud Run offer GPUs, and can a GPU service scale to zero so we don't pay for the card overnight?",
            "fact",
            ("cloud-run",),
            ("gpu", "scale-to-zero"),
        ),
        # an everyday name that holds a row's word names no row
        (
            "When ACI stops a group, does the app get SIGTERM or a Windows equivalent, and how long is the grace period?",
            "fact",
            ("aci",),
            ("shutdown",),
        ),
        # each item of a list of requirements over all the platforms is asked on its own: "zero" in one item does
        # not narrow "an autoscaler" in another into scale to zero
        (
            "Our requirements: scale to zero at night, a sidecar for the proxy, and an autoscaler nobody has to"
            " babysit. Which platform fits?",
            "recommend",
            (),
            ("scale-to-zero", "multi-container", "autoscaling"),
        ),
        # "somewhere different" in the telling compares nothing
        (
            "Which platforms run Windows containers? The legacy service is the only one that needs it, so it can run somewhere different.",
            "which",
            (),
            ("windows-containers",),
        ),
    ],
)
def test_what_the_telling_sets_aside_is_not_asked(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:
    """A product the asker leaves, rows dealt with elsewhere, a need said not to be one, the contents of a summary and
    a comparison word in the telling leave the question as it is asked."""
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        ("tell me abt aci quick", "overview", ("aci",), ()),  # chat shorthand for a grammar word
        ("aci vnet limitatons pls", "caveat", ("aci",), ("vnet",)),  # a cue word typed wrong
        ("cr for anthos runs on wich k8s", "fact", ("cloud-run",), ("orchestration",)),
    ],
)
def test_chat_shorthand_and_cue_typos_are_read_as_the_words(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # a report that a tool misbehaves: the tool's trouble
        ("eksctl delete cluster leaves the Fargate pod execution role orphaned", "unknown"),
        ("google_cloud_run_v2_service: template.scaling.min_instance_count reverts to 0 after import", "unknown"),
        ("az container export writes YAML that drops the volume mounts", "unknown"),
        # asked what the platform allows, or why, it is the platform's
        ("why does az container create with --gpu-count fail now?", "fact"),
        ("aws_ecs_task_definition: support ephemeral_storage for fargate", "fact"),
        # read as the row about infrastructure-as-code tools, it is that row's
        ("azurerm_container_group deploys a container but sticks on 'Still creating...' and eventually errors", "fact"),
    ],
)
def test_a_tool_reported_misbehaving_is_the_tool_s_trouble(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == intent
    assert (lex.tools in q.not_covered) == (intent == "unknown")


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # a narrowing limited to some phrases: "arm" beside an infrastructure-as-code tool is a template language, a
        # processor's own name is still the processor
        ("is there a tf resource for aci container groups or do ppl use arm", "fact", ("aci",), ("terraform",)),
        ("can i deploy arm64 fargate tasks with terraform?", "fact", ("fargate",), ("cpu-architecture", "terraform")),
        # "all three" asked of them sets them side by side; "which of the three" does not
        ("can all three be done as iac w terraform or is one a pain", "compare", (), ("terraform",)),
        ("which of the three need no cluster at all?", "which", (), ("cluster-provisioning",)),
        ("can all three containers share localhost on ACI", "fact", ("aci",), ("multi-container",)),
        # where a row is offered ("available in UK regions") is asked, not only its setting
        (
            "Is ACI available in UK regions, and are all features, like VNet deployment, available there too?",
            "fact",
            ("aci",),
            ("regions", "vnet"),
        ),
        # a relative clause around a question tells; it may state a need
        (
            "If we run the batch jobs on ACI, can the container groups be deployed into that VNet? Licences expire if"
            " they cannot check in for 24 hours, which is how we lost a weekend in June.",
            "fact",
            ("aci",),
            ("vnet",),
        ),
        (
            "We build images with docker-in-docker, which needs privileged mode. The build agents run on an on-prem box."
            " Is there any of these three serverless platforms where that would work?",
            "which",
            (),
            ("privileged",),
        ),
        # "is there any serverless container option ...", "any ... among the three": over all of them, past the home
        (
            "We run the front-ends on Cloud Run today and are happy there, but one service is a Windows container. Is"
            " there any serverless container option among the three that would take a Windows Server Core image?",
            "which",
            (),
            ("windows-containers",),
        ),
        # platforms ruled out of a pick, by name or by vendor
        (
            "Need an NVIDIA GPU for inference and it has to scale to zero overnight. Not AWS. Which?",
            "recommend",
            ("cloud-run", "aci"),
            ("gpu", "scale-to-zero"),
        ),
        (
            "Must have an envoy sidecar in the same unit as the app. Not Azure. Of the other two, which?",
            "recommend",
            ("fargate", "cloud-run"),
            ("multi-container",),
        ),
        (
            "Deal-breakers for us: creating any cluster up front, and paying for idle instances. Anything left?",
            "recommend",
            (),
            ("cluster-provisioning", "scale-to-zero"),
        ),
        # a comparative between two platforms named sets them side by side
        ("is ACI billing better than Cloud Run's for something that runs 24/7?", "compare", ("aci", "cloud-run"), ("pricing",)),
        # where the asker comes from is not compared, even in a comparison
        ("quick side-by-side overview of ACI and Cloud Run for a team coming from Fargate", "compare", ("aci", "cloud-run"), ()),
        # what the asker is migrating off is the setting, not a refusal
        ("Known limitations of EKS on Fargate we should read before migrating off managed node groups", "caveat", ("fargate",), ()),
        # a phrase that would take part of a platform's name gives way to the name
        ("cloud run on arm: supported or x86-64 only?", "fact", ("cloud-run",), ("cpu-architecture",)),
        ("terraform cloud run svc resource", "fact", ("cloud-run",), ("terraform",)),
        # "offered from" asks where; a data centre is no data to keep
        (
            "Our charity has to keep its data in the UK. Is Azure Container Instances offered from UK data centres?",
            "fact",
            ("aci",),
            ("regions",),
        ),
        # a mention typed as text, and chat shorthand
        (
            "@platform-bot does cloud run want a container image or can I just point it at our plain node repo?",
            "fact",
            ("cloud-run",),
            ("deployment-unit",),
        ),
        ("managed certs cmp 3", "compare", (), ("tls",)),
        ("fargate footguns?", "caveat", ("fargate",), ()),
        ("ELI5 Azure Container Instances - what is it?", "overview", ("aci",), ()),
        # "SHOULD offer X" states a requirement; "should we ...?" asks
        (
            "Requirements doc, section 4. MUST be managed from Terraform. MUST run Arm64 images. SHOULD offer"
            " interruptible spot capacity. Recommend one.",
            "recommend",
            (),
            ("terraform", "cpu-architecture", "spot"),
        ),
        (
            "Any that allow privileged mode for Docker-in-Docker CI runners? Leave GCP out of it.",
            "which",
            ("fargate", "aci"),
            ("privileged",),
        ),
        (
            "Checklist for the platform RFC, tick or cross per platform: Arm64, spot capacity, GPUs.",
            "compare",
            (),
            ("cpu-architecture", "spot", "gpu"),
        ),
        # a summary asked for "in plain words" keeps its framing out of what is asked about
        ("Tell me about Fargate in plain words -- I run a flower shop, not a computer room.", "overview", ("fargate",), ()),
        # "the other half of the team" is no other platform
        (
            "On ECS Fargate, what is the difference between the container health check and the ALB target group"
            " check? Half the team thinks the ALB check is enough and the other half disagrees.",
            "fact",
            ("fargate",),
            ("health-checks",),
        ),
    ],
)
def test_which_platforms_and_rows_are_asked(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:
    """Platforms ruled out, disowned, compared or left as where the asker comes from; rows asked where they stand, a
    narrowing limited to some phrases, requirements stated with "SHOULD", and names no phrase may break."""
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


@pytest.mark.parametrize(
    "question",
    [
        # "did not help" in a long message is no request for help with the bot
        "The Kafka consumers are lagging at peak, and adding partitions did not help. Is this a consumer group"
        " rebalancing issue with the cooperative-sticky assignor, and how should max.poll.interval.ms be tuned?",
        # a caveat's one phrase lost in a message of words nothing explains
        "The Kafka consumers for tracking events are lagging by 20 minutes at peak. Is this a consumer group"
        " rebalancing issue with the cooperative-sticky assignor, and how should max.poll.interval.ms be tuned?",
        # a platform disowned in so many words
        "To be clear this is not Fargate: our older services run on ECS with EC2 capacity providers. How does managed"
        " scaling target capacity work?",
        # someone's own server
        "renewing the letsencrypt cert on my home nginx fails, ideas",
    ],
)
def test_what_is_not_ours_is_not_answered(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == "unknown", q


def test_a_short_request_for_help_is_help(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("could you help me figure out what you can answer about these platforms please", lex).intent == "help"


def test_a_subject_named_as_the_alternative_to_a_row_is_said_not_covered_beside_its_answer(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Can Cloud Run mount a persistent volume natively, or do we have to talk to GCS through the client library?", lex)
    assert (q.intent, q.features) == ("fact", ("persistence",))
    assert q.not_covered  # the answer says what it cannot speak to


def test_a_subject_only_told_around_the_question_does_not_refuse_it(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand(
        "Coming from k8s, I fed a pod manifest to az container create and got `unrecognized arguments`. What is the"
        " thing ACI actually runs: a pod, a single container, something else?",
        lex,
    )
    assert (q.intent, q.platforms, q.features, q.not_covered) == ("fact", ("aci",), ("deployment-unit",), ())


def test_words_the_frequency_list_lacks_are_not_corrected(lex) -> None:  # type: ignore[no-untyped-def]
    assert (lex.correct("actuator"), lex.correct("subset")) == ("actuator", "subset")


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # a subject we do not cover, named in the reason for asking, is said not covered beside the rows' answer
        (
            "What is the largest task size on Fargate, and can it run on Graviton, since our benchmarks show Arm is faster for this code?",
            "fact",
            ("fargate",),
            ("resources", "cpu-architecture"),
        ),
        # a row's word right after a platform's name is no word lost in a long sentence
        (
            "Finance wants every batch service moved to Fargate Spot by next quarter. What are the gotchas to flag before we do that?",
            "caveat",
            ("fargate",),
            ("spot",),
        ),
        # "all three" in a sentence that only tells is not the platforms
        (
            "We want the app, a proxy and a log agent: all three deployed together as one unit. Can ACI run several"
            " containers in one group?",
            "fact",
            ("aci",),
            ("multi-container",),
        ),
        # a pick asked in so many words
        (
            "We need Windows containers and persistent storage. Which of the platforms should we put it on?",
            "recommend",
            (),
            ("windows-containers", "persistence"),
        ),
        ("We need scheduled jobs with private network access. Which platform fits that best?", "recommend", (), ("jobs", "vnet")),
        # what the row asked is wanted for ("so we're not ...") is not asked
        ("Which platforms can drop to zero when idle so we're not paying for nothing?", "which", (), ("scale-to-zero",)),
        # "relate to" names how a platform sits with an orchestrator, not how its containers sit with each other
        ("How do multiple containers in one Fargate task relate to each other?", "fact", ("fargate",), ("multi-container",)),
        ("how does Cloud Run relate to Kubernetes?", "fact", ("cloud-run",), ("orchestration",)),
        # the signal and the drain: the grace period, not requests per instance
        (
            "On Cloud Run, which signal does the container get when an instance is shut down, and how long do we have"
            " to drain in-flight requests?",
            "fact",
            ("cloud-run",),
            ("shutdown",),
        ),
        # "allowed to run" asks how long only with a duration
        ("Is it allowed to run a privileged container on Fargate for docker-in-docker?", "fact", ("fargate",), ("privileged",)),
        ("Can a job on ACI be allowed to run for 3 hours?", "fact", ("aci",), ("request-timeout",)),
        ("How long can a request or a container run on the three platforms before it gets killed?", "compare", (), ("request-timeout",)),
    ],
)
def test_reasons_names_and_picks_read_where_they_stand(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


def test_a_subject_in_the_reason_for_asking_is_said_not_covered(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("What is the largest Fargate task size, and can it run on Graviton, since our benchmarks show Arm is faster?", lex)
    assert (q.intent, q.features) == ("fact", ("resources", "cpu-architecture")) and q.not_covered


def test_all_three_asked_for_in_an_imperative_is_every_platform(engine) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask(
        "Putting together a sizing sheet. Compare the smallest and largest CPU and memory per task, instance or container"
        " group across the three platforms. One table please."
    )
    assert a.intent == "compare" and set(a.platforms) == {"fargate", "cloud-run", "aci"}


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # a row set against what is asked ("not X, just Y", "..., not X", "we don't need X, only Y") is not asked
        ("we don't need windows containers, only GPUs and scale to zero. which should we pick?", "recommend", (), ("gpu", "scale-to-zero")),
        ("not scale to zero, just scaling out under load: how does fargate do it?", "fact", ("fargate",), ("autoscaling",)),
        ("fargate vs cloud run max task size, not pricing", "compare", ("fargate", "cloud-run"), ("resources",)),
        # a platform left out of a comparison, named or among "the three"
        (
            "compare built-in autoscaling on fargate and cloud run, leave ACI out of it",
            "compare",
            ("fargate", "cloud-run"),
            ("autoscaling",),
        ),
        (
            "how do the three handle container logs by default? except ACI, we dropped that one",
            "compare",
            ("fargate", "cloud-run"),
            ("logging",),
        ),
        # "<row> is fine on X, but what about Y?" asks of Y
        ("gRPC is fine on cloud run, but what about ACI?", "fact", ("aci",), ("protocols",)),
        # a product the asker comes from, after a possessive or in a clause telling what they had
        (
            "can ACI drop to zero running containers when nobody is calling it, like our app engine services did?",
            "fact",
            ("aci",),
            ("scale-to-zero",),
        ),
        ("On Heroku we had a scheduler add-on, what's the Cloud Run way?", "fact", ("cloud-run",), ("jobs",)),
        ("what are the gotchas of ACI for a team used to App Service?", "caveat", ("aci",), ()),
        # a primer asked for is a summary
        ("What is AWS Fargate and when would we use it? New to the team, need a quick primer.", "overview", ("fargate",), ()),
        # too many permissions is the workload's identity, not privileged mode
        ("Q for platform: is Cloud Run's default service account over-privileged?", "fact", ("cloud-run",), ("identity",)),
    ],
)
def test_contrasts_exclusions_and_backgrounds(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a question added to another ("...? and ...") asks its own row: not narrowed into it, nor only its setting
        ("max vcpu and memory for one cloud run instance? and how much local disk comes with it?", ("resources", "ephemeral-storage")),
        (
            "fargate on EKS takes a normal pod spec, right? and do I need a cluster up before anything runs?",
            ("deployment-spec", "cluster-provisioning"),
        ),
        # ... but what an added question is for is still its setting
        ("And what's the smallest size on ACI, for the tiny helper jobs?", ("resources",)),
        # a row named only in a pasted snippet is the setting; a setting's name between backticks may be the subject
        ('`container { cpu = "4" memory = "16" }` in our group: what is the max cores and GB for an ACI container group?', ("resources",)),
        ("`az container create --cpu 1 --memory 1.5`: what's ACI billed on, and am I charged while the group is stopped?", ("pricing",)),
        ("google_cloud_run_service terraform will find changes when setting `container_concurrency=0`", ("terraform", "concurrency")),
        # ... and a snippet the question points back at is what is asked about
        (
            "```livenessProbe: {httpGet: {path: /healthz}}``` in my cloud run service yaml: does cloud run honour that or ignore it?",
            ("health-checks",),
        ),
    ],
)
def test_added_questions_and_pasted_snippets(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_which_of_those_asks_which_meet_them_all(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("which of the three scale to zero when idle, and which of those bill nothing while at zero?", lex)
    assert q.intent == "which"


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # "a 100 GiB share" is no GPU model; "an A100" is
        ("ACI: can I mount a 100 GiB Azure Files share so the data survives the group being deleted?", "fact", ("persistence",)),
        ("can I get an A100 on Cloud Run?", "fact", ("gpu",)),
        # a row's phrase opening with "which" asks the row of each platform named, not which of them
        (
            "How do Fargate, Cloud Run and ACI handle stopping a container: which signal is sent, and how long is the grace"
            " period on each?",
            "compare",
            ("shutdown",),
        ),
        (
            "Is there any platform among the three where the container can reach our private network and also get a GPU?",
            "which",
            ("vnet", "gpu"),
        ),
        ("What are the CPU time limits per request on Cloudflare Workers?", "unknown", ("resources", "request-timeout")),
    ],
)
def test_models_heads_and_other_products(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # an amount that describes a task is not what is asked
        ("Fargate: does each 0.25 vCPU task get its own microVM and kernel, or do small tasks share a host kernel?", ("isolation",)),
        ("Fargate task can run 3 days without stop? Exist some limit of time for it?", ("request-timeout",)),
        ("Fargate task take 1 minute for start, why so long? Image pull is the reason?", ("startup",)),
    ],
)
def test_amounts_and_second_language_phrasings(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_a_summary_asked_for_in_general_is_an_overview(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Hello, I am new in the team. Please tell me in general about Azure Container Instances.", lex)
    assert (q.intent, q.platforms) == ("overview", ("aci",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # what the asker can live without is no requirement; what they cannot live without is
        (
            "must: sidecars, secrets from a store, arm64. can live without: gpu, windows, jobs. recommend?",
            ("multi-container", "secrets", "cpu-architecture"),
        ),
        ("can't live without: a fixed egress IP and https with our own cert. pick one", ("egress-ip", "tls")),
    ],
)
def test_what_the_asker_can_live_without_is_not_required(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("recommend", features)


def test_a_pick_between_two_named_and_which_of_the_three(lex) -> None:  # type: ignore[no-untyped-def]
    pick = understand("need terraform, revisions and secret manager integration. recommend between fargate and cloud run", lex)
    meeting = understand("which of the three can sit inside a private network and still scale to zero", lex)
    assert (pick.intent, pick.platforms) == ("recommend", ("fargate", "cloud-run"))
    assert (meeting.intent, meeting.features) == ("which", ("vnet", "scale-to-zero"))


def test_musts_and_nice_to_haves_are_requirements(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand(
        "plant dashboard. musts: - autoscaling - revisions with rollback - health checks. nice-to-have: - HTTP/2. which do you recommend?",
        lex,
    )
    assert (q.intent, q.features) == ("recommend", ("autoscaling", "revisions", "health-checks", "protocols"))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # what the workload is (a model, an inference endpoint) is its setting beside a row asked; alone, it names GPUs
        ("what bites people with cloud run concurrency settings when serving pytorch models", ("concurrency",)),
        ("can our rarely used embedding endpoint on fargate scale down to zero tasks", ("scale-to-zero",)),
        ("can I run ML inference on ACI?", ("gpu",)),
        ("does ACI support CUDA?", ("gpu",)),
        ("does cloud run give me a public endpoint?", ("public-endpoint",)),
    ],
)
def test_the_workload_described_is_its_setting(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # a platform asked about in a question of its own is asked, though another is turned to after it
        ("is fargate available in GovCloud? and what about ACI in Azure Government", "compare", ("fargate", "aci"), ("regions",)),
        ("scale to zero is fine on cloud run, but what about ACI?", "fact", ("aci",), ("scale-to-zero",)),
        # "and in which ..." asks, without a question mark
        ("ACI spot containers: still available? and in which regions", "fact", ("aci",), ("spot", "regions")),
        # the other two beside the one named
        ("is there any spot option on cloud run? also how do the other two do it", "compare", ("cloud-run",), ("spot",)),
        # "can ACI run it?" asks about what was just told
        (
            "our report generator is a .NET Framework app on a windows base image: can ACI run it? and if so, can it join our vnet?",
            "fact",
            ("aci",),
            ("windows-containers", "vnet"),
        ),
        # a row asked in an added question is not taken over by words of the question before it
        (
            "is there a limit on how long a fargate task can run? we run a consumer. and if there's a cap, does it get SIGTERM first?",
            "fact",
            ("fargate",),
            ("request-timeout", "shutdown"),
        ),
        # numbered questions each ask
        (
            "two things about ACI: (1) what's the unit we deploy, a container group? (2) can that group hold a sidecar next to the app?",
            "fact",
            ("aci",),
            ("deployment-unit", "multi-container"),
        ),
    ],
)
def test_two_questions_in_one_message(lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


@pytest.mark.parametrize("question", ["I need the lowdown on Cloud Run", "what's new with Cloud Run since 2023, in short?"])
def test_more_ways_to_ask_for_a_summary(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("overview", ("cloud-run",))


def test_a_claim_put_to_check_is_what_is_asked(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("my colleague insists Cloud Run autoscaling only reacts to requests, never CPU - right?", lex)
    assert q.features[0] == "autoscaling"


def test_equally_good_compares(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("are the three of them equally good at keeping other tenants' code away from ours?", lex)
    assert (q.intent, q.features) == ("compare", ("isolation",))


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        # a brand typed in CamelCase is split into words, and its name is listed that way too
        ("SageMaker serverless inference cold starts are slow, any tips?", "Amazon SageMaker"),
        ("Vertex AI prediction endpoint: can min replicas be 0 so it scales to zero?", "Vertex AI and Azure Machine Learning"),
        # another tool's fault beside a word of the infrastructure-as-code row is still the tool's
        ("`eksctl create cluster --fargate` hangs at 'waiting for CloudFormation stack' and then times out", "tools' own behaviour"),
    ],
)
def test_more_subjects_refused(lex, question: str, refused: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.not_covered) == ("unknown", (refused,))


def test_an_infrastructure_as_code_tools_fault_stays_its_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("terraform-provider-google: google_cloud_run_v2_service import fails with 409", lex)
    assert (q.intent, q.features) == ("fact", ("terraform",))


def test_the_product_the_asker_is_mostly_on_is_background(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("tell me about azure container instances, never used it, we're mostly on SageMaker", lex)
    assert (q.intent, q.platforms) == ("overview", ("aci",))


def test_a_question_mark_standing_alone_after_a_question(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("can ACI run it? ?", lex)
    assert q.platforms == ("aci",)


def test_how_long_across_the_three_named_compares(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Graceful shutdown: how long do Fargate, Cloud Run and ACI give the container after SIGTERM?", lex)
    assert (q.intent, q.platforms, q.features) == ("compare", ("fargate", "cloud-run", "aci"), ("shutdown",))


def test_none_of_them_asks_which(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("I heard none of the serverless container options can do GPU inference - myth or fact?", lex)
    assert (q.intent, q.features) == ("which", ("gpu",))


def test_the_current_picture_is_a_summary(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("our 2021 wiki page on ACI is badly stale - give me the current picture of Azure Container Instances", lex)
    assert (q.intent, q.platforms) == ("overview", ("aci",))


def test_through_carries_no_topic_of_its_own(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Does ACI integrate with AKS through virtual nodes?", lex)
    assert (q.intent, q.features) == ("fact", ("orchestration",))


@pytest.mark.parametrize(
    "question",
    [
        "[Bug] kn func build with the buildpacks builder fails on Apple Silicon laptops",
        "[Bug] serverless-fargate plugin for the Serverless Framework drops the vpc subnets on deploy",
        "virtual-kubelet azure-aci provider: pod Pending with 'ProviderFailed' after helm upgrade to 1.6",
    ],
)
def test_more_tools_whose_faults_are_their_own(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a label before what is wished for states a need, as "MUST:" does
        (
            "MUST: an NVIDIA GPU for our model. SHOULD: scale to zero between lab sessions. Which platform should we pick?",
            ("gpu", "scale-to-zero"),
        ),
        # "oh and ..." adds a question of its own
        (
            "compare tenant isolation across fargate, cloud run and aci. oh and how do their sovereign region stories differ?",
            ("isolation", "regions"),
        ),
    ],
)
def test_wishes_and_afterthoughts_are_asked(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_which_and_which_of_those_in_one_sentence_asks_both(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("which of them can join a private network, and which of those give us a static outbound IP?", lex)
    assert (q.intent, q.features) == ("which", ("vnet", "egress-ip"))


def test_what_it_is_good_for_is_a_summary(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("I'm not technical at all. Can you just tell me what Azure Container Instances is and what it's good for?", lex)
    assert (q.intent, q.platforms) == ("overview", ("aci",))


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # "oh and how do ..." asks, with no question mark of its own
        (
            "does cloud run have GPUs now? oh and how do fargate tasks get into a private subnet",
            "fact",
            ("cloud-run", "fargate"),
            ("gpu", "vnet"),
        ),
        # "if not, <platform>?" asks of it in turn; it does not leave it out
        ("needs ~48 GB of RAM in one process. does cloud run go that high? if not, ACI?", "compare", ("cloud-run", "aci"), ("resources",)),
        # "and same ... for <platform>" asks of that platform too
        # ... and one row asked of each platform in a question of its own sets them side by side
        ("can cloud run egress from a static IP via cloud NAT? also same for fargate", "compare", ("cloud-run", "fargate"), ("egress-ip",)),
    ],
)
def test_follow_ons_that_ask_of_another_platform(
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


@pytest.mark.parametrize(
    ("question", "platform"),
    [
        ("farget is what? i know ecs little bit", "fargate"),
        ("Question: what is Cloud Run actually good for? New to GCP and wondering if it fits a small REST API.", "cloud-run"),
        ("I keep hearing the word Fargate. What is it and what do people use it for?", "fargate"),
        ("What is AWS Fargate and where does it sit relative to ECS and EKS?", "fargate"),
        ("ELI5 Cloud Run - is it basically 'serverless Docker'? What is it good at?", "cloud-run"),
    ],
)
def test_more_ways_to_ask_what_a_platform_is(lex, question: str, platform: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("overview", (platform,))


def test_a_label_states_each_item_after_it(lex) -> None:  # type: ignore[no-untyped-def]
    """ "Mandatory: a; b; c. Desirable: d." needs all four; an item that says it is not needed is not one."""
    q = understand(
        "Citizen-facing API. Mandatory: scales to zero when idle; scales out automatically; HTTPS with managed "
        "certificates. Desirable: canary releases. Which of the three do you recommend?",
        lex,
    )
    assert (q.intent, q.features) == ("recommend", ("scale-to-zero", "autoscaling", "tls", "revisions"))
    q = understand(
        "needs: terraform, traffic-split revisions, workload identity; not bothered about windows. which should we standardise on?", lex
    )
    assert "windows-containers" not in q.features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # "in charge" is no charge on the bill
        ("With AWS Fargate, what actually schedules the containers: is it always ECS, or can Kubernetes be in charge?", ("orchestration",)),
        # "the three container services" are the platforms, not several containers in one unit
        ("Which of the three container services will take it all the way down to no running instances when it's idle?", ("scale-to-zero",)),
        # "at run time" is when, not how long
        ("Can ACI pull a secret straight from Key Vault by reference at run time?", ("secrets",)),
        # "tied to one" region is the regions row; "tied to" alone names no row
        ("Can one Cloud Run service span several regions, or is it tied to one?", ("regions",)),
    ],
)
def test_everyday_expressions_name_no_row(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    "question",
    [
        "Bitbucket Pipelines deploy to Azure fails with AuthorizationFailed for the service principal",
        "Render.com background worker keeps restarting with exit code 137",
        "Azure Devops Integration fails on volume mount",
    ],
)
def test_ci_systems_and_other_hosts_are_refused(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "platforms", "features"),
    [
        # "and on <platform> can we ..." asks of that platform, with no question mark
        (
            "where do Cloud Run logs land by default? and on ECS Fargate can we keep sending to splunk through FireLens like today",
            ("cloud-run", "fargate"),
            ("logging",),
        ),
        # "same q for <platform>"
        (
            "is there a per-task setting on Fargate for how many requests it serves at once, or is that on our app? "
            "same q for ACI container groups",
            ("fargate", "aci"),
            ("concurrency",),
        ),
    ],
)
def test_a_follow_on_about_another_platform_compares(lex, question: str, platforms: tuple[str, ...], features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == ("compare", platforms, features)


def test_whether_node_groups_are_needed_is_the_provisioning_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("pod stuck Pending on EKS Fargate, cluster has zero nodes. do I need a node group first?", lex)
    assert (q.intent, q.features) == ("fact", ("cluster-provisioning",))
    assert understand("managed node group upgrade stuck on our EKS cluster", lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "platforms"),
    [
        (
            "In a nutshell, what are Fargate, Cloud Run and ACI? Writing up our third-party service inventory.",
            ("fargate", "cloud-run", "aci"),
        ),
        ("never touched ACI. what is it and what's it good for? and in a nutshell what's Cloud Run for", ("aci", "cloud-run")),
    ],
)
def test_what_several_platforms_are_is_an_overview(lex, question: str, platforms: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("overview", platforms)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        (
            "ACI: does an azure files mount outlive the group if we delete it? btw are groups billed per second or per hour",
            ("persistence", "pricing"),
        ),
        (
            "biggest task on ECS fargate these days, 16 vCPU / 120GB? and the smallest? plus max disk per task",
            ("resources", "ephemeral-storage"),
        ),
        # "one more:" announces the question that follows it
        (
            "ECS Fargate does native blue/green now without CodeDeploy? canary/linear too? "
            "one more: max time a container gets to drain before it's killed",
            ("revisions", "shutdown"),
        ),
    ],
)
def test_btw_plus_and_one_more_add_a_question(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_the_gotchas_of_two_platforms_are_their_caveats_not_a_summary(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("what are the biggest gotchas on EKS on Fargate? and anything that bites people on ACI?", lex)
    assert q.intent == "caveat" and set(q.platforms) == {"fargate", "aci"}


@pytest.mark.parametrize(
    "question",
    [
        "30 second pitch for fargate?",
        "What is Azure Container Instances, really? Someone said it's the quickest way to run a container. What's it typically used for?",
        "Question: what is Azure Container Instances and when does it make sense to use it?",
        "Please tell me in few words about AWS Fargate, how it works.",
    ],
)
def test_still_more_ways_to_ask_what_a_platform_is(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # a data service of its own is another product; a data store the app talks to is only its setting
        ("What are the default timeout and max DPUs on a Glue ETL job?", "unknown"),
        ("How do I get the Snowflake password into the ECS Fargate task without baking it into the image?", "fact"),
        # "parents log on" is no log
        ("When all the parents log on at once on report night, will Cloud Run add more copies by itself?", "fact"),
    ],
)
def test_data_services_and_data_stores(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == intent and "logging" not in q.features


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # words the question shares with one row's phrases only, though no phrase matches: that row, as a guess
        ("ACI: will my 36h variant-calling container get killed eventually?", "fact", ("request-timeout",)),
        ("which ones stretch with the crowd automatically, like an accordion?", "which", ("autoscaling",)),
        # not where a tool or another product is the setting: their quirks share our rows' words
        (
            "`az container create -g rg -n web --image nginx --environment-variables GREETING=hello world` — bash "
            "splits the value at the space; how do I quote env values with spaces in the shell?",
            "unknown",
            (),
        ),
        (
            "Spring Boot actuator /health on our Fargate service returns 503 because the DataSource health indicator "
            "times out; which management property excludes it?",
            "unknown",
            (),
        ),
    ],
)
def test_a_question_plainly_in_one_rows_words_is_read_as_it(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)
    assert q.weak or intent == "unknown"


@pytest.mark.parametrize("question", ["summarise the three for the new hire", "give me an overview of all three", "what is each one for?"])
def test_a_summary_of_every_platform_is_an_overview_of_each(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == "overview" and set(q.platforms) == {"fargate", "cloud-run", "aci"}


def test_a_question_before_an_added_one_is_asked_though_a_told_sentence_sits_between(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand(
        "if we go EKS on Fargate can we reuse our existing k8s manifests? a couple of them are daemonsets for node "
        "agents. also where do pod logs go out of the box?",
        lex,
    )
    assert q.features == ("deployment-spec", "logging")


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Between Fargate and ACI, which one gives stronger separation between tenants?", "compare"),
        ("which idles down to nothing, fargate or cloud run", "compare"),
        # what is left once one is ruled out is still a choice among them
        ("We've ruled out Fargate. Between Cloud Run and ACI, which one still gives us GPUs in 2026?", "which"),
        ("Not AWS, please. Which of the others can give a container an NVIDIA GPU?", "which"),
        # "which of X and Y" asks which of those two have it
        ("which of fargate and cloud run support gpus?", "which"),
    ],
)
def test_which_of_two_platforms_named_sets_them_side_by_side(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


@pytest.mark.parametrize(
    "question",
    [
        "Python asyncio: graceful shutdown on SIGTERM does not cancel pending tasks",
        "How do I set up a monthly budget alert in Azure Cost Management?",
        "serverless-fargate plugin generates invalid CloudFormation for the task role",
        "VS Code Docker extension: 'Deploy Image to Azure Container Instances' command missing after update",
        # other services, CI and careers
        "What's the biggest item DynamoDB will store these days?",
        "Route 53 latency record keeps sending users to the wrong region, why?",
        "Can an EC2 m7i.24xlarge give our CI builders 96 vCPU?",
        "GitHub Actions: how do we cache pip downloads between workflow runs?",
        "is the Solutions Architect Professional cert worth it for a platform engineer?",
    ],
)
def test_libraries_tooling_other_services_and_careers_are_refused(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


def test_a_workload_about_invoices_is_still_asked_about(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("can we run the nightly invoice reconciliation as a cloud run job on a cron", lex)
    assert (q.intent, q.features) == ("fact", ("jobs",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # where a thing is offered is asked a few words before the place ("offered in every Azure region")
        ("Is ACI's evictable discounted tier offered in every Azure location, or only some?", ("regions", "spot")),
        ("isn't ACI Spot only offered in a handful of regions?", ("regions", "spot")),
        # an address calls go out from is the outbound one
        ("aci static ip for calls going out??", ("egress-ip",)),
    ],
)
def test_where_a_thing_is_offered_and_where_calls_go_out(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert set(understand(question, lex).features) == set(features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a subject we do not cover asked in a clause of its own does not refuse the rows asked in the others
        # (exec commands as probes are the probes' row, not a shell into the container)
        ("ACI: do liveness probes restart the group? and how do we raise the quota on groups per region?", ("health-checks",)),
        ("How big can one ACI container group get, and past what size do we need a quota request?", ("resources",)),
        # ... or added to the row's question with "and", the row's clause not asking in so many words
        ("Fargate: largest task in vCPU and memory, and what needs a quota increase?", ("resources",)),
    ],
)
def test_an_uncovered_subject_asked_apart_leaves_the_rows_asked(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == "fact" and set(features) <= set(q.features) and q.not_covered


@pytest.mark.parametrize(
    "question",
    [
        # ... but not with no platform named, nor with a tool that is the setting
        "our fluent-bit sidecar segfaults on 3.1.x after the upgrade, known fluent-bit issue? also which version should we pin",
        "eksctl `create fargateprofile` ignores `--namespace` when a config file is also passed, is this a known bug?",
    ],
)
def test_an_uncovered_subject_still_refuses_where_no_platform_is_asked_about(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # the kind of unit (a Windows group) only qualifies the row asked about one platform
        ("Can a Windows container group in ACI hold more than one container?", ("multi-container",)),
        ("can Windows container groups in ACI be placed in a VNet or is that Linux only?", ("vnet",)),
        ("FARGATE_SPOT capacity provider for Windows tasks - allowed?", ("spot",)),
        # asked in a clause of its own, it is asked
        (
            "two things re ACI: does it do Windows containers, and if yes can those groups be deployed into a VNet?",
            ("windows-containers", "vnet"),
        ),
        # where the platforms are chosen among, it is a requirement
        ("legacy service needs windows containers + private VNet access, which platform fits?", ("windows-containers", "vnet")),
        # a report that asks nothing keeps it
        (
            "PlatformTaskDefinitionIncompatibilityException when using environmentFiles on Windows FARGATE provider",
            ("secrets", "windows-containers"),
        ),
    ],
)
def test_a_kind_of_unit_qualifies_the_row_asked_of_one_platform(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert set(understand(question, lex).features) == set(features)


@pytest.mark.parametrize(
    "question",
    [
        "What is Cloud Run, and what kinds of apps is it meant for?",
        "cloud run in one sentence",
        "In 3 bullet points, what is ACI and what is it for?",
        "ELI5 Fargate, and when would I use it over just spinning up a VM?",
        "what kind of workload is ACI a sweet spot for?",
        "For newcomers: what is Cloud Run, and which kinds of services does it suit best?",
        "Someone keeps mentioning ACI. Give me the quick pitch?",
        "New on the team. Can someone give me the 101 on Fargate?",
        "Cloud Run: what kinds of workloads is it actually a good fit for?",
        "What's Fargate, and when would a small team like ours reach for it?",
        "The bidder shall provide a general description of Google Cloud Run, its intended use cases and its principal strengths.",
        "What is AWS Fargate and why would a team choose it over running its own servers?",
        "Give me the Fargate pitch, 30 seconds.",
    ],
)
def test_a_summary_asked_in_other_words_is_an_overview(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, len(q.platforms), q.features) == ("overview", 1, ())


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        # a yes or no asked after a clause that sets it up is a yes or no, not a request for the scope's caveats
        ("if we move to EKS with Fargate profiles, can any of those pods run Windows?", "windows-containers"),
        ("Can't schedule a Windows pod on an EKS Fargate profile, is it supported at all?", "windows-containers"),
        ("any way to get spot capacity for pods in an EKS Fargate profile?", "spot"),
    ],
)
def test_a_yes_or_no_after_its_setup_is_answered_as_a_fact(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", (feature,))


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # trade-offs weighed to pick one platform for needs is a recommendation, not a comparison
        ("We need websockets and no cluster to run. Weighing the trade-offs, which platform would you recommend?", "recommend"),
        ("Considering the pros and cons of each, which platform should we choose for GPU inference that scales to zero?", "recommend"),
        ("Long-running Windows service that has to scale out under load. Fargate or ACI, which fits better?", "recommend"),
        # one need and "which platform fits?" asks for a pick
        ("our containers have to reach an on-prem database over the private network. which platform fits?", "recommend"),
        ("A memory-hungry simulation needs 200 GB of RAM in one unit. Which of the three is the better fit?", "recommend"),
        # "how do I <row>?" is answered by the row; a symptom or a request for advice by the caveats that explain it
        ("how do I expose a fargate model endpoint publicly, public IP on the task or do I need a load balancer?", "fact"),
        ("any tips for running stateful stuff on fargate?", "caveat"),
        # scoring or ordering the platforms compares them
        ("score them 1-5 on getting into our private network", "compare"),
        ("put Fargate, Cloud Run and ACI in order of local scratch disk, biggest first", "compare"),
        # help asked with something else is not help with the bot
        ("can you help me write a grading rubric?", "unknown"),
        ("help me", "help"),
    ],
)
def test_what_kind_of_answer_a_phrasing_asks_for(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        # named as the setting of a question about a platform, the same services do not refuse it
        ("Can our Fargate tasks read DynamoDB without access keys in env vars?", "identity"),
        (
            "does an ECS Fargate task get a public address of its own, or do we need a load balancer and a Route 53 record?",
            "public-endpoint",
        ),
    ],
)
def test_other_services_named_as_the_setting_leave_the_row(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    assert feature in understand(question, lex).features


@pytest.mark.parametrize(
    "question",
    [
        # when billing starts, not how long starting takes
        "On Cloud Run, does the billing start at the image pull or only once the container is up?",
        "when does the meter start on ACI, at create or after the image pull?",
        # what it is billed on, not how big it may be
        "does Fargate bill on the cpu and memory in the task definition or on what the app uses?",
    ],
)
def test_when_and_on_what_billing_starts_is_pricing(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("pricing",)


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        # the tools' row named only inside a resource type's name is the setting of what the platform is asked
        ("azurerm_container_group with priority = Spot: is that generally available on ACI?", "spot"),
        ("azurerm_container_group with os_type Windows: can that group join a subnet of our VNet?", "vnet"),
    ],
)
def test_the_tools_row_inside_a_resource_name_is_the_setting(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == (feature,)


def test_a_report_on_a_resource_that_asks_nothing_keeps_the_tools_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Error when deploying azurerm_container_group with a customer managed key", lex)
    assert q.intent != "unknown" and "terraform" in q.features


@pytest.mark.parametrize(
    "question",
    [
        # how far a thing reaches ("in every region?") asks where it is offered
        "Are Fargate Spot tasks offered in all 30-odd AWS regions, or only some?",
        "ACI Spot containers in every region? We want them in North Europe.",
    ],
)
def test_in_every_region_asks_where_it_is_offered(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert "regions" in understand(question, lex).features


def test_when_a_company_like_ours_would_reach_for_it_asks_a_summary(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("What is Cloud Run, and when would a team like ours reach for it?", lex)
    assert (q.intent, q.platforms, q.features) == ("overview", ("cloud-run",), ())


@pytest.mark.parametrize(
    "question",
    [
        # the other answer offered ("..., or is that ECS-only?") leaves it a yes or no
        "We run .NET Framework on Windows Server Core. Can we schedule Windows pods onto an EKS Fargate profile, or is that ECS-only?",
        "EKS Fargate profile for Windows pods - is that supported at all?",
    ],
)
def test_a_yes_or_no_with_its_other_answer_offered_is_a_fact(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", ("windows-containers",))


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        # a weak word whose row the question's words as a whole plainly ask about is that row
        ("How fast does an ACI container group come up? We need on-demand workers ready in under 30 seconds.", "startup"),
        ("ACI container group keeps running while idle - can it sleep until a request arrives?", "scale-to-zero"),
    ],
)
def test_a_weak_word_the_whole_question_bears_out_names_its_row(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", (feature,))


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        # another product named as the analogy for what is asked is the background, not the subject
        ("What's the Cloud Run equivalent of heroku releases:rollback?", "revisions"),
        ("Is there a KEDA-like behaviour on ACI where an idle group goes away and wakes up on the next request?", "scale-to-zero"),
    ],
)
def test_a_product_named_as_the_analogy_is_background(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == "fact" and feature in q.features and q.not_covered


def test_a_product_opening_the_message_is_still_its_subject(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("GKE Autopilot: what's the equivalent of an EKS Fargate profile over there?", lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("what's Cloud Run good for? thinking about it for our web course", "overview"),
        ("so what is ACI actually meant for these days?", "overview"),
        ("What is Fargate, explained for someone who has only ever used Firebase?", "overview"),
        # a product the asker is moving over from is where they come from
        ("What are the gotchas moving our Heroku API over to Cloud Run?", "caveat"),
    ],
)
def test_summaries_and_gotchas_asked_around_where_the_asker_comes_from(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, len(q.platforms)) == (intent, 1)


def test_the_recommended_value_asks_a_fact_not_a_pick(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("What's the recommended way to turn on Spot usage?", lex)
    assert (q.intent, q.features) == ("fact", ("spot",))


def test_the_run_app_address_names_cloud_run_as_a_guess(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("is the run.app address https out of the box, or do we bring a cert?", lex)
    assert (q.platforms, q.features, q.vendor_guess) == (("cloud-run",), ("tls",), True)


def test_a_product_likened_a_few_words_on_is_background(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Writing temp files to /tmp on Cloud Run like on a Heroku dyno's throwaway filesystem: where do they live?", lex)
    assert q.intent == "fact" and "ephemeral-storage" in q.features


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        # a question for a row's value is answered with the row; the caveats its words name ride along
        ("We run a Fluentd DaemonSet on our EKS nodes. There are no DaemonSets on Fargate, so where do pod logs go?", "logging"),
        ("for the EKS Fargate lab, which terraform resource creates the fargate profile?", "terraform"),
    ],
)
def test_a_question_for_a_rows_value_is_a_fact(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", (feature,))


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # the kind of unit added as one more case of what was asked ("... too", "... included") only qualifies it
        ("can ACI groups join our VNet, and do Windows groups get that too?", "fact", ("aci",), ("vnet",)),
        ("several containers in one ACI group, Windows ones included?", "fact", ("aci",), ("multi-container",)),
        # a question that opens with where it is asked ("On X can we ...") asks, though a later clause asks too
        (
            "On ACI can we mount a file share for the exports, and does that hold for Windows groups too?",
            "fact",
            ("aci",),
            ("persistence",),
        ),
        # another product offered as the alternative to what was asked of a platform is said not covered beside it
        ("does ACI serve HTTPS on its address, or do I bring certbot myself?", "fact", ("aci",), ("tls",)),
        # the sentence before the question tells who asks
        ("I come from mainframes. What is Cloud Run and why would we use it?", "overview", ("cloud-run",), ()),
        ("Could you give a neutral description of ACI and what it is suited to?", "overview", ("aci",), ()),
        ("what are the sharp edges of Cloud Run for a security review?", "caveat", ("cloud-run",), ()),
        # one platform put forward as the guess at a pick is still a pick asked for
        (
            "for websockets that cost nothing overnight, Cloud Run is the pick, right?",
            "recommend",
            ("cloud-run",),
            ("protocols", "scale-to-zero"),
        ),
        (
            "our arm64 images should run on cheap interruptible capacity. what would you go with?",
            "recommend",
            (),
            ("cpu-architecture", "spot"),
        ),
        # a phrase the row's words make in passing ("hang off") names nothing
        ("which kubernetes does cloud run for anthos hang off?", "fact", ("cloud-run",), ("orchestration",)),
        # a narrower row's words beside a broader row's phrase
        ("on EKS Fargate does a preStop hook run before the termination signal?", "fact", ("fargate",), ("shutdown",)),
        ("how do I get UDP traffic to an EKS Fargate pod if hostPort is off the table?", "fact", ("fargate",), ("protocols",)),
        ("can I switch off Cloud Run's automatic scaling and pin it at 4 instances?", "fact", ("cloud-run",), ("autoscaling",)),
        # naming no platform, one matched word among several that nothing explains is lost: not ours
        ("how should we price the annual membership tiers for our yoga studio booking app?", "unknown", (), ("pricing",)),
        # a pick asked in a question of its own is asked of all, the platform named around it being history
        (
            "A 2021 post said Fargate was the one for Windows. We need Windows and storage that outlives restarts. What should we use?",
            "recommend",
            (),
            ("windows-containers", "persistence"),
        ),
        ("Before going live on Cloud Run, what are the common traps that teams discover too late?", "caveat", ("cloud-run",), ()),
        # a word listed with the limitations is one of them, not a row
        ("before we move the API to ACI, what are its main gotchas and limits?", "caveat", ("aci",), ()),
        ("Brand new to Azure Container Instances. What is it, and when would a team like ours use it?", "overview", ("aci",), ()),
        ("How do we host our Nuxt site on Netlify with a custom domain?", "unknown", (), ("public-endpoint",)),
        # a message moving a workload asks of where it goes; the platform it leaves is where it comes from
        ("Moving off ACI to Cloud Run: will our sidecar still work there?", "fact", ("cloud-run",), ("multi-container",)),
        ("Cloud Run to ECS on Fargate: can a task get a GPU?", "fact", ("fargate",), ("gpu",)),
        # two places it may go, set side by side, are compared without the one it leaves
        (
            "We're leaving ACI and could land on Fargate or Cloud Run. How do the two compare on cold starts?",
            "compare",
            ("fargate", "cloud-run"),
            ("startup",),
        ),
        # the one it left, named again in the question, is asked about too
        (
            "after porting an API from ACI to Cloud Run, how do Cloud Run and ACI differ on requests per instance?",
            "compare",
            ("aci", "cloud-run"),
            ("concurrency",),
        ),
        ("// TODO: one-liner on what Cloud Run is, for the README", "overview", ("cloud-run",), ()),
        # one ruled out, "the other two" are the others
        ("not ACI, the other two: do they scale to zero on their own?", "compare", ("fargate", "cloud-run"), ("scale-to-zero",)),
        # summaries asked in other words: "what X is, basically" (the "'s" of "what's" is gone by then), what people use
        # it for, "walk me through what X is"
        ("What's Azure Container Instances, basically? Our new volunteer keeps bringing it up.", "overview", ("aci",), ()),
        ("Cloud Run pls: what it is and what people use it for", "overview", ("cloud-run",), ()),
        ("Walk me through what AWS Fargate is, the way you'd pitch it to a hiring panel.", "overview", ("fargate",), ()),
        ("how do I get my head around what Cloud Run actually is and when I'd reach for it?", "overview", ("cloud-run",), ()),
        ("What is Azure Container Instances, broadly speaking, and where might it fit in a lab like ours?", "overview", ("aci",), ()),
        ("New to AWS, mate - what's Fargate and where does it shine?", "overview", ("fargate",), ()),
        ("[ ] Cloud Run -> what is it, one line?", "overview", ("cloud-run",), ()),
        # the kind of unit asked as one more case of what was just asked: "does it work on ...", "... as well",
        # "... supported there", "does that still hold ..."
        ("ACI persistent storage, azure files only? does it work on windows groups?", "fact", ("aci",), ("persistence",)),
        ("ACI into a VNet, are windows groups supported there?", "fact", ("aci",), ("vnet",)),
        ("How does ACI get into an Azure VNet, and does that work for our Windows groups as well?", "fact", ("aci",), ("vnet",)),
        ("ACI: an exporter beside the server in one group? does it matter that one is windows?", "fact", ("aci",), ("multi-container",)),
        # what the asker would do instead, a few words after "rather than", is not asked
        (
            "Can an ACI group use a managed identity to read blobs, rather than us pasting in a connection string?",
            "fact",
            ("aci",),
            ("identity",),
        ),
        # a row named as an example of another is not asked, even where the other would give way
        ("which of them can run a batch thing on a schedule, e.g. the nightly anti-cheat log crunch?", "which", (), ("jobs",)),
        ("What's AWS Fargate in one paragraph max? What's it for?", "overview", ("fargate",), ()),
        ("Give us a short brief on AWS Fargate: what it is and where it fits next to ECS and EKS.", "overview", ("fargate",), ()),
        ("someone in standup said 'just put it on Fargate'; what is it, roughly?", "overview", ("fargate",), ()),
        ("What is Azure Container Instances, and what kinds of workloads is it suited for?", "overview", ("aci",), ()),
        # a product named in the setting a question of ours follows, in the same sentence, is the asker's background ...
        ("we need GovCloud. Lambda is there, but is Fargate available in AWS GovCloud?", "fact", ("fargate",), ("regions",)),
        # ... not where the question points back at it
        ("cloud functions gen2, is it really cloud run underneath?", "unknown", ("cloud-run",), ("isolation",)),
        ("What is Google Cloud Run, and for what kinds of workloads is it intended?", "overview", ("cloud-run",), ()),
        ("For an internal review, what is ACI considered to be good at?", "overview", ("aci",), ()),
        # a tag that opens the message and names no product is who asks, not what is asked; one that names one stays
        ("[architecture council] before we shortlist it: what are the big gotchas with ACI?", "caveat", ("aci",), ()),
        ("[billing] the nightly invoice run needs a cron; does ACI have a scheduler of its own?", "fact", ("aci",), ("jobs",)),
        ("[App Runner] Support for WebSockets", "unknown", (), ("protocols",)),
        # other things compared, or a caveat named only by the asker's own product: not about ours
        ("redis sorted sets vs DynamoDB for a global leaderboard with 5M players?", "unknown", (), ()),
        ("How many DynamoDB write capacity units do we need for the cart table?", "unknown", (), ()),
        ("how do the three compare?", "compare", (), ()),
        # asked on its own, it is asked
        ("ACI: can a group mount Azure Files? Can it run Windows containers?", "fact", ("aci",), ("persistence", "windows-containers")),
        # "port" as a verb moves an app; it asks about no port
        (
            "my app is two containers, deployed with docker compose. How do I port such an app into cloud run?",
            "fact",
            ("cloud-run",),
            ("multi-container",),
        ),
        ("a vendor tool only ships as a Windows image and they won't port it. can ACI run it?", "fact", ("aci",), ("windows-containers",)),
        ("which port does cloud run send requests to?", "fact", ("cloud-run",), ("protocols",)),
        # a summary asked for in other words
        ("What actually is Fargate, and is it an ECS thing or an EKS thing?", "overview", ("fargate",), ()),
        ("so what kind of workloads is Cloud Run actually meant for?", "overview", ("cloud-run",), ()),
        ("Please introduce Cloud Run shortly, what kind of workload is suitable for it?", "overview", ("cloud-run",), ()),
        ("please give me a short introduction into Azure Container Instances and the typical use cases.", "overview", ("aci",), ()),
        ("Give me the unvarnished version: what is Azure Container Instances and what is it not?", "overview", ("aci",), ()),
        ("A new hire asks what AWS Fargate actually is. What do I tell them?", "overview", ("fargate",), ()),
        # asking what to know about a platform, a weak word of the setting ("workloads on <scope>") asks no row
        ("What security gotchas should we know about before putting card-adjacent workloads on EKS Fargate?", "caveat", ("fargate",), ()),
        # a subject we do not cover, named only as what a row is like, is the yardstick ("a <topic> equivalent")
        (
            "Is there a spot node pool equivalent for ECS Fargate, and how much warning do I get before an interruption?",
            "fact",
            ("fargate",),
            ("spot",),
        ),
        (
            "For EKS on Fargate, do I still set up a cluster and node groups like with EC2 workers?",
            "fact",
            ("fargate",),
            ("cluster-provisioning",),
        ),
        # ... but a subject also named outright is asked
        (
            "Can I enroll Cloud Run services in Cloud Service Mesh so they get mTLS and traffic policies like Istio?",
            "unknown",
            ("cloud-run",),
            ("tls",),
        ),
        # ... and so is one named as what a row is wanted for, or as where the asker keeps what the row names
        (
            "EKS on Fargate pods: can they get a public IP directly so I can hit them from my laptop?",
            "fact",
            ("fargate",),
            ("public-endpoint",),
        ),
        ("could we hand Cloud Run the docker compose file we already use locally?", "fact", ("cloud-run",), ("deployment-spec",)),
        ("does Cloud Run work well for local development?", "unknown", ("cloud-run",), ()),
        # charges that stop when it sleeps say why the sleeping matters; a phrase the narrowing may not take over, or a
        # narrowing of the same rows without that limit, keeps its own reading
        (
            "ACI: container group keeps billing while nobody uses it - can it go to sleep and wake up when a request arrives?",
            "fact",
            ("aci",),
            ("scale-to-zero",),
        ),
        ("does Cloud Run go to sleep when idle, and how is an instance billed?", "fact", ("cloud-run",), ("scale-to-zero", "pricing")),
        ("which of them actually goes to nothing when idle so preview envs cost ~$0?", "which", (), ("scale-to-zero",)),
        # the jobs a tool manages are not asked about
        ("all our infra is terraform. can we manage Cloud Run services and jobs with it too?", "fact", ("cloud-run",), ("terraform",)),
        ("someone keeps saying 'just put it on ACI'. what is ACI actually?", "overview", ("aci",), ()),
        # what a row is meant to save ("arm64 to save on cost") is why it is asked, not a second question
        (
            "we want canary rollouts and arm64 to save on cost. which one ticks both boxes?",
            "recommend",
            (),
            ("revisions", "cpu-architecture"),
        ),
        ("can we run the ingest on Graviton with Fargate to shave some cost?", "fact", ("fargate",), ("cpu-architecture",)),
        # the word that names the asker's own software ("the pricing engine") is not asked beside another row
        ("Biggest Fargate task we can get? pricing engine wants 16 vCPU", "fact", ("fargate",), ("resources",)),
        ("where does stdout from the Cloud Run price job end up?", "fact", ("cloud-run",), ("logging",)),
        (
            "want to run the ledger on Arm and put the batch workers on interruptible capacity. which platform?",
            "recommend",
            (),
            ("cpu-architecture", "spot"),
        ),
        # ... but a row that says what kind of app it is still asks ("a Windows worker")
        (
            "need to run a Windows worker that calls a bank from a fixed outbound IP. Which of the three fits?",
            "recommend",
            (),
            ("windows-containers", "egress-ip"),
        ),
    ],
)
def test_what_is_asked_and_of_which_platforms(
    lex, question: str, intent: str, platforms: tuple[str, ...], features: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


def test_a_rows_word_typed_as_two_words_is_read_as_the_word(engine) -> None:  # type: ignore[no-untyped-def]
    """A phone's keyboard splits a row's word ("terra form") as it splits a name; two words that are a phrase as they
    stand ("time out") and a word that carries nothing ("a live") are left alone."""
    q = engine.ask("is there a terra form resource for cloud run services").query
    assert (q.features, q.corrections) == (("terraform",), (("terra form", "terraform"),))
    assert understand("can I put ACI in a v net", engine.lexicon).features == ("vnet",)
    assert engine.ask("do requests time out on cloud run").query.corrections == ()


def test_a_short_name_spelled_out_letter_by_letter_is_read_as_the_name(engine) -> None:  # type: ignore[no-untyped-def]
    """A dictated question spells a short name out ("A C I"); letters that spell no name stay letters."""
    q = engine.ask("can my A C I containers talk to stuff sitting in a private vnet").query
    assert (q.platforms, q.features) == (("aci",), ("vnet",))
    assert ("A C I", "aci") in q.corrections or ("a c i", "aci") in q.corrections
    assert understand("on E K S fargate do pods get a public ip", engine.lexicon).scopes == (("fargate", "eks"),)
    assert understand("is plan a b c enough on cloud run", engine.lexicon).corrections == ()


def test_a_two_word_name_or_phrase_typed_as_one_word_is_read_as_the_phrase(engine) -> None:  # type: ignore[no-untyped-def]
    """Compound nouns run together ("containergroup", "startuptime") name what the two words name; a word that is a
    word of its own, or one the knowledge already holds, is left alone."""
    assert understand("From when do I pay for an ACI containergroup?", engine.lexicon).platforms == ("aci",)
    q = understand("Startuptime of Cloud Run is critical for us, how fast is it?", engine.lexicon)
    assert (q.platforms, q.features) == (("cloud-run",), ("startup",))
    assert understand("what are the request timeouts on cloud run?", engine.lexicon).features == ("request-timeout",)
    assert "containergroup" not in engine.lexicon.vocabulary  # a typo is never read as a run-together phrase


def test_a_name_that_counts_only_as_written_is_read_where_it_is_written_so(engine) -> None:  # type: ignore[no-untyped-def]
    """A platform's short name that is also everyday words of another platform's docs ("Container Instances") is the
    platform capitalised as a name, not in lower case, nor inside a longer name of something else."""
    q = understand("For each of Fargate, Cloud Run and Container Instances, what is the smallest thing we submit?", engine.lexicon)
    assert (q.intent, q.platforms, q.features) == ("compare", ("fargate", "cloud-run", "aci"), ("deployment-unit",))
    assert understand("Does Container Instances support GPUs?", engine.lexicon).platforms == ("aci",)
    assert understand("how many container instances does cloud run start at once?", engine.lexicon).platforms == ("cloud-run",)
    assert understand("What about Confidential Container Instances?", engine.lexicon).platforms == ()


def test_typos_read_by_the_word_as_typed_a_neighbouring_key_and_the_longer_shared_start(engine) -> None:  # type: ignore[no-untyped-def]
    """A plural typed wrong is read as the word it is nearest whole ("windiws" is "windows", though its stem is a letter
    off another word); a short name with a vowel a neighbouring key off ("acu") is the name, but a slip that makes a
    word of its own is not; of two words as near, the one typed right for longer ("souce" is "source")."""
    q = engine.ask("can acu run windiws containers").query
    assert (q.platforms, q.features) == (("aci",), ("windows-containers",))
    assert ("windiws", "windows") in q.corrections
    assert engine.lexicon.correct("souce") == "source"
    assert understand("do network acl rules apply to the groups", engine.lexicon).platforms == ()


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "scope", "features"),
    [
        ("What is Cloud Run, in a couple of sentences a new hire would follow?", "overview", ("cloud-run",), None, ()),
        ("can Fargate under EKS run an arm64 image?", "fact", ("fargate",), "eks", ("cpu-architecture",)),
    ],
)
def test_summaries_in_other_words_and_scopes_named_by_how_they_run(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, platforms: tuple[str, ...], scope: str | None, features: tuple[str, ...]
) -> None:
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)
    assert dict(q.scopes).get("fargate") == scope


@pytest.mark.parametrize("question", ["???", "!!! ...", "🙂", "  ", "-- , ; :"])
def test_a_message_of_no_words_is_read_as_nothing_asked(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.platforms, q.features) == ((), ())


@pytest.mark.parametrize(
    "question",
    [
        "Writing a one-pager for the royalty ops lead: can you summarise Fargate, Cloud Run and ACI?",
        "Prepping slides for the quarterly platform review, can you give me an overview of Fargate, Cloud Run and ACI?",
    ],
)
def test_what_a_summary_is_for_told_before_it_is_asked_frames_it(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, set(q.platforms), q.features) == ("overview", {"fargate", "cloud-run", "aci"}, ())


@pytest.mark.parametrize(
    ("question", "intent", "platforms", "features"),
    [
        # a vendor named in a sentence that only tells is no guess at the platform asked about, where the question asks
        # which of them all
        (
            "Which of these three sells discounted capacity that can be yanked away? I assumed Cloud Run does since GCP has spot VMs.",
            "which",
            (),
            ("spot",),
        ),
        (
            "I thought only Azure could host a Windows image out of these three. Which of them can actually run it?",
            "which",
            (),
            ("windows-containers",),
        ),
        # another product named in a sentence that tells what the asker knows ("on X I can do ...", "when X restarts ...")
        (
            "on heroku I can do a releases rollback. does cloud run keep old versions I can flip back to?",
            "fact",
            ("cloud-run",),
            ("revisions",),
        ),
        (
            "when heroku restarts a dyno it sends SIGTERM and waits 30 sec. what does cloud run do when it stops an instance?",
            "fact",
            ("cloud-run",),
            ("shutdown",),
        ),
        # "any of these" asks of our platforms: the product it likens them to is the yardstick
        ("do any of these have a free tier like heroku used to?", "which", (), ("pricing",)),
        ("is there a free tier on any of them, like the one heroku had?", "which", (), ("pricing",)),
        # ... also a few words after "like" ("like we did on X"), or named as the terms asked in ("in X terms")
        ("if an ACI deploy breaks, can we go back to the last release like we do on heroku?", "fact", ("aci",), ("revisions",)),
        ("explain ACI to me in heroku terms", "overview", ("aci",), ()),
    ],
)
def test_what_the_asker_knows_from_elsewhere_is_told_not_asked(lex, question: str, intent: str, platforms, features) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == (intent, platforms, features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # each row narrowed into the other: the words said last ask of the first, which is the subject
        ("On ACI, does an emptyDir volume survive the group being deleted and recreated?", ("persistence",)),
        ("Does data in an ACI emptyDir volume survive the container group being deleted?", ("persistence",)),
        # ... not where those words name the row themselves: both rows are asked
        ("cr: can i mount secrets as files, and does it run as its own service account", ("secrets", "identity")),
    ],
)
def test_two_rows_that_narrow_each_other(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert set(understand(question, lex).features) == set(features)


def test_a_limit_on_what_the_row_accepts_rides_along_with_the_row(engine) -> None:  # type: ignore[no-untyped-def]
    """A caveat about a row asked of (DaemonSets are manifests EKS on Fargate refuses) is told beside its fact."""
    a = engine.ask("On EKS Fargate can we just apply our normal Kubernetes manifests, including the DaemonSet for our agent?")
    assert (a.intent, a.features) == ("fact", ("deployment-spec",))
    assert "fargate-no-daemonsets" in {n.id for n in a.caveats}


def test_material_restrictions_are_the_caveats(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Section 1.6: List the material restrictions of Google Cloud Run relevant to this tender.", lex)
    assert (q.intent, q.platforms, q.features) == ("caveat", ("cloud-run",), ())


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        (
            "Does Cloud Run drop to zero instances when nobody is calling it, and also does App Runner pause idle services?",
            "fact",
            ("scale-to-zero",),
        ),
        ("Will an idle ACI group go to sleep by itself, and also do Azure Container Apps scale to zero?", "fact", ("scale-to-zero",)),
        (
            "Which of these serverless container services actually has GPUs, and also can SageMaker serverless inference use one?",
            "which",
            ("gpu",),
        ),
    ],
)
def test_a_question_added_about_another_product_is_said_not_covered(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)
    assert q.not_covered  # the other product is named as not covered, not answered


def test_a_question_about_another_product_alone_is_still_not_ours(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("Do Azure Container Apps scale to zero, and also can they run GPUs?", lex).intent == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        "true or false: only one of the three lets a container use a GPU today",
        "am I right that just one of the three can shift traffic gradually between versions?",
        "true or false: two of the three give me https without putting a load balancer in front",
        # asked the other way round: "isn't there one of them that ...?"
        "isn't there one of the three that can run a task on a cron schedule?",
        "is there not even one of them with GPUs?",
    ],
)
def test_only_one_or_two_of_the_three_asks_which(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("which", ())


@pytest.mark.parametrize(
    "question",
    [
        "The aws-for-fluent-bit sidecar drops records since 2.32 on ECS Fargate. Is this a regression on their side?",
        "Our datadog agent gets OOM killed after the upgrade, is that a known bug?",
    ],
)
def test_a_tools_own_bug_asked_about_is_the_tools(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


def test_a_platforms_trouble_asked_without_a_tool_is_still_answered(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("Is it a known issue that Fargate tasks get OOM killed at the memory limit?", lex).features == ("resources",)


@pytest.mark.parametrize(
    "question",
    [
        "What is Cloud Run, briefly?",
        "In a couple of sentences, what is ACI and what is it best suited for?",
        "new hire here, what's the point of ACI over a plain VM?",
        "I keep hearing about Fargate. What is it, and why would a shop like ours use it?",
        "Tell me quickly what Cloud Run is and for which kind of apps it is good.",
    ],
)
def test_summaries_asked_with_the_askers_framing(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "not_feature"),
    [
        ("I can't spot the setting for the request timeout on Cloud Run", "spot"),
        ("The ARM deployment of our ACI container group sets the request timeout wrong", "cpu-architecture"),
        ("Can we schedule the nightly privilege log export on Cloud Run?", "privileged"),
        ("Can Cloud Run run our privilege review job on a cron schedule?", "privileged"),
    ],
)
def test_everyday_and_other_trades_senses_of_a_rows_word_name_no_row(lex, question: str, not_feature: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.features and not_feature not in q.features


@pytest.mark.parametrize(
    "question",
    [
        "Can ECS on Fargate take an image built on Windows Server 2022?",
        "Is it possible to push an image built on servercore to ACI and run it?",
    ],
)
def test_an_image_built_on_a_kind_asks_about_the_kind(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("windows-containers",)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Can ACI groups join our VNet? Windows ones as well?", ("vnet",)),
        ("ACI in our own subnet: Windows groups too?", ("vnet",)),
        ("Can ACI groups sit in a VNet, Windows ones included?", ("vnet",)),
        ("Is Cloud Run covered by Terraform, jobs as well?", ("terraform",)),
        ("Can ACI groups join our VNet, and can they run Windows?", ("vnet", "windows-containers")),
        # ... also as a question added after it ("...? Also for Windows groups?", "and can our Windows tasks use it?")
        ("Can ACI groups mount an Azure Files share? And does that work on Windows groups?", ("persistence",)),
        ("How much warning does Fargate Spot give, and can our Windows tasks use it?", ("spot",)),
        # ... but a kind asked first, for itself, is still asked ("X still a thing? also <row> for X groups?")
        ("windows groups on ACI still supported? also how much memory can a windows group get?", ("windows-containers", "resources")),
    ],
)
def test_a_kind_asked_as_one_more_case_qualifies_the_row(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_an_image_built_on_a_kind_asked_of_them_all_asks_about_the_kind(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Which of them accepts a container image built on Windows Server Core?", lex)
    assert (q.intent, q.features) == ("which", ("windows-containers",))
    # asked apart, in a clause of its own, the unit handed over is a question of its own
    q = understand("1. which of them takes raw source code and builds it 2. which of them runs a windows-based image", lex)
    assert set(q.features) == {"deployment-unit", "windows-containers"}


@pytest.mark.parametrize(
    "question",
    [
        "How do we start a Fargate task every hour for our certificate renewal checks?",
        "Can Cloud Run run a job on a cron for the TLS audit?",
    ],
)
def test_a_row_named_after_another_as_what_it_is_for_is_the_setting(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("jobs",)


@pytest.mark.parametrize(
    "question",
    [
        "On EKS Fargate, will our existing manifests apply unchanged, DaemonSets and hostNetwork included?",
        "Can we kubectl apply our existing manifests to EKS on Fargate as they are, hostNetwork settings included?",
    ],
)
def test_rows_named_as_what_the_asked_thing_includes_are_its_setting(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("deployment-spec",)


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        ("Will Cloud Run add instances when 40k soil probes report at dawn?", "autoscaling"),
        ("Can Fargate tasks reach the private database holding our probe readings?", "vnet"),
        ("Will Cloud Run scale out when the smart meters all report at quarter past?", "autoscaling"),
        ("Can one Cloud Run instance hold our pricing cache of 30 GB?", "resources"),
    ],
)
def test_a_trades_own_sense_of_a_rows_word_names_no_row(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == (feature,)


@pytest.mark.parametrize(
    "question",
    [
        "Give me the one-paragraph version of what ACI is and where it fits.",
        "For my intro: a two-sentence pitch of Cloud Run and where it really shines?",
        "Explain Fargate to someone who only knows bare-metal boxes",
        "What's Cloud Run, and why do the Google folks keep pushing it?",
        "Can I get a rough picture of ACI: what it is and what it does well?",
        "What is Fargate, and where would it sit in a small data team's stack?",
    ],
)
def test_more_summaries_in_the_askers_words(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Is there a cheap interruptible kind of capacity on ACI for our retryable batch?", ("spot",)),
        ("On Cloud Run, do files we write under /tmp count against the instance's memory?", ("ephemeral-storage",)),
    ],
)
def test_a_row_asked_in_words_that_also_name_its_neighbour(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_at_scale_names_no_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("What tends to bite teams running ACI at scale?", lex)
    assert (q.intent, q.platforms, q.features) == ("caveat", ("aci",), ())


@pytest.mark.parametrize(
    "question", ["Does ACI have a cheaper, evictable tier for re-runnable batch?", "Is there a cheap, interruptible option on Fargate?"]
)
def test_two_words_before_their_noun_across_a_comma_are_read_together(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("spot",)


def test_a_billing_system_named_as_the_askers_own_names_no_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Will ACI add capacity by itself when our month-end billing run spikes?", lex)
    assert q.features == ("autoscaling",)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # "cheap" said of the thing another row asks about is why it is wanted, not a question about billing
        ("graviton is cheaper, so can ECS on Fargate run arm64 tasks?", ("cpu-architecture",)),
        ("which of them has the cheaper arm chips?", ("cpu-architecture",)),
        ("can we turn concurrency up on cloud run for the cheap read endpoints?", ("concurrency",)),
        # ... while the billing words themselves still ask about it
        ("is cloud run billed per request or per instance?", ("pricing",)),
    ],
)
def test_cheap_as_the_reason_for_another_row_is_not_asked(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a negated question's opening auxiliary negates no row: the narrowing words still narrow
        ("doesn't ACI put https on the public IP by itself?", ("tls",)),
        ("Doesn't ACI do https on its public address?", ("tls",)),
    ],
)
def test_a_negated_question_still_narrows(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        # a subject we do not cover, named as what a row asked of them all is like, is the yardstick
        ("which of these offers interruptible capacity, like spot node pools do?", "spot"),
        ("Which one can split traffic between versions, like weights on an Istio VirtualService?", "revisions"),
    ],
)
def test_an_uncovered_yardstick_in_a_which(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("which", (feature,))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a questionnaire's instruction asks as a question does: the rows it names are what is asked
        ("Describe the geographic scope of a Fargate task; specifically, whether it can move between regions.", ("regions",)),
        ("Please confirm whether ACI groups can join a customer VNet, and whether Windows groups can too.", ("vnet",)),
    ],
)
def test_an_instruction_asks(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_a_phrase_of_the_same_row_overlapping_the_one_taken_goes_on_with_it(lex) -> None:  # type: ignore[no-untyped-def]
    # "run on arm" and "arm cpus" are both the architecture row's: "cpus" is not asked as the sizes row
    q = understand("which platforms let us run on Arm CPUs for the worker tier?", lex)
    assert (q.intent, q.features) == ("which", ("cpu-architecture",))


def test_a_refresher_asks_for_a_summary(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("Been away from ACI for years. Quick refresher on what it is today?", lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "platforms", "features"),
    [
        # a message that corrects itself asks of the platform put in place of the one taken back
        ("does ACI keep files after a restart -- sorry, I meant Fargate", ("fargate",), ("persistence",)),
        ("can cloud run run windows images? oops, meant aci", ("aci",), ("windows-containers",)),
        # ... or of the new pair, or of the pair with its second name replaced
        ("gpu support, aci vs fargate -- no, aci vs cloud run", ("aci", "cloud-run"), ("gpu",)),
        ("log collection on fargate vs aci -- actually vs cloud run", ("fargate", "cloud-run"), ("logging",)),
        # ... and the rows named again after a correction are the ones asked
        ("we need spot capacity and scale to zero -- sorry, spot and arm64. which one?", (), ("spot", "cpu-architecture")),
        ("how much memory can a fargate task have -- wait, not memory, I meant disk", ("fargate",), ("ephemeral-storage",)),
    ],
)
def test_a_message_that_corrects_itself_asks_what_it_puts_in_place(lex, question: str, platforms: tuple, features: tuple) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.platforms, q.features) == (platforms, features)


@pytest.mark.parametrize(
    "question",
    [
        # "sorry" or "actually" that takes nothing back changes nothing
        "sorry for the noob question, does cloud run scale to zero?",
        "does fargate actually scale to zero, or does aci?",
        "scale to zero on fargate vs aci -- sorry, and what about cloud run?",
    ],
)
def test_words_that_take_nothing_back_change_nothing(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert "scale-to-zero" in understand(question, lex).features
    assert len(understand(question, lex).platforms) >= 1


def test_cpu_only_asks_whether_there_is_anything_but_cpus(lex) -> None:  # type: ignore[no-untyped-def]
    # "CPU-only" asked of a platform is the GPU row; a CPU-only model sized in vCPUs is still the sizes row
    assert understand("is cloud run CPU-only?", lex).features == ("gpu",)
    assert understand("our model is CPU-only; how many vCPUs can a Cloud Run instance have?", lex).features == ("resources",)


@pytest.mark.parametrize(
    "question",
    [
        # a summary asked as the workloads it suits, or as the work it is a good home for
        "I need a short description of Cloud Run for the wiki: what it is and which workloads suit it.",
        "What kinds of apps is ACI a good fit for?",
        "Can you put together a briefing on Fargate for our new hires?",
        # ... or in so many lines
        "what's cloud run, 2-3 lines? we only know VMs",
    ],
)
def test_a_summary_asked_as_what_suits_it(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # a message run on without stops has its question where "so" opens it: the story before it is a clause of
        # its own, whose words neither drown the row asked nor add rows of their own
        (
            "our hobby sites get a handful of visits a week and I won't pay for them all day"
            " so which of the three will take an idle service down to no instances",
            "which",
            ("scale-to-zero",),
        ),
        (
            "we have a worker that needs a few seconds to finish the message it holds"
            " so how does the stop window on cloud run compare to aci when the platform shuts an instance down",
            "compare",
            ("shutdown",),
        ),
    ],
)
def test_a_run_on_message_is_cut_where_so_opens_the_question(lex, question: str, intent: str, features: tuple) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)


def test_if_so_opens_no_question(lex) -> None:  # type: ignore[no-untyped-def]
    # "... and if so does that work on X?" goes on with the question before it
    q = understand(
        "our edi translator needs a windows base image. can Fargate run it?"
        " and if so does that work on our EKS Fargate profile or only with ECS",
        lex,
    )
    assert (q.intent, q.features) == ("fact", ("windows-containers",))


@pytest.mark.parametrize(
    "question",
    [
        # an uncovered topic a platform is weighed against, or is to replace, is the yardstick: the platform's
        # limitations are still what is asked
        "what are the big gotchas of EKS on Fargate compared to plain node groups?",
        "any traps with EKS on Fargate we should know before we move away from our node groups?",
        "gotchas of EKS Fargate instead of managed node groups?",
    ],
)
def test_an_uncovered_topic_weighed_against_is_the_yardstick(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("caveat", ("fargate",))


def test_a_topic_after_a_vendor_set_against_another_is_no_yardstick(lex) -> None:  # type: ignore[no-untyped-def]
    # "AWS vs Azure support plan": the word before the topic is a name, not a word describing the yardstick
    q = understand("how much does an AWS vs GCP vs Azure support plan cost if we run on Fargate, Cloud Run or ACI?", lex)
    assert q.intent == "unknown"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # "which of you" addresses the platforms the bot covers, as "which of them" does: a product named before it
        # is the asker's setting
        ("Heroku never had sidecars. Which of you lets me run a helper container next to the app?", "which"),
        ("Render spoiled us with git pushes. Which of your three builds the image from our source code?", "which"),
        # a summary asked as what it is for, or whether it is worth a look
        ("Back from a year off. Is Cloud Run still worth a look? Remind me what it's for.", "overview"),
        ("My manager asks what ACI is. Plain words please?", "overview"),
        # "anything tricky" asks for a topic's gotchas
        ("Anything tricky about the logs of EKS on Fargate?", "caveat"),
    ],
)
def test_the_bot_addressed_and_a_summary_asked_sideways(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


def test_a_row_wanted_instead_of_is_gone_before_rows_give_way(lex) -> None:  # type: ignore[no-untyped-def]
    # "rather than a long-running service" sets the run-time row against the one asked: the work that exits is asked,
    # and it gives way to nothing
    q = understand("which of these can run a data import that exits when it's done, rather than a long-running service?", lex)
    assert (q.intent, q.features) == ("which", ("jobs",))


def test_a_different_one_for_each_asks_no_comparison(lex) -> None:  # type: ignore[no-untyped-def]
    # "a different one to each service" asks for one identity per service on the platform named
    q = understand("Which identity does a Cloud Run service run as, and can each service get a different one?", lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("cloud-run",), ("identity",))


@pytest.mark.parametrize("opening", ["and btw", "and by the way", "btw", "oh and"])
def test_and_by_the_way_adds_a_question_after_one_asked(lex, opening: str) -> None:  # type: ignore[no-untyped-def]
    # the second question has no question mark of its own: the words that open it say it is one
    q = understand(f"does ACI restart a container when liveness fails? {opening} what signal does ACI send on stop", lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("aci",), ("health-checks", "shutdown"))


def test_a_platforms_gotchas_are_asked_past_a_weak_word(lex) -> None:  # type: ignore[no-untyped-def]
    # "traffic" names a row only weakly, in words that tell when the asker needs the gotchas
    q = understand("aci gotchas i should know before i flip prod traffic onto it at 4am", lex)
    assert (q.intent, q.platforms, q.features) == ("caveat", ("aci",), ())
    # ... but limitations "with" something are that thing's: the weak word is no reason to answer with ours
    assert understand("Cloud Run limitation with Cloud SQL - max number of connections 100", lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # an uncovered topic after "before" or "during" is when the question arises, not what it asks
        ("ACI gotchas we should know before the pentest kicks off?", "caveat", ()),
        ("cloud run autoscaling: can we pin it to a fixed instance count during the pentest window?", "fact", ("autoscaling",)),
    ],
)
def test_an_uncovered_topic_that_is_only_the_occasion_does_not_decide(lex, question: str, intent: str, features: tuple) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)
    # asked about itself, the topic still decides
    assert understand("can we pentest our Cloud Run service?", lex).intent == "unknown"


def test_where_the_asker_comes_from_names_no_network_row(lex) -> None:  # type: ignore[no-untyped-def]
    # "on-prem" alone is weak: the setting the asker comes from, not a question about private networks
    q = understand("our on-prem build now makes arm64 images. can ECS Fargate run them?", lex)
    assert (q.intent, q.features) == ("fact", ("cpu-architecture",))


def test_what_people_get_bitten_by_asks_for_gotchas(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Before we commit to EKS on Fargate, what do teams usually get bitten by?", lex)
    assert (q.intent, q.platforms) == ("caveat", ("fargate",))
    # ... but "we got bitten once" tells what happened; the question after it is asked as it is
    q = understand("Can Cloud Run run arm64 images? We got bitten once with an exec format error.", lex)
    assert (q.intent, q.features) == ("fact", ("cpu-architecture",))


@pytest.mark.parametrize(
    ("question", "platforms"),
    [
        # a link to a platform's own docs or to one of its addresses names the platform it points at
        ("https://cloud.google.com/run/docs/configuring/vpc-direct-vpc - direct VPC egress or the connector?", ("cloud-run",)),
        ("per https://learn.microsoft.com/en-us/azure/container-instances/volume-azure-files, do mounts outlive it?", ("aci",)),
        ("https://myapp-abc123-uc.a.run.app returns 404 since the deploy: can the default URL be turned off?", ("cloud-run",)),
        # a link elsewhere names nothing (the answer is given for them all)
        ("see https://github.com/example/app/issues/1 - does it support GPUs?", ()),
    ],
)
def test_a_link_names_the_platform_it_points_at(lex, question: str, platforms: tuple) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).platforms == platforms


def test_a_price_the_business_sets_is_no_billing_question(lex) -> None:  # type: ignore[no-untyped-def]
    # "price" alone is weak: a shop's nightly price update is what the job does, not how the platform bills
    q = understand("Nightly price update at 2am: can Cloud Run run it as a scheduled job rather than a service?", lex)
    assert (q.intent, q.features) == ("fact", ("jobs",))
    # ... while the platform's own price is still the billing row
    assert understand("What's the price in dollars for an hour of Fargate at the moment?", lex).features == ("pricing",)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # a summary asked for in a paragraph, or to be caught up on
        ("what is Cloud Run, one paragraph for the board deck", "overview"),
        ("catch me up on fargate, last time I used it was 2019", "overview"),
        ("new client only knows AWS. give me a quick what-is for Cloud Run I can paste into the notes", "overview"),
        # ... but a paragraph "on" a row asks about the row
        ("the questionnaire asks for a paragraph on tenant separation. how do Fargate and ACI compare there?", "compare"),
        # what is still painful, what hurts: gotchas
        ("anything still painful about eks on fargate that never got better?", "caveat"),
    ],
)
def test_a_summary_in_a_paragraph_and_what_still_hurts(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


def test_a_platform_whose_terms_frame_the_question_is_not_asked_about(lex) -> None:  # type: ignore[no-untyped-def]
    # "in <platform> terms" is the language the asker knows; the platform before it is the one asked about
    q = understand("what is ACI, explained in fargate terms?", lex)
    assert (q.intent, q.platforms) == ("overview", ("aci",))
    # "in terms of" frames nothing
    assert understand("what is fargate in terms of cost?", lex).features == ("pricing",)


def test_one_word_in_a_clause_that_asks_of_the_platform_is_not_lost(lex) -> None:  # type: ignore[no-untyped-def]
    # "concurrency" is the only word for the row in a long clause, but that clause wants it of the platform it names
    q = understand("client wants concurrency=1 on cloud run because their image lib isn't thread safe, asks what the default is", lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("cloud-run",), ("concurrency",))


def test_or_offering_another_product_is_a_question_of_its_own(lex) -> None:  # type: ignore[no-untyped-def]
    # "... or is that only <product>?" offers the other answer: the row asked of ACI is answered, the product is aside
    q = understand("can ACI join a vnet or is that only container apps? i keep confusing the two", lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("aci",), ("vnet",))


@pytest.mark.parametrize(
    ("question", "platforms", "features"),
    [
        # a platform or a row set aside for the question is not asked about
        ("ignoring ACI, how do you do a cron-style job on cloud run vs ECS fargate?", ("cloud-run", "fargate"), ("jobs",)),
        ("between CR and ACI, don't care about fargate, can either do gRPC end to end?", ("cloud-run", "aci"), ("protocols",)),
        ("forget GPUs, what about Arm: can we run graviton on fargate?", ("fargate",), ("cpu-architecture",)),
        ("not about TLS, just transport: does cloud run do websockets for the driver push service?", ("cloud-run",), ("protocols",)),
    ],
)
def test_a_platform_or_row_set_aside_is_not_asked(lex, question: str, platforms: tuple, features: tuple) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.platforms, q.features) == (platforms, features)


def test_needs_told_before_a_pick_are_kept_beside_the_pick_s_own_row(lex) -> None:  # type: ignore[no-untyped-def]
    # the needs stated first are what the pick must meet, even when the sentence that asks names a row of its own
    q = understand("our thumbnailer needs arm64 and a fixed outbound ip. which is cheapest to pick?", lex)
    assert (q.intent, set(q.features)) == ("recommend", {"cpu-architecture", "egress-ip", "pricing"})
    # ... but a question about one platform asks only what its asking sentence names
    q = understand("we want arm64 for the thumbnailer. what's the smallest size we can pick on cloud run?", lex)
    assert (q.intent, q.features) == ("fact", ("resources",))


@pytest.mark.parametrize(
    "question",
    ["first week here, be gentle: what is fargate?", "quick context for the new intern: what's ACI?"],
)
def test_who_asks_a_what_is_question_is_not_what_is_asked(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    # a clause before the one that asks what a platform is tells who asks, and is no subject we fail to cover
    assert understand(question, lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # "one of the three ..., doesn't it?" asks which one
        ("one of these three does windows, doesn't it? forgot which", "which"),
        # ... even closed by "which one?", which after a list of needs asks for a pick
        ("pretty sure one of them can mount a file share. which one?", "which"),
        # all three asked at once are set side by side
        ("are all three billed per second?", "compare"),
        ("is there a managed certificate on all three or do we bring our own?", "compare"),
        # ... unless a "which" asks over them, or all three are only where the asker runs things
        ("we tried spot capacity on all three last year. which ones still offer it?", "which"),
        ("we run on all three clouds now. what does ACI bill for?", "fact"),
    ],
)
def test_one_of_the_three_and_all_three_at_once(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


def test_a_subject_a_row_s_cell_speaks_to_is_answered_by_the_row(lex) -> None:  # type: ignore[no-untyped-def]
    # quotas are not covered, but ACI's resources cell names the quota request for big groups: asked beside the size,
    # the row is answered and quotas are said not covered
    q = understand("what's the most memory an ACI group can have and do we need a quota request to get it", lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("aci",), ("resources",))
    assert q.not_covered
    # ... where no cell speaks to it, the subject still decides
    assert understand("what's the most memory a fargate task can have and do we need a quota request to get it", lex).intent == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        # what the asker will do is the occasion, not the subject ("before we switch on <topic>")
        "what bites people on ACI, before we switch on monitoring for it?",
        # what to look out for is what goes wrong
        "moving the portal to cloud run next sprint. anything to look out for?",
    ],
)
def test_an_act_of_the_asker_s_is_the_occasion_and_what_to_look_out_for(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "caveat"


def test_how_long_a_run_may_last_in_so_many_words(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("can a cloud run job task go on for a whole week?", lex)
    assert (q.intent, q.features) == ("fact", ("request-timeout",))


def test_a_topic_the_asker_would_rather_do_without_is_not_asked(lex) -> None:  # type: ignore[no-untyped-def]
    # "without us running a <topic>" is a requirement to do without it; the row is what is asked
    q = understand("which of them can send 5% of traffic to a new version without us running a service mesh?", lex)
    assert (q.intent, q.features) == ("which", ("revisions",))


def test_how_short_a_summary_is_asked_is_no_subject(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("new here: what is fargate in a couple sentences?", lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # two questions joined in one sentence: each row asked, the second's words do not narrow the first's row away
        ("can fargate scale a service out on cpu and can it go down to zero at night?", {"autoscaling", "scale-to-zero"}),
        ("do ACI groups get a public IP, plus how would we put TLS on it?", {"public-endpoint", "tls"}),
    ],
)
def test_two_questions_joined_in_one_sentence_are_both_asked(lex, question: str, features: set) -> None:  # type: ignore[no-untyped-def]
    assert set(understand(question, lex).features) == features


def test_a_typo_with_a_letter_left_out_and_two_swapped_is_read_as_the_word(engine) -> None:  # type: ignore[no-untyped-def]
    # "ephermal": one letter of "ephemeral" left out and the two beside it swapped, two edits apart
    q = engine.ask("fargate ephermal storage 200gb").query
    assert (q.intent, q.platforms, q.features) == ("fact", ("fargate",), ("ephemeral-storage",))


@pytest.mark.parametrize(
    "question",
    [
        "ECS service auto scaling vs cloud run's built-in scaling for the booking API - pros and cons?",
        "cloud run traffic split vs ECS blue/green, which is nicer to live with?",
    ],
)
def test_a_scope_s_usual_word_set_against_a_named_platform_is_compared(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, set(q.platforms), q.vendor_guess) == ("compare", {"cloud-run", "fargate"}, True)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("do all three send SIGTERM before killing the container, or does one of them just pull the plug?", "compare"),
        ("can all three sit in a private network with no public exposure?", "compare"),
        # "all three" as the object (three needs), and a "which" the question opens with
        (
            "Nice-to-haves only: HTTPS with managed certs, a container image as the deploy unit, Terraform. Any of them do all three?",
            "which",
        ),
        ("Which one really scales to nothing when nobody's calling it, or do all three keep something running?", "which"),
    ],
)
def test_a_yes_no_question_over_all_three_compares_them(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


def test_how_big_one_instance_is_is_not_how_many(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("Is Cloud Run's maximum instance size still 8 vCPU and 32 GiB?", lex).features == ("resources",)
    assert set(understand("cloud run max instances and instance size?", lex).features) == {"autoscaling", "resources"}


@pytest.mark.parametrize(
    "question",
    [
        "ACI Spot in Switzerland North, available?",
        "ACI region availability, in particular for Spot containers: which Azure regions?",
        "are ACI spot containers available in every region or just some of them?",
    ],
)
def test_where_a_row_is_offered_is_asked_beside_it(engine, question: str) -> None:  # type: ignore[no-untyped-def]
    assert set(engine.ask(question).query.features) == {"spot", "regions"}


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # the DaemonSet and hostNetwork pod are what is in the manifests; whether they apply as they are is asked
        (
            "We have Helm charts with a DaemonSet and some hostNetwork pods. Can we apply them to EKS on Fargate as they are?",
            ("deployment-spec",),
        ),
        ("can eks fargate pods use hostNetwork?", ("privileged",)),
        # what Kubernetes offering sits under it
        ("Cloud Run is knative inside, so do I need run GKE under it?", ("orchestration",)),
        ("is cloud run secretly tied to GKE / knative or is it its own thing", ("orchestration",)),
    ],
)
def test_manifests_taken_as_they_are_and_what_sits_underneath(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    "question",
    [
        # what the platform is set against, or who it is for, frames a "what is"
        "quick one: what is ACI actually, compared to just renting a VM?",
        "What is Cloud Run, for someone who has only ever deployed the order router on plain VMs?",
        # another product beside a platform asked what it is: the asker's background
        "explain cloud run to me like i'm a grumpy ops guy who got burned by app engine",
    ],
)
def test_what_a_platform_is_set_against_frames_the_summary(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == "overview" and len(q.platforms) == 1


@pytest.mark.parametrize(
    "question",
    [
        "what is fargate's markup compared to ec2?",  # a word of what is asked before the comparison
        "what is lambda?",
        "ACI for test only?",  # no "what is": a bare name with more words
    ],
)
def test_a_summary_s_framing_does_not_hide_what_is_asked(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("scheduled tasks on ECS Fargate, how it works today? still with CloudWatch Events rules?", ("jobs",)),
        ("where do fargate logs go, cloudwatch?", ("logging",)),
        ("whats a container group in aci. is that like a pod or just one container with a fancy name idk", ("deployment-unit",)),
        ("which ones let me run >1 container together like a pod", ("multi-container",)),
    ],
)
def test_the_old_name_of_a_scheduler_and_a_unit_likened_to_a_pod(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        ("cloud run jobs: can they run in parallel shards? reindexing 40M listings single threaded is a joke", "fact", ("jobs",)),
        ("how many requests can one cloud run instance handle in parallel?", "fact", ("concurrency",)),
        ("Does Fargate have any disk that stays after the task ends?", "fact", ("persistence",)),
        ("how much disk does a fargate task get?", "fact", ("ephemeral-storage",)),
        # what the asker remembers or was told of one of them, then "which one?"
        ("I remember one of them support arm64 CPUs, which one was it?", "which", ("cpu-architecture",)),
        ("I was told at least one of them can run on Arm processors. Which one?", "which", ("cpu-architecture",)),
        # a short belief after a "which" naming none is not the platform asked about
        ("which of them gives containers a GPU these days? ACI used to, right?", "which", ("gpu",)),
    ],
)
def test_shards_a_disk_that_stays_and_beliefs_beside_a_which(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)


def test_a_second_question_after_a_which_still_names_its_platform(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("which of them has GPUs? and does ACI support Windows?", lex).platforms == ("aci",)


@pytest.mark.parametrize(
    "question",
    [
        "kubernetes question: what's the difference between a Deployment and a StatefulSet?",
        "k8s question: deployment vs statefulset for our redis, which one?",
    ],
)
def test_kubernetes_objects_in_general_are_refused(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == "unknown" and q.not_covered == ("Kubernetes in general",)


def test_a_platform_s_stateful_set_is_still_its_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("can EKS fargate run a StatefulSet with an EBS volume?", lex)
    assert (q.intent, q.features) == ("fact", ("persistence",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Do we pay for ACI while it's still pulling the image? Our image is massive", ("pricing",)),
        ("which starts faster from nothing, ACI or Cloud Run, and which one bills from the image pull?", ("startup", "pricing")),
        ("how long does the image pull take on ACI?", ("startup",)),
    ],
)
def test_the_image_pull_as_billed_time(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    "question",
    [
        # "should we go X or Y" asks for a pick, with the needs that decide it
        "should we go ACI or Cloud Run for the signup api? it needs websockets and https out of the box",
        "should we go fargate, cloud run or aci for the pdf renderer? needs arm64 and spot capacity",
        # "where should it live?" after the needs
        "windows image, an azure files share and no kubernetes to run. where should it live?",
    ],
)
def test_a_pick_asked_as_where_to_go(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "recommend"


@pytest.mark.parametrize(
    ("question", "platforms", "features"),
    [
        # the gap of "how quickly * come up" holds a platform's name of several words
        ("how quickly does an azure container group come up after we create it?", ("aci",), ("startup",)),
        ("how fast does a fargate task boot?", ("fargate",), ("startup",)),
        # ... which is no gap's to take where a phrase fits the words as they stand
        ("how long can a Cloud Run job run for? our export takes hours", ("cloud-run",), ("request-timeout",)),
    ],
)
def test_a_phrase_fits_around_a_platform_s_name(lex, question: str, platforms: tuple[str, ...], features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == ("fact", platforms, features)


@pytest.mark.parametrize(
    "question",
    [
        "Azure Container Apps goes to zero replicas when idle; does ACI do the same?",
        "Container Apps scales to zero, can ACI do that too?",
    ],
)
def test_another_product_as_the_yardstick_of_a_question_that_follows(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features) == ("fact", ("aci",), ("scale-to-zero",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a subject we do not cover, listed with a row the asker wants to go without, is gone without too
        ("without setting up a cluster or a node pool, which of the three can run a single container?", ("cluster-provisioning",)),
        # a belief about one of them, with a tool of the asker's own told around it
        ("I'm fairly sure one of the three runs arm64 natively? our images come out of docker buildx today", ("cpu-architecture",)),
    ],
)
def test_what_is_gone_without_and_a_belief_beside_a_tool(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("which", features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # the one who does what a word we know says is a word of its own, not a typo a letter away ("priced")
        ("can the pricer on Cloud Run have a sidecar next to it?", ("multi-container",)),
        ("does ACI give the uploader a disk that survives a restart?", ("persistence",)),
    ],
)
def test_an_agent_noun_is_no_typo(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    "question",
    [
        # a row asked "for all three" is each of them, side by side, yes or no as it may be
        "spot capacity: all 3 doable?",
        "is there a fixed outbound ip for all three?",
    ],
)
def test_a_row_for_all_three_compares_them(engine, question: str) -> None:  # type: ignore[no-untyped-def]
    a = engine.ask(question)
    assert (a.intent, len(a.platforms)) == ("compare", 3)


@pytest.mark.parametrize(
    "question",
    [
        "fargate in 4 lines please",
        "silly question but what even is cloud run? is it basically a managed VM",
    ],
)
def test_summaries_asked_in_so_many_lines_or_with_an_apology(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "overview"


def test_a_row_s_word_naming_a_bridge_is_the_asker_s_app(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("our pricing bridge needs Windows containers: which of the three can run it?", lex)
    assert (q.intent, q.features) == ("which", ("windows-containers",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # how big one group may be, not what it holds
        ("can an ACI group get 12 vCPU in one group?", ("resources",)),
        # ... while containers in one group still ask what a group holds
        ("can ACI run the api and a redis cache in one group?", ("multi-container",)),
        # the Kubernetes layer under a platform is what it plugs into, not a cluster to create
        ("does cloud run need gke underneath it?", ("orchestration",)),
    ],
)
def test_one_group_s_size_and_the_layer_underneath(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    "question",
    [
        # the yardstick of the limitations asked for, set against the platform, is no subject of its own
        "EKS on Fargate limitations vs managed node groups?",
        # ... nor where the asker comes from, a word describing it aside
        "gotchas of EKS on Fargate for a team coming from EC2 node groups?",
    ],
)
def test_limitations_measured_from_an_uncovered_topic(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("caveat", ("fargate",))


def test_an_uncovered_topic_listed_with_its_nearest_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("on EKS on Fargate do I still have to create a cluster and node groups?", lex)
    assert (q.intent, q.features, q.not_covered) == ("fact", ("cluster-provisioning",), ("node pools",))


@pytest.mark.parametrize(
    "question",
    [
        "only ACI has windows containers, right?",
        "only Cloud Run of the three can do GPUs, or others too?",
        "none of three let us run privileged, correct?",
    ],
)
def test_a_belief_that_one_alone_does_asks_which(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "which"


@pytest.mark.parametrize(
    "question",
    [
        "what's fargate exactly, a standalone product or part of EKS?",
        "ACI is what exactly? is it a mode of AKS or a standalone service?",
    ],
)
def test_what_a_platform_is_beside_another_product(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "overview"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("does cloud run have some k8s behind it that our team must manage?", ("orchestration",)),
        ("is Cloud Run for Anthos the same thing as Cloud Run?", ("orchestration",)),
        ("what is the max run length of an ACI container?", ("request-timeout",)),
        ("how quick does a fargate task start?", ("startup",)),
        # ... and a code freeze is no container that froze, nor templates "all the way down" a scale to zero
        ("is it ARM templates all the way down on ACI, or plain yaml?", ("deployment-spec",)),
    ],
)
def test_the_layer_under_a_platform_run_length_and_start(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_a_code_freeze_is_no_frozen_container(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("how many PTO days do we get over the december freeze?", lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("on EKS Fargate the unit is a pod, correct? writing the design doc", ("deployment-unit",)),
        ("do all three let us pin outbound to one IP?", ("egress-ip",)),
        ("how do I run a cron'd task on ECS fargate?", ("jobs",)),
        ("task startup on fargate takes forever with our 5GB image, anything that helps?", ("startup",)),
        ("does ACI scale a container group out when the webhooks spike", ("autoscaling",)),
        ("ACI integrates with AKS somehow? heard about it from a friend", ("orchestration",)),
        ("Is an ACI deployment dependent on an AKS cluster existing first?", ("cluster-provisioning",)),
    ],
)
def test_a_unit_a_pinned_outbound_ip_a_crond_task(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, features)


def test_doing_without_a_chore_asks_the_platform_to_do_it(engine) -> None:  # type: ignore[no-untyped-def]
    # the row is guessed from words no phrase holds; "without us ..." is no platform lacking it
    a = engine.ask("Which platforms increase the instance count on their own when requests go up, without us writing any scripts?")
    assert (a.intent, a.query.negated, "aci" in a.platforms) == ("which", False, False)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # the thing a row's question is about names no limitation: a Fargate profile, an execution role, a load balancer
        ("EKS fargate profiles in terraform, possible in the aws provider or only with eksctl?", ("terraform",)),
        ("task role vs task execution role on fargate, I keep mixing them up", ("identity",)),
        ("exposing a gRPC service from EKS Fargate pods: NLB or ALB?", ("protocols",)),
        ("is there a tf resource for EKS fargate profiles?", ("terraform",)),
    ],
)
def test_a_thing_named_is_no_limitation_asked_about(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", features)


def test_a_pod_matching_no_profile_is_still_the_limitation(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("our pods namespace does not match any fargate profile", lex)
    assert (q.intent, q.caveats[:1]) == ("caveat", ("fargate-profile-matching",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # the weak word a "which ...-er/-est" ranks on, the platforms named: they are set side by side on it
        ("Which is cheaper for an api running all day with steady load: Fargate, Cloud Run or ACI?", ("pricing",)),
        ("which spins up fastest, fargate, cloud run or aci? every 100ms counts for our workers", ("startup",)),
    ],
)
def test_platforms_ranked_on_a_weak_word(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features, len(q.platforms)) == ("compare", features, 3)


@pytest.mark.parametrize(
    "question",
    [
        "longest a cloud run job task can run? the backfill takes ~3 days",
        "the nightly import takes ~9 hours. will a cloud run job kill it partway through?",
    ],
)
def test_how_long_a_job_may_run_is_the_timeout(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("request-timeout",)


def test_help_with_a_subject_of_its_own_is_no_help_with_the_bot(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("kamailio dispatcher not failing over to secondary SBC, config help pls", lex).intent == "unknown"
    assert understand("hi, what can you answer?", lex).intent == "help"


def test_best_practices_ask_for_no_pick(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("terraform module layout best practices?", lex).intent != "recommend"


def test_the_catch_asked_without_its_article(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("CR scale to zero sounds good, but what is catch? First request in the morning becomes slow?", lex)
    assert (q.intent, q.platforms) == ("caveat", ("cloud-run",))


def test_a_row_the_limitations_are_measured_against_is_not_asked(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("gotchas of cloud run compared to a normal VPC setup?", lex)
    assert (q.intent, q.platforms, q.features) == ("caveat", ("cloud-run",), ())


def test_a_shorthand_word_is_no_unexplained_word(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("What exactly ist AWS Fargate - is it an own service or only a part of ECS?", lex)
    assert (q.intent, q.platforms) == ("overview", ("fargate",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("eks on fargate, is the unit a pod or a node or wat. do i get a whole vm per pod lol", ("deployment-unit",)),
        ("cloud run - can i just push the syslog parser SOURCE and let it build, or must it be an image", ("deployment-unit",)),
        ("EKS Fargate in sa-east-1 is available? or only the ECS one", ("regions",)),
        ("Could you compare health-checking capabilities across Fargate, Cloud Run and ACI?", ("health-checks",)),
        ("is CR tied to any k8s flavour underneath? we dont run GKE and dont want to", ("orchestration",)),
        ("ACI container calling external API and the IP changes each restart. how I fix the exit IP?", ("egress-ip",)),
        ("black friday the pix volume goes 10x. ACI scale the containers alone with the load?", ("autoscaling",)),
        ("ECS Fargate ask me for a cluster but I dont want manage VMs, what is this cluster exactly?", ("cluster-provisioning",)),
        ("need hw TEE for the box holding SIP trunk creds on ACI, possible?", ("isolation",)),
        ("Can we run an OpenTelemetry collector next to the ingest container on Cloud Run?", ("multi-container",)),
        (
            "We need a proxy as sidecar next to the main container. Do all three support several containers in one deployment unit?",
            ("multi-container",),
        ),
    ],
)
def test_a_unit_a_region_code_an_exit_ip(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, features)


@pytest.mark.parametrize(
    "question",
    [
        "Is there a free tier on Google Cloud Storage for all our scans?",
        "How do I make an S3 bucket public so the IIIF images can be read by anyone?",
        "Is Google Batch better than Cloud Life Sciences for running GATK?",
        "Kubernetes PodDisruptionBudget best practice for StatefulSet of Kafka?",
    ],
)
def test_object_stores_other_batch_services_and_disruption_budgets_are_not_ours(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "platform"),
    [
        ("fargate - what it is, shortly?", "fargate"),
        ("Cloud Run actually is what? colleague say it's like serverless k8s, correct or not?", "cloud-run"),
        ("ACI is what thing, can explain simple simple? manager want know before meeting", "aci"),
        ("Fargate introduce a bit? we only use EC2 before, never use serverless container", "fargate"),
    ],
)
def test_a_summary_asked_in_other_words(lex, question: str, platform: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("overview", (platform,))


def test_the_amounts_of_a_priced_size_ask_no_size(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("what would fargate cost me for a 0.5 vCPU / 1GB task running 24/7?", lex).features == ("pricing",)
    assert understand("compare how the three bill for a 2 vCPU / 4GB API running 24/7", lex).features == ("pricing",)
    # an amount asked for stays asked
    assert set(understand("Can Fargate give a task 16 vCPU, and how is it billed?", lex).features) == {"resources", "pricing"}


def test_one_platform_or_something_else_asks_for_a_pick(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("we want arm64 images and spot capacity for cheap batch, should we pick fargate or something else?", lex)
    assert (q.intent, set(q.features)) == ("recommend", {"cpu-architecture", "spot"})
    # "X or something else" in a question about X is no pick
    q = understand("What sandbox does Cloud Run actually use, gVisor or something else?", lex)
    assert q.intent == "fact"


def test_who_asks_of_the_platforms_only_before_having_or_doing(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("who approves PRs to the shared terraform modules repo, platform team or security?", lex).intent == "unknown"
    assert understand("who runs arm", lex).intent == "which"
    assert understand("who doesn't have gpus", lex).intent == "which"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Cloud Run stop instance give how many second? need flush moderation batch to kafka before die", ("shutdown",)),
        ("Our model inference not thread safe, Cloud Run must 1 request 1 instance only, how to set?", ("concurrency",)),
        ("is ACI tied to AKS somehow? i keep seeing virtual nodes in the docs", ("orchestration",)),
        ("fargate via ECS vs via EKS, what am i actually shipping in each case, a task? a pod? both??", ("deployment-unit",)),
        ("Q: EKS on Fargate: do we still need managed node groups, or just the cluster + a Fargate profile?", ("cluster-provisioning",)),
    ],
)
def test_a_stop_one_request_per_instance_what_is_shipped(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, features)


@pytest.mark.parametrize(
    "question",
    [
        "Alibaba Cloud ECI elastic container instance got GPU support?",
        "ECR lifecycle policy how to auto delete old image tag?",
        "Q: azurerm 4.x upgrade broke our `azurerm_linux_web_app` module, workaround?",
        "what does AWS Business support cost and do they answer in under an hour?",
    ],
)
def test_another_clouds_instances_registries_and_support_tiers_are_not_ours(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        "Does EKS Fargate allow hostPort for our DICOM listener? if not how do we get TCP traffic in",
        "EKS Fargate: we want to use hostPort 4840 for OPC UA server pod. Is it possible?",
    ],
)
def test_a_host_port_asks_what_reaches_the_container(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("protocols",)


def test_a_platforms_name_lends_no_word_to_a_narrowing(lex) -> None:  # type: ignore[no-untyped-def]
    # "Cloud Run for ..." holds no "run for" of the run time
    q = understand("ACI vs Cloud Run for health probes and graceful shutdown, which one is more mature?", lex)
    assert (q.intent, set(q.features)) == ("compare", {"health-checks", "shutdown"})


def test_a_summary_in_someones_terms(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("what is Cloud Run, in finance-person terms?", lex)
    assert (q.intent, q.platforms) == ("overview", ("cloud-run",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("for eks fargate do i still make nodes? or just the cluster?", ("cluster-provisioning",)),
        ("my aci container group isnt scaling up when lots of ppl use it, did i miss a setting?", ("autoscaling",)),
        ("we get big peaks every 15 minutes. which of these can scale the ingest with that load automatically?", ("autoscaling",)),
        ("cloud run: can i just give it my node todo api folder from bootcamp?", ("deployment-unit",)),
    ],
)
def test_nodes_to_make_a_group_not_scaling_a_folder_to_deploy(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, features)


@pytest.mark.parametrize(
    "question",
    [
        "Oracle OCI container instances, available in Jeddah region?",
        "Does Google Cloud Functions support a static outbound IP for calls to a partner API?",
        "k8s Pod Security Admission 'restricted' profile - does it reject seccompProfile Unconfined?",
    ],
)
def test_other_clouds_instances_functions_and_pod_security_admission_are_not_ours(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    "question",
    [
        "Cloud Run for Anthos / knative on GKE: same product as managed Cloud Run for threat-model purposes?",
        "cloud run - is there GKE or Anthos running behind it that we pay for, or is it standalone?",
    ],
)
def test_whether_the_anthos_offering_is_the_managed_one(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.platforms, q.features[-1:]) == ("fact", ("cloud-run",), ("orchestration",))


def test_an_https_url_in_a_list_of_needs_asks_for_https(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("we need a gpu, an https url out of the box, and scale to zero. what should we use?", lex)
    assert (q.intent, set(q.features)) == ("recommend", {"gpu", "tls", "public-endpoint", "scale-to-zero"})


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("is there spot capacity on any of these?", "which"),
        ("can we mount a persistent volume on any of these three?", "which"),
        # a list that follows is not the platforms
        ("can we deploy in any of these regions: eastus and westeurope, on ACI?", "fact"),
    ],
)
def test_on_any_of_these_asks_which_of_the_platforms(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


def test_where_to_put_a_service_between_two_is_a_pick(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("should we put the chat backend on cloud run or aci? we need websockets and a static egress ip", lex)
    assert (q.intent, set(q.features)) == ("recommend", {"protocols", "egress-ip"})


@pytest.mark.parametrize("question", ["anything to watch on ACI spot containers?", "catch with cloud run gpus?"])
def test_things_to_watch_and_a_catch_with_a_row_ask_its_caveats(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "caveat"


def test_a_product_a_row_is_likened_to_in_a_which_question_is_the_askers_yardstick(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("which one has easy rollbacks like heroku releases?", lex)
    assert (q.intent, q.features) == ("which", ("revisions",))
    # ... but "the X equivalent" asks for another product like X
    assert understand("what's the heroku redis equivalent on azure, which should we pick?", lex).intent == "unknown"


def test_a_word_qualifying_the_narrower_row_leaves_the_row_asked_beside_it(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("aci max cpu and max disk per group?", lex)
    assert set(q.features) == {"resources", "ephemeral-storage"}
    assert understand("what is the max disk on aci?", lex).features == ("ephemeral-storage",)


@pytest.mark.parametrize(
    ("question", "feature"),
    [
        ("is there some kubernetes thing behind cloud run we should learn?", "orchestration"),
        ("the pdf export is slow for big customers. will cloud run kill the request before it finishes?", "request-timeout"),
        ("an ACI container group vs an ECS task, same concept?", "deployment-unit"),
        ("do any of the three allow added caps like NET_RAW?", "privileged"),
        ("which of them has the quickest start for a small container?", "startup"),
        ("so EKS on Fargate still wants a cluster?", "cluster-provisioning"),
        ("how do we do scheduled stuff on aci?", "jobs"),
        ("stuck pending on eks fargate, do i need to create nodes first?", "cluster-provisioning"),
    ],
)
def test_kubernetes_under_a_request_killed_a_unit_compared_caps_and_scheduled_stuff(lex, question: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, (feature,))


@pytest.mark.parametrize(
    "question",
    ["nhn cloud for data residency in korea, good choice?", "netty leaking direct buffers under load after the upgrade, seen it?"],
)
def test_korean_clouds_and_leaking_buffers_are_not_ours(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


def test_what_a_platform_is_and_how_it_differs_from_the_askers_machines(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("what is ACI really, and how is it different from the hyper-v boxes we run now?", lex)
    assert (q.intent, q.platforms) == ("overview", ("aci",))


@pytest.mark.parametrize(
    "question",
    [
        "what's a container group on ACI, one container or several?",
        "is a fargate task basically the same idea as an aci container group?",
        "whats a container group in aci, basically a pod?",
    ],
)
def test_the_unit_a_platform_runs_asked_by_its_name(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, ("deployment-unit",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("biggest single box I can get: Fargate task vs ACI container group?", ("resources",)),
        ("boto3 ecs client throws ThrottlingException on describe_tasks, bug?", ()),
    ],
)
def test_a_unit_named_in_passing_asks_nothing_of_it(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("the beefiest task fargate offers?", ("resources",)),
        ("do any of them start a stopped app again on an incoming request?", ("scale-to-zero",)),
        ("please confirm whether a cluster must be provisioned before deploying on cloud run", ("cluster-provisioning",)),
        ("can az container create take a file instead of all those parameters?", ("deployment-spec",)),
        ("which starts more fast, cloud run or aci?", ("startup",)),
        ("cloud run: can we give only the code and it builds?", ("deployment-unit",)),
        ("does each EKS fargate pod get a host of its own?", ("isolation",)),
        ("can ACI reach our IoT Hub over a private endpoint in the vnet?", ("vnet",)),
    ],
)
def test_beefiest_started_again_provisioned_before_a_file_instead_more_fast_only_the_code_a_host_of_its_own(
    lex, question: str, features: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, features)


@pytest.mark.parametrize(
    "question", ["does aws iot core cap persistent sessions per account?", "does aws pay a bug bounty for a fargate container escape?"]
)
def test_iot_services_alone_and_bug_bounties_are_not_ours(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


def test_wanting_to_know_states_no_requirement(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("customer wants to know how long they get between SIGTERM and the kill when a container is stopped", lex)
    assert (q.intent, q.features) == ("fact", ("shutdown",))


def test_a_two_minute_version_asks_a_summary(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("give me the two-minute version of cloud run, review is tomorrow", lex)
    assert (q.intent, q.platforms) == ("overview", ("cloud-run",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("ECS Fargate or Cloud Run for our checkout service? it needs gRPC and a fixed egress IP", {"protocols", "egress-ip"}),
        ("ACI or Fargate for the nightly export? It must run to completion and mount a file share", {"jobs", "persistence"}),
    ],
)
def test_two_platforms_put_forward_for_an_app_with_needs_ask_for_a_pick(lex, question: str, features: set[str]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, set(q.features)) == ("recommend", features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("fargate or cloud run for websockets?", ("protocols",)),
        ("Fargate or ACI for a windows batch that needs spot capacity?", ("windows-containers", "spot")),
    ],
)
def test_two_platforms_for_one_need_are_compared(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("compare", features)


def test_a_row_named_as_the_purpose_and_again_as_a_need_is_asked(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("which platform would you pick for our nightly batch? it must run to completion on Arm64", lex)
    assert (q.intent, set(q.features)) == ("recommend", {"jobs", "cpu-architecture"})


@pytest.mark.parametrize(
    "question",
    [
        "whats the uptime SLA on cloud run? need a number for our data contract",
        "who can give me access to the AWS billing console?",
        "does the cafeteria stay open late during the quarter-end close this week?",
        "know a good lunch spot nearby?",
        "k8s hpa vs vpa, which one for a web app?",
    ],
)
def test_topics_we_do_not_cover_and_small_talk_are_not_answered_with_a_row(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("we want a canary with 10% of traffic to the new version. which platforms permit this without to install Istio?", ("revisions",)),
        ("Add the ability to connect Azure file shares via Docker Compose", ("persistence",)),
        ("k8s jobs vs cron, which of the three platforms runs them", ("jobs",)),
        ("what's orchestrating ACI containers behind the scenes?", ("orchestration",)),
        ("with ACI are there any nodes for us to manage?", ("cluster-provisioning",)),
    ],
)
def test_rows_still_read_beside_those_topics(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent != "unknown", q.features) == (True, features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("renders run nightly and exit when done, and each needs a GPU. Fargate or Cloud Run?", {"jobs", "gpu"}),
        ("our intranet tools: scale to zero at night, managed https certs. ACI, Fargate or Cloud Run?", {"scale-to-zero", "tls"}),
        (
            "Cloud Run vs ACI for the scanner - requirements: arm64 images and spot capacity. Kindly recommend one.",
            {"cpu-architecture", "spot"},
        ),
        (
            "Windows batch that has to run every night inside our private network. ACI or Fargate? pick one and defend it",
            {"windows-containers", "vnet", "jobs"},
        ),
    ],
)
def test_needs_then_the_platforms_to_choose_from_ask_for_a_pick(lex, question: str, features: set[str]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, set(q.features)) == ("recommend", features)


def test_one_need_then_two_platforms_is_still_a_comparison(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("does it support websockets? fargate or cloud run?", lex)
    assert (q.intent, q.features) == ("compare", ("protocols",))


@pytest.mark.parametrize(
    "question",
    [
        "cloud run tl;dr for someone who has only ever run cron jobs on a VM?",
        "new on call, never touched aci and the pager just went off for it. 30 sec version: what is it?",
        "Explain ACI in two sentences to someone who has sat through five vendor keynotes this year",
    ],
)
def test_a_summary_for_someone_is_a_summary(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("overview", ())


def test_what_the_person_knows_is_background_beside_a_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("quick overview of cloud run autoscaling for someone who only knows heroku", lex)
    assert (q.intent, q.features) == ("fact", ("autoscaling",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("is CR basically knative on top of something or what", ("orchestration",)),
        (
            "wanna self-host a small speech model for my podcast transcription side project \U0001f399\ufe0f"
            " can Cloud Run attach a GPU, like an L4?",
            ("gpu",),
        ),
        ("Netlify spoiled me with instant rollbacks \U0001f607 does Cloud Run keep old revisions around?", ("revisions",)),
        ("can an ACI group run privileged, like docker run --privileged on my laptop? sorry if that's weird", ("privileged",)),
    ],
)
def test_knative_on_top_an_emoji_between_sentences_and_a_laptop_likened(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", features)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Billing squad asks: can our Windows Server Core image go on Cloud Run, or is it Linux only?", ("windows-containers",)),
        ("ticket 4801: billing asks whether an ACI group's outbound IP stays the same across restarts", ("egress-ip",)),
    ],
)
def test_a_team_named_after_a_row_is_who_asks(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


def test_on_any_of_these_platforms_asks_which(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Is privileged mode available on any of these platforms, or is it a non-starter everywhere?", lex)
    assert (q.intent, q.features) == ("which", ("privileged",))


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Do Fargate and Cloud Run both send SIGTERM before the kill, and how long is it on each?", ("shutdown",)),
        ("do cloud run and aci both let us keep secrets in a secret store?", ("secrets",)),
    ],
)
def test_two_platforms_asked_both_are_compared(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("compare", features)


def test_what_the_app_has_to_do_after_two_platforms_offered_asks_for_a_pick(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Cloud Run or Fargate for our booking API? it has to scale to zero at night and handle websockets", lex)
    assert (q.intent, set(q.features)) == ("recommend", {"scale-to-zero", "protocols"})


def test_knative_underneath_asks_the_orchestration_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("is Cloud Run knative underneath? does that mental model carry over", lex)
    assert (q.intent, q.features) == ("fact", ("orchestration",))


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        ("what would an ACI group with 2 vCPU and 8 GB cost us for a week?", "fact", ("pricing",)),
        ("what would 2 vCPU and 4 GB running 24/7 cost on Fargate vs ACI?", "compare", ("pricing",)),
    ],
)
def test_amounts_in_a_question_of_cost_are_what_is_priced(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == (intent, features)


def test_amounts_asked_for_without_a_cost_stay_asked(lex) -> None:  # type: ignore[no-untyped-def]
    """A guard for the rule above: no cost asked, the amount is the question."""
    assert "resources" in understand("can one ACI group have 24 vCPU and 100 GB, and a GPU too?", lex).features


def test_ecs_or_eks_above_fargate_asks_the_orchestration_row(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Does Fargate always need ECS or EKS above it, or can it take containers on its own?", lex)
    assert (q.intent, q.features) == ("fact", ("orchestration",))
    assert understand("Does Fargate need an EKS or ECS cluster created first?", lex).features == ("cluster-provisioning",)


@pytest.mark.parametrize(
    "question",
    [
        "Need: Windows containers plus a fixed outbound IP for the bank. Which of these?",
        "it needs a GPU and private VNet access. ACI vs Cloud Run?",
        "the chat backend needs websockets and has to scale to zero. Cloud Run or Fargate, in your view?",
        "Our Windows service needs an SMB share that survives restarts. ACI or Fargate, what's your recommendation?",
    ],
)
def test_needs_then_the_platforms_or_which_of_them_asks_for_a_pick(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "recommend"


@pytest.mark.parametrize(
    "question",
    [
        "Health probes and graceful shutdown: Fargate vs Cloud Run?",
        "the batch step needs 32 vCPU and a GPU. Fargate or ACI, does either fit?",
    ],
)
def test_rows_set_against_two_platforms_stay_a_comparison(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    """A guard for the rule above: rows named as the topic, or a yes/no asked of each, set the two side by side."""
    assert understand(question, lex).intent == "compare"


def test_items_after_a_need_are_needs_too(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand(
        "ACI or Fargate for the partner API? It needs a static outbound IP for their allow-list, a private connection to our "
        "database, and secrets kept out of the repo.",
        lex,
    )
    assert (q.intent, set(q.features)) == ("recommend", {"egress-ip", "vnet", "secrets"})


def test_a_message_opening_which_of_the_three_asks_which(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Which of the three can run Windows containers? filling in a comparison spreadsheet", lex)
    assert (q.intent, q.features) == ("which", ("windows-containers",))


@pytest.mark.parametrize(
    "question",
    [
        "we self-host Knative on our own Kubernetes cluster; how do I set the scale-down delay?",
        "can I run knative on my own kubernetes cluster?",
    ],
)
def test_knative_on_your_own_cluster_is_not_ours(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == "unknown"


def test_a_mass_spec_is_no_deployment_spec(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("The Windows-only mass spec tool needs a persistent share and a fixed outbound IP. Which platform fits?", lex)
    assert set(q.features) == {"windows-containers", "persistence", "egress-ip"}


def test_a_registry_named_beside_a_row_and_again_as_the_alternative_is_the_subject(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Can Cloud Run pull images straight from Docker Hub, or must they go through Artifact Registry?", lex)
    assert q.intent == "unknown"


def test_the_biggest_unit_we_can_get_asks_its_size(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Our JVM wants a 30 GB heap. biggest ACI container group we can get?", lex)
    assert (q.intent, q.features) == ("fact", ("resources",))


@pytest.mark.parametrize(
    ("question", "platform"),
    [
        ("Please shortly explain what AWS Fargate is. I must present it to the plant leadership team next week.", "fargate"),
        ("For the newsletter: what is Google Cloud Run, in one plain sentence?", "cloud-run"),
        ("How would you define AWS Fargate for a non-technical audience?", "fargate"),
        ("What is Cloud Run, in plain terms? My manager wants to know before the pilot.", "cloud-run"),
        ("What is Cloud Run, for someone who has run Knative on their own cluster for years?", "cloud-run"),
    ],
)
def test_a_summary_asked_in_yet_other_words(lex, question: str, platform: str) -> None:  # type: ignore[no-untyped-def]
    """ "explain what X is" after a courtesy, "in one <adjective> sentence", "how would you define X", a sentence telling
    who wants to know, and what the person it is for has run: all ask what the platform is."""
    q = understand(question, lex)
    assert (q.intent, q.platforms) == ("overview", (platform,))


def test_something_to_know_before_still_asks_the_catches(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("anything to know before we adopt ACI?", lex).intent == "caveat"


@pytest.mark.parametrize(
    "question",
    [
        "Is ACI offered in every Azure region, and are its Spot containers available in all of them?",
        "Req 9 — confirm whether Spot containers on Azure Container Instances are offered in every region where ACI is.",
        "Where is ACI offered, and are its Spot containers available in all of those places?",
    ],
)
def test_where_spot_capacity_is_offered_is_the_regions_cell(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    """Spot's coverage set against the platform's own is the regions cell's, which says where Spot is (asked alone, it
    is asked beside the Spot row: see above)."""
    assert understand(question, lex).features == ("regions",)


def test_whether_a_job_is_regional_asks_regions(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("cloud run: is a job regional? our data has to stay in one country", lex).features == ("regions",)


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a requirement's label before the dash does not hide the request after it; the kind of group only qualifies it
        (
            "Req 12 — confirm whether Azure Container Instances supports virtual network deployment for Windows container groups as "
            "well as Linux.",
            ("vnet",),
        ),
        ("ACI container group with a log shipper sidecar: fine on Linux, I know. What about Windows groups?", ("multi-container",)),
    ],
)
def test_the_kind_of_group_as_one_more_case(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    "question",
    [
        "Does Cloud Run need GKE as its orchestrator, like the old docs said?",
        "EKS on Fargate: who schedules the pods, and is there a Kubernetes API I talk to?",
    ],
)
def test_what_orchestrates_is_no_cluster_to_create(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("orchestration",)


@pytest.mark.parametrize(
    "question",
    [
        "For ECS on Fargate must we create a cluster first, and does that cluster mean EC2 instances we'd have to patch?",
        "Must we create a cluster before the first task runs on ECS Fargate? And are there EC2 instances to look after?",
    ],
)
def test_instances_asked_after_the_cluster_are_the_clusters_answer(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", ("cluster-provisioning",))


def test_ec2_instance_types_stay_refused(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("How do I pick EC2 instance types for my ECS cluster?", lex).intent == "unknown"


def test_machines_to_manage_before_a_deploy_ask_about_the_cluster(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("R-3.1: confirm that no AKS cluster or virtual machines must exist before an ACI container group is deployed.", lex)
    assert q.features == ("cluster-provisioning",)


def test_how_to_raise_a_quota_is_refused_but_a_size_above_the_quota_line_is_not(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("How do I ask Azure to raise our vCPU quota for container instances in West Europe?", lex).intent == "unknown"
    q = understand("ACI above 4 vCPU needs a quota request? what is the ceiling for one group?", lex)
    assert (q.intent, q.features) == ("fact", ("resources",))


@pytest.mark.parametrize(
    "question",
    [
        "Please send over the ISO 27001 certificate for Google Cloud Run, our supplier audit needs it.",
        "Which container registries can Cloud Run pull images from, JFrog Artifactory included?",
        "Is the AWS DevOps Engineer Professional cert worth it for a platform engineer?",
        "How do I give our analysts read-only access to the Cloud Run console?",
        "where's the invoice for last month's Azure bill? finance keeps asking",
        "How do you tune autoscaling in Knative Serving on your own Kubernetes cluster?",
    ],
)
def test_subjects_next_to_a_row_word_are_refused(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    """A certificate of compliance is no TLS certificate, pulling from a registry is no cold start, a cert exam is no
    TLS, console access for people is no workload identity, Knative Serving run by hand is not Cloud Run."""
    assert understand(question, lex).intent == "unknown"


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("Cold start on Cloud Run is slow, our images from Docker Hub are 2 GB. What helps?", ("startup",)),
        ("For compliance reasons we need a fixed outbound IP on Cloud Run. Possible?", ("egress-ip",)),
    ],
)
def test_a_registry_or_a_reason_beside_the_row_keeps_the_row(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert (q.intent, q.features) == ("fact", features)


def test_a_kind_of_app_with_a_need_and_the_choice_left_to_the_end_asks_a_pick(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("Our old reporting tool runs in a Windows container and needs a persistent file share. Fargate or ACI?", lex)
    assert (q.intent, set(q.features)) == ("recommend", {"windows-containers", "persistence"})


@pytest.mark.parametrize(
    "question",
    [
        "R-2.10: The platform shall support a single HTTP request lasting up to 60 minutes. Please respond Yes/No for Google Cloud Run.",
        "EKS Fargate: is there a max pod lifetime?",
    ],
)
def test_how_long_a_run_may_last_in_other_words(lex, question: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == ("request-timeout",)


def test_a_told_span_of_months_is_no_time_limit(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand("A web form: HTTPS, and next to nothing when idle. What would you recommend? The study runs for six months.", lex)
    assert "request-timeout" not in q.features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        ("What's the catch with ACI when it comes to autoscaling and scaling down to zero?", {"autoscaling", "scale-to-zero"}),
        ("Material caveats of ACI against R-7.1 (automatic scaling) and R-7.3 (scale to zero)?", {"autoscaling", "scale-to-zero"}),
        ("For a sidebar in the article: which of the three offers GPUs?", {"gpu"}),
        ("ACI: does the container get an address people can visit?", {"public-endpoint"}),
        ("When the nightly run fails, where do I find its output on Cloud Run?", {"logging"}),
        ("ACI: what's the smallest schedulable thing, a container or a container group?", {"deployment-unit"}),
        ("Can an ECS service on Fargate scale on a CloudWatch metric like the length of a queue?", {"autoscaling"}),
        ("Cloud Run autoscaler: what signal does it scale on?", {"autoscaling"}),
    ],
)
def test_rows_in_more_of_their_words(lex, question: str, features: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert set(understand(question, lex).features) == features


def test_a_relative_which_asks_nothing(lex) -> None:  # type: ignore[no-untyped-def]
    q = understand(
        "R-8.4: The platform shall keep each deployment as a revision to which traffic can be rolled back. Yes/No/Partial for AWS "
        "Fargate, Google Cloud Run and Azure Container Instances.",
        lex,
    )
    assert (q.intent, set(q.platforms), q.features) == ("compare", {"fargate", "cloud-run", "aci"}, ("revisions",))


def test_what_breaks_asks_the_catches(lex) -> None:  # type: ignore[no-untyped-def]
    assert understand("We'd move a Deployment with sidecars and a PVC onto Cloud Run as it is: what breaks?", lex).intent == "caveat"


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("for the opening slide: AWS Fargate in one crisp sentence.", "overview"),
        ("A customer wants a short explanation of Google Cloud Run before reading our guide.", "overview"),
        ("Can our startup get AWS Activate credits to pay for Fargate?", "unknown"),
        ("aws charged us for an idle NAT gateway, how do I dispute the invoice?", "unknown"),
    ],
)
def test_a_crisp_summary_credits_and_a_disputed_invoice(lex, question: str, intent: str) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).intent == intent


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # whose need is asked: the deploying account's, not the workload's
        ("Which IAM roles does our CI service account need before it can release to Cloud Run?", "unknown", ()),
        ("which iam role lets our ci deploy to fargate?", "unknown", ()),
        ("What IAM role does the Fargate task need to read objects from S3?", "fact", ("identity",)),
        # ... while a topic asked of in a clause of its own, after a row, stays beside the row
        ("Does Cloud Run take a compose file now, and does Docker Desktop still need a paid license?", "fact", ("deployment-spec",)),
        # a bill of one's own to explain is not how a platform bills
        ("why was our ACI bill so high in March?", "unknown", ()),
        ("Finance has to explain the bill to the board. How does Cloud Run charge for idle instances?", "fact", ("pricing",)),
    ],
)
def test_a_deployers_roles_and_a_bill_to_explain(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == intent
    assert bool(q.not_covered) if intent == "unknown" else q.features == features


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # a topic first told in an error message ("no <topic>"), then asked about, is asked
        ("ECS task stopped with 'no basic auth credentials'. Where do I set the image pull credentials?", "unknown", ()),
        # "pull" as the verb is not a registry's credentials
        ("Can Cloud Run pull credentials from Secret Manager when an instance starts?", "fact", ("secrets",)),
        # a tool's own bug, named as the tool's kind
        ("azurerm keeps recreating our container group on every apply. Is that a provider bug?", "unknown", ()),
        ("does Fargate wake from zero when a request comes in?", "fact", ("scale-to-zero",)),
    ],
)
def test_a_topic_asked_after_its_error_a_provider_bug_and_waking_from_zero(  # type: ignore[no-untyped-def]
    lex, question: str, intent: str, features: tuple[str, ...]
) -> None:
    q = understand(question, lex)
    assert q.intent == intent
    assert bool(q.not_covered) if intent == "unknown" else q.features == features


@pytest.mark.parametrize(
    ("question", "intent", "features"),
    [
        # a question naming none of ours that ends on what its row is like asks the row of them all
        ("does each request spin up a new task, like Lambda?", "fact", ("concurrency",)),
        ("do they scale to zero like AWS Lambda?", "fact", ("scale-to-zero",)),
        ("Does Cloud Run start a new container for every request?", "fact", ("concurrency",)),
        # ... not one that asks about the product, nor one where "like" is what the asker would do
        ("does Lambda scale to zero?", "unknown", ()),
        ("does App Runner scale to zero like Lambda?", "unknown", ()),
        ("We would like to know whether AWS App Runner supports custom domains.", "unknown", ()),
        ("what's the max timeout on lambda like, is it still 15 minutes", "unknown", ()),
    ],
)
def test_a_row_likened_to_a_product_at_the_end_is_asked_of_ours(lex, question: str, intent: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    q = understand(question, lex)
    assert q.intent == intent
    assert bool(q.not_covered) if intent == "unknown" else q.features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # "log" as the verb of noting a thing down, after who notes it and a helping verb, is not the logging row
        ("ACI in a private VNet: any limitations we should log as a risk?", ("vnet",)),
        ("EKS on Fargate: is EKS Pod Identity supported? Any restrictions we need to log?", ("identity",)),
        # ... while how or where to log is
        ("ACI in a VNet, and how we should log?", ("vnet", "logging")),
        ("how should we log from ACI?", ("logging",)),
        # "src" is source; minutes shortened before "http requests" are how long a request may last
        ("cr takes raw src code now or only images", ("deployment-unit",)),
        ("45 min http reqs, cloud run vs fargate", ("request-timeout",)),
    ],
)
def test_a_verb_of_noting_and_shortened_words(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # waking on the first request after idling is scale to zero, not the cold start of that request
        ("If nobody uses our ACI container overnight, does it stop and wake up again on the first request?", ("scale-to-zero",)),
        ("Will our Fargate service wind itself down while idle and come back on the first request?", ("scale-to-zero",)),
        ("if I leave an ACI container group idle does it get put to sleep, or does it keep billing?", ("scale-to-zero",)),
        # ... while the cold start after zero, asked as such, stays the startup row
        ("the router is at zero at 11:55 and lunch hits at 12:00, how bad are cloud run cold starts?", ("startup",)),
    ],
)
def test_waking_on_the_first_request_is_scale_to_zero(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a CPU, memory or kernel shared with other customers is isolation, not how much a task gets
        ("On Fargate, does my task share kernel or CPU with some other AWS account's task?", ("isolation",)),
        ("Fargate task is running on same machine with other company's task? Kernel and memory is shared or separated?", ("isolation",)),
        ("Is there a variant of ACI with AMD SEV-SNP memory encryption so the host can't read our RAM?", ("isolation",)),
        # ... while the size asked beside it stays the resources row
        ("what's the max memory for a Fargate task, and do tasks share a kernel?", ("resources", "isolation")),
    ],
)
def test_what_is_shared_with_other_customers_is_isolation(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # whether temp files land on disk or in memory is the local disk row, the memory being what they might take
        ("cloud run /tmp: is that real disk or memory?", ("ephemeral-storage",)),
        ("Where do temporary files go on Cloud Run, and do they consume the instance's memory?", ("ephemeral-storage",)),
        ("writing temp files on CR eats memory?? our container got OOMKilled writing to /tmp", ("ephemeral-storage",)),
        # ... while a memory size asked beside temp files stays the resources row
        ("Our Fargate task unzips temp files and needs 16 GB of memory, what's the max memory?", ("resources",)),
    ],
)
def test_temp_files_on_disk_or_in_memory_are_the_local_disk(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # what a sandbox lets a container do (ptrace, a capability) is the privileged row, the sandbox where it runs
        ("Cloud Run gen2 lets you add NET_ADMIN to a container, right?", ("privileged",)),
        ("On Cloud Run gen1, can our profiler use ptrace in the sandbox?", ("privileged",)),
        # ... and the capability a FUSE mount needs is asked, not the storage mounted
        ("can I add CAP_SYS_ADMIN on Cloud Run to mount a fuse filesystem?", ("privileged",)),
        # ... while unusual system calls under gVisor stay the isolation row, and a bucket mounted is storage
        ("Cloud Run still gVisor? syscall overhead from the sandbox shows up in our p99, is there a non-gVisor mode", ("isolation",)),
        ("can Cloud Run mount a GCS bucket as a filesystem?", ("persistence",)),
    ],
)
def test_what_a_sandbox_lets_a_container_do_is_privileged(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # a secret store or a key named as what the workload's own identity does without is the identity row
        ("ACI: use a managed identity to call Key Vault and Storage without keys", ("identity",)),
        ("how does an ecs fargate task get aws creds w/o baking keys in, task role?", ("identity",)),
        # ... while how secrets reach the container, beside its identity, stays the secrets row
        ("Can Cloud Run mount Secret Manager values as files rather than environment variables? Our SDK wants a key file.", ("secrets",)),
    ],
)
def test_keys_the_workloads_identity_does_without_are_identity(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features


@pytest.mark.parametrize(
    ("question", "features"),
    [
        # the CPU named as what scaling follows is its signal, not the size a task gets
        ("Does ACI add more container groups by itself when the CPU goes high?", ("autoscaling",)),
        ("my colleague insists Cloud Run autoscaling only reacts to requests, never CPU - right?", ("autoscaling",)),
        # ... while the CPU a task may have, asked in a question of its own, is the resources row
        ("does Fargate scale out on its own? what's the max CPU per task?", ("autoscaling", "resources")),
    ],
)
def test_the_cpu_scaling_follows_is_its_signal(lex, question: str, features: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert understand(question, lex).features == features
