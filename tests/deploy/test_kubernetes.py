"""deploy/kubernetes: valid against the Kubernetes schemas, and every reference between objects holds."""

from __future__ import annotations

import copy
import re
from typing import Any

import kubernetes_validate
import pytest
from kubernetes_validate.utils import all_versions

from tests.deploy import dockerfile, kustomize
from tests.deploy.conftest import (
    FARGATE,
    HEALTH_PATH,
    KUBERNETES,
    METRICS_PATH,
    METRICS_PORT_VARIABLE,
    PORT,
    READY_PATH,
    REQUIRED_ENV,
    load_yaml,
)
from tests.deploy.kustomize import Resource, containers, find

# Every Kubernetes minor version whose schemas kubernetes-validate bundles (offline).
VERSIONS = sorted(set(all_versions()), key=lambda v: tuple(int(p) for p in v.split(".")))
EXAMPLE_SECRET = KUBERNETES / "secret.example.yaml"
KUSTOMIZATIONS = {"kubernetes": KUBERNETES, "fargate": FARGATE}


def deployment(resources: list[Resource]) -> Resource:
    return find(resources, "Deployment", "platform-bot")


def pod_labels(resources: list[Resource]) -> dict[str, str]:
    labels: dict[str, str] = deployment(resources)["spec"]["template"]["metadata"]["labels"]
    return labels


def bot_container(resources: list[Resource]) -> dict[str, Any]:
    [container] = [c for c in containers(deployment(resources)) if c["name"] == "platform-bot"]
    return container


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def named_port(container: dict[str, Any], port: int | str) -> int:
    if isinstance(port, int):
        return port
    [number] = [p["containerPort"] for p in container["ports"] if p.get("name") == port]
    return int(number)


# -- schemas ---------------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", sorted(KUSTOMIZATIONS))
def test_rendered_manifests_validate_against_the_kubernetes_schemas(name: str, version: str) -> None:
    """Every object each kustomization renders is valid for every bundled Kubernetes version, strictly (no unknown fields)."""
    for resource in kustomize.render(KUSTOMIZATIONS[name]):
        kubernetes_validate.validate(resource, version, strict=True)


@pytest.mark.parametrize("version", [VERSIONS[0], VERSIONS[-1]])
def test_example_secret_validates_against_the_kubernetes_schemas(version: str) -> None:
    """The example Secret, which no kustomization applies, is a valid Secret."""
    for resource in kustomize.load_documents(EXAMPLE_SECRET):
        kubernetes_validate.validate(resource, version, strict=True)


def test_schema_validation_rejects_a_misspelt_field(base: list[Resource]) -> None:
    """The validator is not vacuous: a misspelt field in the Deployment fails strict validation."""
    broken = copy.deepcopy(deployment(base))
    broken["spec"]["replica"] = broken["spec"].pop("replicas")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSIONS[-1], strict=True)


def test_every_manifest_file_is_used() -> None:
    """Each YAML file under deploy/kubernetes and deploy/fargate is a kustomization, one of its resources
    or patches, the example Secret, or the eksctl cluster config: nothing lies around unapplied."""
    used = {EXAMPLE_SECRET, FARGATE / "cluster.yaml"}
    for directory in KUSTOMIZATIONS.values():
        spec = load_yaml(directory / "kustomization.yaml")
        used.add(directory / "kustomization.yaml")
        used.update((directory / entry).resolve() for entry in spec.get("resources", []))
        used.update((directory / p["path"]).resolve() for p in spec.get("patches", []))
    files = {p.resolve() for d in KUSTOMIZATIONS.values() for p in d.rglob("*.y*ml")}
    assert files - {p.resolve() for p in used} == set()


# -- the shape of the deployment -------------------------------------------------------------


def test_everything_lives_in_the_bot_namespace(base: list[Resource]) -> None:
    """The kustomization creates the platform-bot namespace and puts every namespaced object in it."""
    assert find(base, "Namespace")["metadata"]["name"] == "platform-bot"
    assert {r["metadata"].get("namespace") for r in base if r["kind"] != "Namespace"} == {"platform-bot"}


