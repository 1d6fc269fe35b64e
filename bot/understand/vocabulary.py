"""The bot's general vocabulary: words about questions, not about platforms.

Platform aliases, feature synonyms and caveat triggers live in the knowledge
files; what is here describes how people ask (intent cues, negation) and the
things the knowledge base deliberately does not cover.
"""

from __future__ import annotations

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
        "cost", "costs", "price", "prices", "pricing", "priced", "charge", "charged", "billing", "billed",
        "bill", "expensive", "cheap", "cheaper", "cheapest", "free tier", "per hour", "per second",
        "per month", "dollar", "dollars", "usd", "how much * pay", "tco", "budget",
    ),
    "resource limits": (
        "max", "maximum", "limit", "limits", "quota", "quotas", "vcpu", "vcpus", "how much memory",
        "how much cpu", "how many cpu", "how many core", "how many cores", "memory limit", "cpu limit",
        "gb of memory", "gb of ram", "ram", "gib", "mib", "upper bound", "how big", "size limit",
        "ephemeral storage", "max instances", "maximum instances", "concurrency",
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
    "not no dont doesnt didnt cannot cant couldnt without lack lacks lacking missing unsupported isnt arent wont "
    "neither nor non none".split()
)

# Words never treated as typos of a knowledge-base word.
COMMON_WORDS = frozenset(
    """
    about above after again against all also always among another answer any anyone anything anywhere are around
    available back because been before being below best better between both bring build built but call came
    can cannot case change check choose close come compare comparison could current default deploy deployed
    deploying describe detail details did different difference does doing done down each easy either else
    enable enough even ever every example examples explain fact feature features find fine first from get gets
    give given going good great happen happens have having hello help here how however into issue just keep
    kind know large later learn least less like likely list little look lunch made make many maybe mean means
    might more most much must name need needs never newer next nice none normal nothing offer offers often
    only option options other others over part people platform platforms please point possible prefer pretty
    probably provide question questions quite rather ready really right same see seem service services setting
    settings should show since small some someone something still such suggest support supported supports sure
    take tell than thank thanks that their them then there these they thing things think this those though
    through today together tried trying under until upon used user users using very want wants what when
    where whether which while with within without work works would write wrong years your yours
    """.split()
)

HELP_PHRASES = (
    "help", "usage", "how do i use", "how to use", "what can you", "what do you know", "what do you cover",
    "what can i ask", "what should i ask", "example question", "example questions", "examples", "commands",
    "getting started with you", "who are you", "what are you", "hello", "hi", "hey",
)
