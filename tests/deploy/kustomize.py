"""Just enough of kustomize to render this repository's kustomizations in a test, without the binary.

It understands the fields our kustomizations use (``resources``, ``patches`` with ``path``,
``namespace``, ``labels``, ``images``) and refuses any other, so a kustomization that grows a
feature this loader does not know fails loudly instead of rendering something kustomize would not.
Patches are strategic merges the way kustomize does them for our shapes: mappings merge, lists
of named mappings (containers, env, ports, volumes) merge by name, any other list is replaced.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

Resource = dict[str, Any]

KNOWN_FIELDS = frozenset({"apiVersion", "kind", "resources", "patches", "namespace", "labels", "images"})
CLUSTER_SCOPED = frozenset(
    {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume", "StorageClass"}
)
WORKLOADS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"})


class KustomizeError(Exception):
    """The kustomization cannot be rendered; the message names the file and what is wrong."""


def load_documents(path: Path) -> list[Resource]:
    """Every non-empty YAML document in ``path``."""
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def render(directory: Path) -> list[Resource]:
    """The resources ``kubectl apply -k directory`` would send, in file order."""
    kfile = directory / "kustomization.yaml"
    spec = yaml.safe_load(kfile.read_text(encoding="utf-8")) or {}
    unknown = set(spec) - KNOWN_FIELDS
    if unknown:
        raise KustomizeError(f"{kfile}: this test loader does not implement {sorted(unknown)}; extend tests/deploy/kustomize.py")
    resources: list[Resource] = []
    for entry in spec.get("resources", []):
        target = directory / entry
        if target.is_dir():
            resources.extend(render(target))
        elif target.is_file():
            resources.extend(load_documents(target))
        else:
            raise KustomizeError(f"{kfile}: resource {entry!r} does not exist")
    for patch in spec.get("patches", []):
        if set(patch) != {"path"}:
            raise KustomizeError(f"{kfile}: only patches given by path are implemented, not {patch}")
        for doc in load_documents(directory / patch["path"]):
            _apply_patch(resources, doc, where=f"{kfile}: patch {patch['path']}")
    if "namespace" in spec:
        for r in resources:
            if r["kind"] not in CLUSTER_SCOPED:
                r.setdefault("metadata", {})["namespace"] = spec["namespace"]
    for group in spec.get("labels", []):
        _add_labels(resources, group)
    for image in spec.get("images", []):
        _set_image(resources, image)
    return resources


def find(resources: list[Resource], kind: str, name: str | None = None) -> Resource:
    """The one resource of ``kind`` (and ``name``, when given)."""
    matches = [r for r in resources if r["kind"] == kind and (name is None or r["metadata"]["name"] == name)]
    if len(matches) != 1:
        raise LookupError(f"expected one {kind} {name or ''}, found {len(matches)}")
    return matches[0]


def containers(workload: Resource) -> Iterator[Resource]:
    pod = workload["spec"]["template"]["spec"]
    yield from pod.get("initContainers", [])
    yield from pod["containers"]


def strategic_merge(base: Any, patch: Any) -> Any:
    """``patch`` merged into a copy of ``base``."""
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            merged[key] = strategic_merge(base[key], value) if key in base else copy.deepcopy(value)
        return merged
    if isinstance(base, list) and isinstance(patch, list) and _named(base) and _named(patch):
        patches = {item["name"]: item for item in patch}
        existing = {item["name"] for item in base}
        merged_list = [strategic_merge(item, patches[item["name"]]) if item["name"] in patches else item for item in base]
        return merged_list + [copy.deepcopy(item) for item in patch if item["name"] not in existing]
    return copy.deepcopy(patch)


def split_image(ref: str) -> tuple[str, str]:
    """``registry:5000/app:1.2`` -> (``registry:5000/app``, ``1.2``); the tag is empty when there is none."""
    name, sep, tag = ref.rpartition(":")
    if not sep or "/" in tag:
        return ref, ""
    return name, tag


def _named(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and "name" in item for item in items)


def _apply_patch(resources: list[Resource], patch: Resource, *, where: str) -> None:
    kind, name = patch.get("kind"), patch.get("metadata", {}).get("name")
    targets = [i for i, r in enumerate(resources) if r["kind"] == kind and r["metadata"]["name"] == name]
    if len(targets) != 1:
        raise KustomizeError(f"{where}: targets {kind}/{name}, which matches {len(targets)} resources instead of one")
    resources[targets[0]] = strategic_merge(resources[targets[0]], patch)


def _add_labels(resources: list[Resource], group: dict[str, Any]) -> None:
    pairs = group["pairs"]
    for r in resources:
        r.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
        spec = r.get("spec", {})
        if r["kind"] in WORKLOADS and (group.get("includeTemplates") or group.get("includeSelectors")):
            spec["template"].setdefault("metadata", {}).setdefault("labels", {}).update(pairs)
        if group.get("includeSelectors"):
            if r["kind"] == "Service":
                spec.setdefault("selector", {}).update(pairs)
            elif "selector" in spec:
                spec["selector"].setdefault("matchLabels", {}).update(pairs)


def _set_image(resources: list[Resource], image: dict[str, str]) -> None:
    for r in resources:
        if r["kind"] not in WORKLOADS:
            continue
        for c in containers(r):
            name, tag = split_image(c["image"])
            if name == image["name"]:
                c["image"] = f"{image.get('newName', name)}:{image.get('newTag', tag)}"
