"""deploy/fargate respects what the bot itself teaches about EKS on Fargate (knowledge/caveats.yaml)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import KNOWLEDGE
from tests.deploy import kustomize
from tests.deploy.conftest import EVENTS_PATH, FARGATE, READY_PATH, load_yaml
from tests.deploy.kustomize import Resource, find

CLUSTER = load_yaml(FARGATE / "cluster.yaml")


def profiles_selecting(namespace: str, labels: dict[str, str]) -> list[str]:
    """The Fargate profiles that would schedule a pod with this namespace and these labels."""
    return [
        profile["name"]
        for profile in CLUSTER["fargateProfiles"]
        for selector in profile["selectors"]
        if selector["namespace"] == namespace and all(labels.get(k) == v for k, v in selector.get("labels", {}).items())
    ]


def ingress_backends(ingress: Resource) -> list[dict[str, Any]]:
    return [path for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]


def test_the_caveats_these_manifests_follow_are_still_taught() -> None:
    """The caveats named in this module exist in the knowledge base, so the manifests follow real advice."""
    ids = {c["id"] for c in load_yaml(KNOWLEDGE / "caveats.yaml")["caveats"]}
    assert {"fargate-profile-matching", "fargate-public-access-alb", "fargate-no-daemonsets"} <= ids


def test_cluster_config_is_an_eksctl_cluster_config() -> None:
    """cluster.yaml is an eksctl ClusterConfig with a name, a region and Fargate profiles."""
    assert (CLUSTER["apiVersion"], CLUSTER["kind"]) == ("eksctl.io/v1alpha5", "ClusterConfig")
    assert CLUSTER["metadata"]["name"] and CLUSTER["metadata"]["region"]
    assert all(p["name"] and p["selectors"] and all("namespace" in s for s in p["selectors"]) for p in CLUSTER["fargateProfiles"])


def test_every_pod_matches_a_fargate_profile(fargate: list[Resource]) -> None:
    """caveat fargate-profile-matching: each workload's pods carry the namespace and labels of a Fargate profile,
    so none sits in Pending."""
    workloads = [r for r in fargate if r["kind"] in kustomize.WORKLOADS]
    assert workloads
    for w in workloads:
        namespace, labels = w["metadata"]["namespace"], w["spec"]["template"]["metadata"]["labels"]
        assert profiles_selecting(namespace, labels), f"{w['kind']}/{w['metadata']['name']} matches no Fargate profile"


def test_the_bot_profile_selects_by_namespace_and_labels(fargate: list[Resource]) -> None:
    """The bot's profile names the Deployment's namespace and only labels the Deployment's own selector guarantees."""
    d = find(fargate, "Deployment", "platform-bot")
    [profile] = [p for p in CLUSTER["fargateProfiles"] if p["name"] == "platform-bot"]
    [selector] = profile["selectors"]
    assert selector["namespace"] == d["metadata"]["namespace"] == find(fargate, "Namespace")["metadata"]["name"]
    assert selector["labels"] and selector["labels"].items() <= d["spec"]["selector"]["matchLabels"].items()


def test_a_pod_outside_the_profile_would_not_match() -> None:
    """The matching check is not vacuous: another namespace, or missing labels, match no profile but kube-system's."""
    assert profiles_selecting("default", {"app.kubernetes.io/name": "platform-bot"}) == []
    assert profiles_selecting("platform-bot", {"app.kubernetes.io/name": "something-else"}) == []


def test_cluster_add_ons_have_somewhere_to_run() -> None:
    """With no nodes, kube-system (CoreDNS, metrics-server for the HPA, the load balancer controller) needs a profile,
    and the controller gets an IAM role through OIDC."""
    assert profiles_selecting("kube-system", {"k8s-app": "kube-dns"})
    assert CLUSTER["iam"]["withOIDC"] is True
    [sa] = [s for s in CLUSTER["iam"]["serviceAccounts"] if s["metadata"]["name"] == "aws-load-balancer-controller"]
    assert sa["metadata"]["namespace"] == "kube-system" and sa["wellKnownPolicies"]["awsLoadBalancerController"] is True
    assert "nodeGroups" not in CLUSTER and "managedNodeGroups" not in CLUSTER


def test_no_daemonset_anywhere_under_deploy_fargate(fargate: list[Resource]) -> None:
    """caveat fargate-no-daemonsets: no file under deploy/fargate, nor anything the overlay renders, is a DaemonSet."""
    kinds = {r["kind"] for r in fargate}
    for path in FARGATE.rglob("*.y*ml"):
        kinds |= {doc.get("kind") for doc in kustomize.load_documents(path)}
    assert "DaemonSet" not in kinds


def test_public_endpoint_is_an_alb_in_front_of_a_cluster_ip_service(fargate: list[Resource]) -> None:
    """caveat fargate-public-access-alb: an internet-facing ALB with IP targets reaches the pods through a
    ClusterIP Service; the Ingress names that Service and one of its ports."""
    ingress, service = find(fargate, "Ingress"), find(fargate, "Service")
    annotations = ingress["metadata"]["annotations"]
    assert ingress["spec"]["ingressClassName"] == "alb"
    assert annotations["alb.ingress.kubernetes.io/scheme"] == "internet-facing"
    assert annotations["alb.ingress.kubernetes.io/target-type"] == "ip"
    assert service["spec"]["type"] == "ClusterIP"
    ports = {p["name"] for p in service["spec"]["ports"]} | {p["port"] for p in service["spec"]["ports"]}
    for backend in ingress_backends(ingress):
        target = backend["backend"]["service"]
        assert target["name"] == service["metadata"]["name"]
        assert target["port"].get("name", target["port"].get("number")) in ports
    assert ingress["metadata"]["namespace"] == service["metadata"]["namespace"]


def test_only_slack_requests_are_public_and_over_https(fargate: list[Resource]) -> None:
    """The ALB listens on HTTPS only (Slack posts only to https:// URLs), routes only /slack/events, and checks
    target health on /readyz."""
    ingress = find(fargate, "Ingress")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["alb.ingress.kubernetes.io/listen-ports"] == '[{"HTTPS": 443}]'
    assert [p["path"] for p in ingress_backends(ingress)] == [EVENTS_PATH]
    assert annotations["alb.ingress.kubernetes.io/healthcheck-path"] == READY_PATH


def test_pods_wait_for_the_alb_before_stopping(fargate: list[Resource]) -> None:
    """On Fargate the pods wait longer before SIGTERM than the ALB's deregistration delay allows for, a readiness gate
    holds rollouts until the ALB sees new pods healthy, and the patch keeps the rest of the container intact."""
    d = find(fargate, "Deployment", "platform-bot")
    [c] = d["spec"]["template"]["spec"]["containers"]
    pre_stop = int(c["lifecycle"]["preStop"]["exec"]["command"][1])
    assert pre_stop >= 10 and d["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] >= pre_stop + 20
    assert find(fargate, "Namespace")["metadata"]["labels"]["elbv2.k8s.aws/pod-readiness-gate-inject"] == "enabled"
    assert c["image"] and c["readinessProbe"] and len(c["env"]) >= 3


@pytest.mark.parametrize("kind", ["HorizontalPodAutoscaler", "PodDisruptionBudget", "Service", "Deployment"])
def test_overlay_keeps_the_base_objects(fargate: list[Resource], base: list[Resource], kind: str) -> None:
    """The overlay reuses deploy/kubernetes: each base object is there, in the same namespace."""
    assert find(fargate, kind)["metadata"]["namespace"] == find(base, kind)["metadata"]["namespace"]
