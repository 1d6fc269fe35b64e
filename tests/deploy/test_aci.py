"""deploy/aci/container-group.yaml: an Azure Container Instances group with a public IP, secure tokens and probes."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.deploy import dockerfile
from tests.deploy.conftest import DEPLOY, HEALTH_PATH, METRICS_PORT_VARIABLE, PORT, READY_PATH, REQUIRED_ENV, load_yaml

GROUP = load_yaml(DEPLOY / "aci" / "container-group.yaml")


@pytest.fixture
def container() -> dict[str, Any]:
    [only] = GROUP["properties"]["containers"]
    return dict(only["properties"])


def test_is_a_container_group_of_a_current_api_version() -> None:
    """The file is a containerGroups resource for API 2021-10-01 or later, running Linux and restarting always."""
    assert GROUP["type"] == "Microsoft.ContainerInstance/containerGroups"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(-preview)?", GROUP["apiVersion"]) and GROUP["apiVersion"] >= "2021-10-01"
    assert GROUP["properties"]["osType"] == "Linux" and GROUP["properties"]["restartPolicy"] == "Always"
    assert GROUP["name"] and GROUP["location"]


def test_public_ip_with_a_dns_label_on_the_serving_port(container: dict[str, Any], image: dockerfile.Stage) -> None:
    """The group has a public IP and DNS label; the port it opens is the container's port, $PORT, and the image's."""
    ip = GROUP["properties"]["ipAddress"]
    assert ip["type"] == "Public" and re.fullmatch(r"[a-z][a-z0-9-]{1,61}[a-z0-9]", ip["dnsNameLabel"])
    assert [(p["protocol"], p["port"]) for p in ip["ports"]] == [("TCP", PORT)]
    assert [(p["protocol"], p["port"]) for p in container["ports"]] == [("TCP", PORT)]
    env = {e["name"]: e for e in container["environmentVariables"]}
    assert int(env["PORT"]["value"]) == PORT == int(image.env()["PORT"])


def test_tokens_are_secure_values_filled_at_deploy_time(container: dict[str, Any]) -> None:
    """Every variable the command needs is a secureValue holding only a ${VAR} placeholder of its own name,
    filled by envsubst at deploy time; nothing sensitive is a plain value."""
    mode = container["command"][-1]
    env = {e["name"]: e for e in container["environmentVariables"]}
    assert REQUIRED_ENV[mode] <= set(env)
    for name, entry in env.items():
        if re.search(r"TOKEN|SECRET", name):
            assert set(entry) == {"name", "secureValue"} and entry["secureValue"] == "${" + name + "}"


def test_runs_a_mode_the_image_provides(container: dict[str, Any], image: dockerfile.Stage) -> None:
    """The command is the image's program in one of its modes (Socket Mode here: ACI's public IP has no TLS)."""
    assert container["command"][0] == image.last("CMD").exec_form()[0] == "platform-bot"
    assert container["command"][1:] in (["serve"], ["socket"])


def test_probes_hit_the_health_endpoints(container: dict[str, Any]) -> None:
    """Liveness asks /healthz and readiness /readyz, over HTTP on the container port."""
    assert container["livenessProbe"]["httpGet"] == {"path": HEALTH_PATH, "port": PORT, "scheme": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": READY_PATH, "port": PORT, "scheme": "http"}


def test_resources_are_requested(container: dict[str, Any]) -> None:
    """The container requests CPU and memory (ACI sizes the group from them)."""
    assert container["resources"]["requests"]["cpu"] > 0 and container["resources"]["requests"]["memoryInGB"] > 0


def test_metrics_stay_off_the_public_ip(container: dict[str, Any]) -> None:
    """/metrics is on METRICS_PORT, which neither the public IP nor the container's published ports open."""
    env = {e["name"]: e for e in container["environmentVariables"]}
    metrics_port = int(env[METRICS_PORT_VARIABLE]["value"])
    assert metrics_port != PORT
    assert metrics_port not in {p["port"] for p in GROUP["properties"]["ipAddress"]["ports"]}
    assert metrics_port not in {p["port"] for p in container["ports"]}
