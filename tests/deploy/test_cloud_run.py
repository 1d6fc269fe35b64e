"""deploy/cloud-run/service.yaml: a Knative Service for Cloud Run in HTTP mode that scales to zero."""

from __future__ import annotations

from typing import Any

import pytest

from tests.deploy import dockerfile
from tests.deploy.conftest import DEPLOY, HEALTH_PATH, METRICS_PORT_VARIABLE, PORT, READY_PATH, REQUIRED_ENV, load_yaml

SERVICE = load_yaml(DEPLOY / "cloud-run" / "service.yaml")


@pytest.fixture
def container() -> dict[str, Any]:
    [only] = SERVICE["spec"]["template"]["spec"]["containers"]
    return dict(only)


def test_is_a_knative_service() -> None:
    """The file is a serving.knative.dev/v1 Service, the form `gcloud run services replace` takes."""
    assert (SERVICE["apiVersion"], SERVICE["kind"]) == ("serving.knative.dev/v1", "Service")
    assert SERVICE["metadata"]["name"] == "platform-bot"


def test_one_container() -> None:
    """caveat cloud-run-one-container: the service runs the bot alone, no sidecar."""
    assert len(SERVICE["spec"]["template"]["spec"]["containers"]) == 1


def test_scales_to_zero() -> None:
    """minScale is 0 (idle costs nothing) and maxScale bounds the spend."""
    annotations = SERVICE["spec"]["template"]["metadata"]["annotations"]
    assert annotations["autoscaling.knative.dev/minScale"] == "0"
    assert int(annotations["autoscaling.knative.dev/maxScale"]) >= 1


def test_cpu_stays_on_for_work_after_the_acknowledgement() -> None:
    """Mentions and clicks are answered after the HTTP response; CPU is not throttled between requests."""
    assert SERVICE["spec"]["template"]["metadata"]["annotations"]["run.googleapis.com/cpu-throttling"] == "false"


def test_runs_http_mode_on_the_image_port(container: dict[str, Any], image: dockerfile.Stage) -> None:
    """HTTP mode on containerPort 3000, the image's PORT; Cloud Run sets PORT itself, so env does not."""
    assert container["command"] == image.last("CMD").exec_form() == ["platform-bot", "serve"]
    [port] = container["ports"]
    assert port["containerPort"] == PORT == int(image.env()["PORT"])
    assert "PORT" not in {e["name"] for e in container["env"]}


def test_secrets_come_from_secret_manager(container: dict[str, Any]) -> None:
    """Every variable HTTP mode needs is a Secret Manager reference (valueFrom.secretKeyRef: secret name and version),
    never an inline value."""
    env = {e["name"]: e for e in container["env"]}
    assert REQUIRED_ENV["serve"] <= set(env)
    for name in REQUIRED_ENV["serve"]:
        ref = env[name]["valueFrom"]["secretKeyRef"]
        assert "value" not in env[name] and ref["name"] and ref["key"]


def test_probes_hit_the_health_endpoints(container: dict[str, Any]) -> None:
    """Startup waits for /readyz (knowledge loaded), liveness asks /healthz, both on the container port."""
    assert container["startupProbe"]["httpGet"] == {"path": READY_PATH, "port": PORT}
    assert container["livenessProbe"]["httpGet"] == {"path": HEALTH_PATH, "port": PORT}


def test_metrics_stay_off_the_public_url(container: dict[str, Any]) -> None:
    """Cloud Run routes the public URL to containerPort only; METRICS_PORT moves /metrics to another port, off the internet."""
    env = {e["name"]: e.get("value") for e in container["env"]}
    [port] = container["ports"]
    assert env[METRICS_PORT_VARIABLE] and int(env[METRICS_PORT_VARIABLE]) != port["containerPort"]
