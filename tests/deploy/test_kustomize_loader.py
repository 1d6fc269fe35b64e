"""The test-only kustomize loader renders what kustomize would for the features it claims, and refuses the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.deploy import kustomize

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "app"},
    "spec": {
        "selector": {"matchLabels": {"app": "x"}},
        "template": {
            "metadata": {"labels": {"app": "x"}},
            "spec": {"containers": [{"name": "a", "image": "app:1", "env": [{"name": "A", "value": "1"}]}, {"name": "b", "image": "b:2"}]},
        },
    },
}


def write(directory: Path, files: dict[str, object]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / name).parent.mkdir(parents=True, exist_ok=True)
        (directory / name).write_text(yaml.safe_dump(content), encoding="utf-8")
    return directory


def test_overlay_patches_merge_named_lists_by_name(tmp_path: Path) -> None:
    """A patch of one container's field changes that field and keeps the container's other fields and the other containers."""
    write(tmp_path / "base", {"kustomization.yaml": {"resources": ["d.yaml"]}, "d.yaml": DEPLOYMENT})
    patch = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "app"},
             "spec": {"template": {"spec": {"containers": [{"name": "a", "env": [{"name": "B", "value": "2"}]}]}}}}  # fmt: skip
    write(tmp_path / "overlay", {"kustomization.yaml": {"resources": ["../base"], "patches": [{"path": "p.yaml"}]}, "p.yaml": patch})
    [d] = kustomize.render(tmp_path / "overlay")
    a, b = d["spec"]["template"]["spec"]["containers"]
    assert (a["name"], a["image"], b["name"]) == ("a", "app:1", "b")
    assert a["env"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]


def test_labels_reach_selectors_only_when_asked(tmp_path: Path) -> None:
    """labels go to metadata and pod templates; selectors get them only with includeSelectors."""
    group = {"pairs": {"team": "p"}, "includeTemplates": True}
    write(tmp_path, {"kustomization.yaml": {"resources": ["d.yaml"], "labels": [group], "namespace": "ns"}, "d.yaml": DEPLOYMENT})
    [d] = kustomize.render(tmp_path)
    assert d["metadata"] == {"name": "app", "labels": {"team": "p"}, "namespace": "ns"}
    assert d["spec"]["template"]["metadata"]["labels"] == {"app": "x", "team": "p"}
    assert d["spec"]["selector"]["matchLabels"] == {"app": "x"}


def test_images_replace_name_and_tag(tmp_path: Path) -> None:
    """An images entry rewrites the matching container image and leaves the others."""
    image = {"name": "app", "newName": "registry.example.com:5000/team/app", "newTag": "2.0.0"}
    write(tmp_path, {"kustomization.yaml": {"resources": ["d.yaml"], "images": [image]}, "d.yaml": DEPLOYMENT})
    [d] = kustomize.render(tmp_path)
    assert [c["image"] for c in d["spec"]["template"]["spec"]["containers"]] == ["registry.example.com:5000/team/app:2.0.0", "b:2"]
    assert kustomize.split_image("registry.example.com:5000/team/app") == ("registry.example.com:5000/team/app", "")


@pytest.mark.parametrize(
    ("kustomization", "message"),
    [
        ({"resources": ["d.yaml"], "configMapGenerator": []}, "does not implement"),
        ({"resources": ["missing.yaml"]}, "does not exist"),
        ({"resources": ["d.yaml"], "patches": [{"path": "d.yaml", "target": {"kind": "Deployment"}}]}, "only patches given by path"),
    ],
)
def test_refuses_what_it_cannot_render(tmp_path: Path, kustomization: dict[str, object], message: str) -> None:
    """A field the loader does not implement, a missing resource or a targeted patch fails loudly, naming the file."""
    write(tmp_path, {"kustomization.yaml": kustomization, "d.yaml": DEPLOYMENT})
    with pytest.raises(kustomize.KustomizeError, match=message):
        kustomize.render(tmp_path)


def test_a_patch_must_hit_exactly_one_object(tmp_path: Path) -> None:
    """A patch whose kind and name match no resource is an error, not a no-op."""
    patch = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "other"}}
    write(
        tmp_path, {"kustomization.yaml": {"resources": ["d.yaml"], "patches": [{"path": "p.yaml"}]}, "d.yaml": DEPLOYMENT, "p.yaml": patch}
    )
    with pytest.raises(kustomize.KustomizeError, match="matches 0 resources"):
        kustomize.render(tmp_path)
