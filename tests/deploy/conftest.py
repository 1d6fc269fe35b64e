"""Paths and parsed files shared by the deployment tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.deploy import dockerfile, kustomize

DEPLOY = ROOT / "deploy"
KUBERNETES = DEPLOY / "kubernetes"
FARGATE = DEPLOY / "fargate"
DOCKERFILE = ROOT / "Dockerfile"

# What the process serves (bot/web.py) and where it listens by default.
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
METRICS_PATH = "/metrics"
EVENTS_PATH = "/slack/events"
PORT = 3000
METRICS_PORT_VARIABLE = "METRICS_PORT"  # serves /metrics apart from PORT (bot/slack/run.py), so it need not be public

# The environment each mode refuses to start without.
REQUIRED_ENV = {
    "serve": {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"},
    "socket": {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"},
}


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def probed_paths() -> set[str]:
    """Every HTTP path a manifest probes, health-checks or scrapes, on any target."""
    paths: set[str] = set()
    for directory in (KUBERNETES, FARGATE):
        for r in kustomize.render(directory):
            if r["kind"] == "Deployment":
                template = r["spec"]["template"]
                paths.add(template["metadata"]["annotations"]["prometheus.io/path"])
                for c in kustomize.containers(r):
                    paths |= {c[p]["httpGet"]["path"] for p in ("livenessProbe", "readinessProbe", "startupProbe") if p in c}
            annotations = r["metadata"].get("annotations", {})
            if "alb.ingress.kubernetes.io/healthcheck-path" in annotations:
                paths.add(annotations["alb.ingress.kubernetes.io/healthcheck-path"])
    for c in load_yaml(DEPLOY / "cloud-run" / "service.yaml")["spec"]["template"]["spec"]["containers"]:
        paths |= {c[p]["httpGet"]["path"] for p in ("livenessProbe", "readinessProbe", "startupProbe") if p in c}
    for c in load_yaml(DEPLOY / "aci" / "container-group.yaml")["properties"]["containers"]:
        paths |= {c["properties"][p]["httpGet"]["path"] for p in ("livenessProbe", "readinessProbe") if p in c["properties"]}
    return paths


@pytest.fixture(scope="session")
def stages() -> list[dockerfile.Stage]:
    return dockerfile.read(DOCKERFILE)


@pytest.fixture(scope="session")
def image(stages: list[dockerfile.Stage]) -> dockerfile.Stage:
    """The stage the image is made of: the last one."""
    return stages[-1]


@pytest.fixture(scope="session")
def base() -> list[kustomize.Resource]:
    return kustomize.render(KUBERNETES)


@pytest.fixture(scope="session")
def fargate() -> list[kustomize.Resource]:
    return kustomize.render(FARGATE)
