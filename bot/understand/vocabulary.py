"""The bot's general vocabulary: words about questions, not about platforms.

Platform aliases, feature synonyms and caveat triggers live in the knowledge
files; what is here describes how people ask (intent cues, negation) and the
things the knowledge base deliberately does not cover.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Products people confuse with the three we cover. Mentioning one means the
# question is about something we do not know: answer "unknown", never a near miss.
OTHER_PRODUCTS: dict[str, tuple[str, ...]] = {
    "AWS Lambda": ("lambda", "aws lambda", "lambdas"),
    "AWS App Runner": ("app runner", "apprunner", "aws app runner"),
    "Azure Container Apps": ("container apps", "container app", "azure container apps", "aca"),
    "GKE Autopilot": ("autopilot", "gke autopilot"),
    "Azure Functions": ("azure functions", "azure function", "function app"),
    "Google Cloud Functions": ("cloud functions", "cloud function", "gcp functions"),
    "Google App Engine": ("app engine", "appengine", "gae"),
    "AWS Elastic Beanstalk": ("beanstalk", "elastic beanstalk"),
    "AWS Batch": ("aws batch",),
    "Amazon EC2": ("ec2 instance", "ec2 instances"),
    "Azure App Service": ("app service", "web app for containers"),
    "Heroku": ("heroku",),
    "OpenShift": ("openshift",),
    "Nomad": ("nomad",),
    "Docker Swarm": ("swarm", "docker swarm"),
    "Fly.io": ("fly io", "flyio"),
    "Azure Spring Apps": ("spring apps",),
    "AWS Copilot": ("copilot",),
    "Lightsail": ("lightsail",),
}

# Kubernetes offerings that appear in the table only as context. Asked about on
# their own ("does AKS support node pools"), they are outside what we know.
CONTEXT_PRODUCTS: dict[str, tuple[str, ...]] = {
    "Amazon EKS": ("eks", "amazon eks", "aws eks", "elastic kubernetes service"),
    "Amazon ECS": ("ecs", "amazon ecs", "aws ecs", "elastic container service"),
    "Azure Kubernetes Service": ("aks", "azure kubernetes service"),
    "Google Kubernetes Engine": ("gke", "google kubernetes engine"),
    "Anthos": ("anthos",),
    "Kubernetes": ("kubernetes", "k8s"),
    "Knative": ("knative",),
}

# Topics the 2019 comparison does not cover. "*" stands for up to three words.
OTHER_TOPICS: dict[str, tuple[str, ...]] = {
    "pricing": (
        "cost",
        "costs",
        "price",
        "prices",
        "pricing",
        "priced",
        "charge",
        "charged",
        "billing",
        "billed",
        "bill",
        "expensive",
        "cheap",
        "cheaper",
        "cheapest",
        "free tier",
        "per hour",
        "per second",
        "per month",
        "dollar",
        "dollars",
        "usd",
        "how much * pay",
        "tco",
        "budget",
    ),
    "resource limits": (
        "max",
        "maximum",
        "limit",
        "limits",
        "quota",
        "quotas",
        "vcpu",
        "vcpus",
        "how much memory",
        "how much cpu",
        "how many cpu",
        "how many core",
        "how many cores",
        "memory limit",
        "cpu limit",
        "gb of memory",
        "gb of ram",
        "ram",
        "gib",
        "mib",
        "upper bound",
        "how big",
        "size limit",
        "ephemeral storage",
        "max instances",
        "maximum instances",
        "concurrency",
    ),
    "timeouts": ("timeout", "timeouts", "time out", "request duration", "long running request"),
    "cold starts and latency": ("cold start", "cold starts", "coldstart", "latency", "warm up", "startup time", "p99"),
    "protocols": ("websocket", "websockets", "web socket", "grpc", "http2", "http 2", "http 3", "sse", "server sent events", "streaming"),
    "regions and availability": ("region", "regions", "availability zone", "availability zones", "sla", "uptime", "outage"),
    "Dapr": ("dapr",),
    "compliance": ("hipaa", "pci", "soc2", "soc 2", "fedramp", "gdpr", "compliance"),
    "node pools": ("node pool", "node pools", "nodepool"),
    "CPU architectures": ("arm64", "graviton", "arm", "aarch64"),
    "spot capacity": ("spot", "spot instances", "preemptible"),
    "secrets management": ("secret", "secrets", "key vault", "secret manager"),
    "service mesh": ("service mesh", "istio", "linkerd", "app mesh"),
    "health checks": ("health check", "health checks", "liveness", "readiness", "probe", "probes"),
}

NEGATIONS = frozenset(
    """
    not no dont doesnt didnt cannot cant couldnt without lack lacks lacking missing unsupported isnt arent
    wont neither nor non none
    """.split()
)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Frequent English words: a real word is never "corrected" into a knowledge-base word."""
    text = (Path(__file__).parent / "english_words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


HELP_PHRASES = tuple(
    " ".join(p.split())
    for p in """
    help; usage; how do i use; how to use; what can you; what do you know; what do you cover; what can i
    ask; what should i ask; can i ask; could i ask; should i ask; to ask you; what do you do; what are you
    for; how does this work; how do you work; what topics; which topics; example question; example
    questions; examples; commands; getting started with you; who are you; what are you; hello; hi; hey; get
    started; getting started; how do i start; where do i start; what questions; questions do you; which questions
    """.split(";")
)

# Words that carry no topic of their own. A question about a platform that,
# besides these, has words we matched nothing to ("cron job on ACI") is about
# something we do not know, not a request for an overview.
STOPWORDS = frozenset(
    """
    a an the and or but if so of to in on at by for from with into onto about as than then vs via per before after i me my
    we us our you your it its they them their he she this that these those there here what whats which who
    whom whose when where why how is are was were be been being am do does did doing done have has had having
    can could will would shall should may might must let lets get gets got give gives giving go going please
    thanks thank tell know explain describe overview info information summary details detail intro
    introduction show any some all each every both either neither one ones more most much many very really
    just also too only yes no not nope yeah ok okay hmm hm um uh er ah oh lol pls plz thx ty cool
    hey hi hello again still yet already now today currently
    support supports supported supporting use uses used using run runs running work works working deploy
    deploys deployed deploying container containers platform platforms service services app apps application
    applications workload workloads serverless cloud clouds feature features option options capability
    capabilities available possible way ways thing things stuff something anything like want need able offer
    offers provide provides allow allows enable good better best well right true false compared
    """.split()
)
