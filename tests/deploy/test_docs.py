"""The README's deployment section covers every target, and its commands name what the manifests actually use."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.deploy import kustomize
from tests.deploy.conftest import DEPLOY, FARGATE, REQUIRED_ENV, load_yaml

_README = (ROOT / "README.md").read_text(encoding="utf-8")
DOC = _README[_README.index("\n## Deploying\n") : _README.index("\n## How it is built\n")]


@pytest.mark.parametrize("heading", ["Plain Docker", "Kubernetes", "EKS on Fargate", "Google Cloud Run", "Azure Container Instances"])
def test_every_target_has_a_section(heading: str) -> None:
    """Each deployment target has its own section."""
    assert re.search(rf"^### {re.escape(heading)}$", DOC, re.MULTILINE)


def test_every_path_the_doc_names_exists() -> None:
    """Every repository path the doc mentions (deploy/..., Dockerfile, pyproject.toml) exists."""
    paths = set(re.findall(r"\b(deploy/[\w./-]+\w|Dockerfile|pyproject\.toml)", DOC))
    assert paths
    assert [p for p in paths if not (ROOT / p).exists()] == []


def test_kubernetes_secret_command_matches_the_deployment(base: list[kustomize.Resource]) -> None:
    """`kubectl create secret` makes the Secret the Deployment reads, with the keys HTTP mode needs."""
    refs = {
        e["valueFrom"]["secretKeyRef"]["name"]
        for c in kustomize.containers(kustomize.find(base, "Deployment"))
        for e in c["env"]
        if "valueFrom" in e
    }
    commands = re.findall(r"create secret generic ([\w-]+) \\\n\s+(.*)", DOC)
    assert commands
    for name, rest in commands:
        assert {name} == refs
        assert set(re.findall(r"--from-literal=(\w+)=", rest)) == REQUIRED_ENV["serve"]


def test_cloud_run_secrets_created_are_those_referenced() -> None:
    """The Secret Manager secrets the doc creates are exactly those service.yaml references."""
    [container] = load_yaml(DEPLOY / "cloud-run" / "service.yaml")["spec"]["template"]["spec"]["containers"]
    referenced = {e["valueFrom"]["secretKeyRef"]["name"] for e in container["env"] if "valueFrom" in e}
    assert set(re.findall(r"gcloud secrets create ([\w-]+)", DOC)) == referenced


def test_aci_envsubst_fills_every_placeholder() -> None:
    """envsubst is given exactly the variables whose ${...} placeholders the container group holds."""
    text = (DEPLOY / "aci" / "container-group.yaml").read_text(encoding="utf-8")
    placeholders = set(re.findall(r"\$\{(\w+)\}", re.sub(r"(?m)^\s*#.*$", "", text)))
    [listed] = re.findall(r"envsubst '([^']+)' < deploy/aci/container-group.yaml", DOC)
    assert set(re.findall(r"\$\{(\w+)\}", listed)) == placeholders


def test_fargate_commands_name_the_cluster_in_cluster_yaml() -> None:
    """The cluster name and region in the EKS commands are those of cluster.yaml."""
    meta = load_yaml(FARGATE / "cluster.yaml")["metadata"]
    names = {
        n for groups in re.findall(r"clusterName=([\w-]+)|--cluster ([\w-]+)|describe-cluster --name ([\w-]+)", DOC) for n in groups if n
    }
    assert names == {meta["name"]}
    assert f"region={meta['region']}" in DOC


def test_every_setting_the_bot_reads_is_in_the_configuration_table() -> None:
    """Each environment variable the code reads (start-up settings, tokens, the hand-off and help channels) has a row
    in the deployment section's configuration table."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot").rglob("*.py"))
    names = set(re.findall(r'(?:env|environ)\.get\("([A-Z_]+)"|Variable\(\s*"([A-Z_]+)"|id_list\(env, "([A-Z_]+)"', code))
    read = {n for pair in names for n in pair if n} | {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "PLATFORM_BOT_KNOWLEDGE"}
    assert {"PLATFORM_TEAM", "PLATFORM_TEAM_CHANNEL", "ANSWER_CHANNELS"} <= read
    table = DOC[DOC.index("#### Configuration") : DOC.index("### Probes, metrics, logs and signals")]
    assert [n for n in sorted(read) if f"| `{n}` |" not in table] == []