def test_namespace_enforces_the_restricted_pod_security_standard(base: list[Resource]) -> None:
    """The namespace enforces the restricted Pod Security Standard, which the pod below meets."""
    assert find(base, "Namespace")["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


def test_two_replicas_and_disruptions_stay_possible(base: list[Resource]) -> None:
    """Two replicas; the HPA never goes below them, and the PDB still lets one pod be evicted at a time."""
    hpa, pdb = find(base, "HorizontalPodAutoscaler"), find(base, "PodDisruptionBudget")
    assert deployment(base)["spec"]["replicas"] == 2
    assert hpa["spec"]["minReplicas"] == 2 <= hpa["spec"]["maxReplicas"]
    assert pdb["spec"]["minAvailable"] < hpa["spec"]["minReplicas"]


def test_selectors_match_the_pod_labels(base: list[Resource]) -> None:
    """The Deployment, Service, PodDisruptionBudget and topology spread select the pods the Deployment makes."""
    labels, d = pod_labels(base), deployment(base)
    assert selects(d["spec"]["selector"]["matchLabels"], labels)
    assert selects(find(base, "Service")["spec"]["selector"], labels)
    assert selects(find(base, "PodDisruptionBudget")["spec"]["selector"]["matchLabels"], labels)
    for constraint in d["spec"]["template"]["spec"]["topologySpreadConstraints"]:
        assert selects(constraint["labelSelector"]["matchLabels"], labels)


def test_hpa_scales_the_deployment(base: list[Resource]) -> None:
    """The HorizontalPodAutoscaler's scaleTargetRef names the Deployment, and the containers request the CPU it measures."""
    d, ref = deployment(base), find(base, "HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]
    assert (ref["apiVersion"], ref["kind"], ref["name"]) == (d["apiVersion"], d["kind"], d["metadata"]["name"])
    assert all("cpu" in c["resources"]["requests"] for c in containers(d))


def test_probes_hit_the_health_endpoints_on_the_serving_port(base: list[Resource]) -> None:
    """Liveness and startup ask /healthz, readiness asks /readyz, all on the container port the server listens on."""
    c = bot_container(base)
    probes = {kind: c[kind]["httpGet"] for kind in ("livenessProbe", "readinessProbe", "startupProbe")}
    assert {kind: p["path"] for kind, p in probes.items()} == {
        "livenessProbe": HEALTH_PATH,
        "readinessProbe": READY_PATH,
        "startupProbe": HEALTH_PATH,
    }
    assert {named_port(c, p["port"]) for p in probes.values()} == {PORT}


def test_ports_agree_from_image_to_service(base: list[Resource], image: dockerfile.Stage) -> None:
    """The container port, $PORT, the Service's targetPort and the image's EXPOSE and ENV PORT are all 3000."""
    c, service = bot_container(base), find(base, "Service")
    env = {e["name"]: e.get("value") for e in c["env"]}
    [target] = {named_port(c, p["targetPort"]) for p in service["spec"]["ports"]}
    assert int(env["PORT"]) == named_port(c, "http") == target == PORT
    assert image.last("EXPOSE").arguments.split() == [str(PORT)]
    assert image.env()["PORT"] == str(PORT)


@pytest.mark.parametrize("name", sorted(KUSTOMIZATIONS))
def test_metrics_are_scraped_on_their_own_port_that_no_service_exposes(name: str) -> None:
    """METRICS_PORT, the container port named metrics and the scrape annotation agree, apart from $PORT; the Service (and
    so an Ingress or load balancer behind it) reaches $PORT only, so /metrics stays inside the cluster."""
    rendered = kustomize.render(KUSTOMIZATIONS[name])
    c, service = bot_container(rendered), find(rendered, "Service")
    env = {e["name"]: e.get("value") for e in c["env"]}
    annotations = deployment(rendered)["spec"]["template"]["metadata"]["annotations"]
    assert int(env[METRICS_PORT_VARIABLE]) == named_port(c, "metrics") == int(annotations["prometheus.io/port"]) != PORT
    assert annotations["prometheus.io/path"] == METRICS_PATH and annotations["prometheus.io/scrape"] == "true"
    assert {named_port(c, p["targetPort"]) for p in service["spec"]["ports"]} == {PORT}


def test_container_runs_what_the_image_runs(base: list[Resource], image: dockerfile.Stage) -> None:
    """The Deployment runs the image's default command, HTTP mode, with the image kustomize sets."""
    c = bot_container(base)
    assert c["command"] == image.last("CMD").exec_form() == ["platform-bot", "serve"]
    assert re.fullmatch(r"[\w.-]+(/[\w.-]+)+:\d+\.\d+\.\d+", c["image"]), c["image"]


def test_pod_runs_locked_down(base: list[Resource], image: dockerfile.Stage) -> None:
    """Non-root as the image's user, read-only root filesystem with an emptyDir at /tmp, no privilege
    escalation, no capabilities, RuntimeDefault seccomp, no service account token."""
    pod = deployment(base)["spec"]["template"]["spec"]
    c = bot_container(base)
    uid, _, gid = image.last("USER").arguments.partition(":")
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert (pod["securityContext"]["runAsUser"], pod["securityContext"]["runAsGroup"]) == (int(uid), int(gid))
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    sc = c["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False
    assert sc["capabilities"]["drop"] == ["ALL"] and "add" not in sc["capabilities"]
    [tmp] = [m for m in c["volumeMounts"] if m["mountPath"] == "/tmp"]
    [volume] = [v for v in pod["volumes"] if v["name"] == tmp["name"]]
    assert "emptyDir" in volume


def test_resources_have_requests_and_limits(base: list[Resource]) -> None:
    """Every container requests and limits CPU and memory."""
    for c in containers(deployment(base)):
        assert set(c["resources"]["requests"]) == set(c["resources"]["limits"]) == {"cpu", "memory"}


def test_grace_period_covers_the_pre_stop_wait_and_the_drain(base: list[Resource]) -> None:
    """SIGKILL comes only after the preStop wait plus at least 20 s for the server's drain."""
    pod = deployment(base)["spec"]["template"]["spec"]
    pre_stop = bot_container(base)["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep"
    assert pod["terminationGracePeriodSeconds"] >= int(pre_stop[1]) + 20


def test_tokens_come_from_the_secret_and_the_example_has_every_key(base: list[Resource]) -> None:
    """Tokens and the signing secret come from a Secret by secretKeyRef, never inline; the example Secret
    holds every key referenced, with placeholder values only."""
    env = {e["name"]: e for e in bot_container(base)["env"]}
    sensitive = {n for n in env if re.search(r"TOKEN|SECRET", n)}
    assert REQUIRED_ENV["serve"] | REQUIRED_ENV["socket"] <= sensitive
    assert all("value" not in env[n] and "secretKeyRef" in env[n]["valueFrom"] for n in sensitive)
    [secret] = kustomize.load_documents(EXAMPLE_SECRET)
    refs = {(env[n]["valueFrom"]["secretKeyRef"]["name"], env[n]["valueFrom"]["secretKeyRef"]["key"]) for n in sensitive}
    assert refs <= {(secret["metadata"]["name"], key) for key in secret["stringData"]}
    assert secret["metadata"]["namespace"] == deployment(base)["metadata"]["namespace"]
    assert not any(r["kind"] == "Secret" for r in base), "kubectl apply -k must never overwrite the real Secret"
    for value in secret["stringData"].values():
        assert value.startswith("REPLACE_ME") and not re.match(r"xox[abp]-|xapp-", value)


def test_only_the_active_mode_requires_its_tokens(base: list[Resource]) -> None:
    """What the command needs is required; SLACK_APP_TOKEN, only for Socket Mode, is optional so HTTP mode starts without it."""
    c = bot_container(base)
    mode = c["command"][-1]
    refs = {e["name"]: e["valueFrom"]["secretKeyRef"] for e in c["env"] if "valueFrom" in e}
    assert all(not refs[name].get("optional", False) for name in REQUIRED_ENV[mode])
    assert all(refs[name].get("optional") is True for name in set(refs) - REQUIRED_ENV[mode])


def test_example_secret_is_not_applied_by_the_fargate_overlay(fargate: list[Resource]) -> None:
    """The Fargate overlay does not apply a Secret either."""
    assert not any(r["kind"] == "Secret" for r in fargate)
