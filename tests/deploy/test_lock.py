"""requirements.lock and the Dockerfile agree: the image installs pinned packages only, and the pins fit pyproject.toml."""

from __future__ import annotations

import importlib.metadata
import re
import shlex
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT
from tests.deploy import dockerfile
from tests.deploy.dockerfile import Stage

LOCK = ROOT / "requirements.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!_-]+)$")
# The image: CPython 3.11 on Linux (python:3.11.x-slim), no extras.
IMAGE = {"python_version": "3.11", "python_full_version": "3.11.14", "sys_platform": "linux", "platform_system": "Linux", "extra": ""}


def pins(text: str) -> dict[str, str]:
    """The lock's pins by canonical name; a line that is not ``name==version`` (or a comment) fails."""
    found: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.match(line)
        assert match, f"requirements.lock line {number} is not pinned with ==: {raw!r}"
        name = canonicalize_name(match["name"])
        assert name not in found, f"requirements.lock pins {name} twice"
        found[name] = match["version"]
    return found


LOCKED = pins(LOCK.read_text(encoding="utf-8"))


def applies(requirement: Requirement) -> bool:
    return requirement.marker is None or requirement.marker.evaluate(IMAGE)


@pytest.mark.parametrize("spec", [*PYPROJECT["project"]["dependencies"], *PYPROJECT["build-system"]["requires"]])
def test_every_declared_dependency_is_locked_at_a_version_it_allows(spec: str) -> None:
    """Each runtime dependency and the build backend in pyproject.toml is pinned, at a version its specifier accepts."""
    requirement = Requirement(spec)
    if not applies(requirement):
        pytest.skip(f"{spec} does not apply in the image")
    name = canonicalize_name(requirement.name)
    assert name in LOCKED, f"{name} (pyproject.toml) is not in requirements.lock"
    assert requirement.specifier.contains(LOCKED[name], prereleases=True), f"{name}=={LOCKED[name]} does not satisfy {spec}"


def test_the_lock_is_closed_under_the_dependencies_of_what_it_pins() -> None:
    """Every dependency of a locked package is locked too, as far as this environment can tell: for each pinned package
    installed here at that very version, its requirements (for CPython 3.11 on Linux) are pinned."""
    checked, missing = 0, []
    for name, version in LOCKED.items():
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if distribution.version != version:
            continue
        checked += 1
        for spec in distribution.requires or []:
            requirement = Requirement(spec)
            if applies(requirement) and canonicalize_name(requirement.name) not in LOCKED:
                missing.append(f"{name} needs {spec}")
    assert checked >= len(LOCKED) // 2, "too few locked versions are installed here to check the lock"
    assert missing == []


def test_nothing_else_is_locked() -> None:
    """The lock holds what the runtime and the build backend need, nothing more: each pin is a declared dependency, the
    build backend, or needed by another pin (as far as installed metadata tells)."""
    needed = {
        canonicalize_name(Requirement(s).name) for s in [*PYPROJECT["project"]["dependencies"], *PYPROJECT["build-system"]["requires"]]
    }
    for name, version in LOCKED.items():
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if distribution.version == version:
            needed |= {canonicalize_name(Requirement(s).name) for s in distribution.requires or [] if applies(Requirement(s))}
    assert set(LOCKED) - needed == set()


def pip_commands(stage: Stage) -> list[list[str]]:
    """Each ``pip ...`` command in the stage's RUN instructions, as words (``&&`` splits commands)."""
    commands = []
    for run in stage.all("RUN"):
        for part in re.split(r"&&|;", run.arguments):
            words = shlex.split(part)
            if words and words[0] == "pip":
                commands.append(words)
    return commands


def test_the_build_installs_from_the_lock_only(stages: list[Stage]) -> None:
    """The build stage copies requirements.lock; every pip command that may reach the index takes the lock with --no-deps,
    and every other one is --no-index (it installs the wheels made from the lock, or the project's own)."""
    [build] = [s for s in stages if s.name == "build"]
    copied = [word for c in build.all("COPY") if "from" not in c.flags for word in c.words()[:-1]]
    assert "requirements.lock" in copied
    commands = pip_commands(build)
    assert commands, "the build stage runs no pip"
    for words in commands:
        if "--no-index" in words:
            continue
        assert "--no-deps" in words and _option(words, "--requirement", "-r") == "requirements.lock", " ".join(words)
    assert any(_option(w, "--requirement", "-r") == "requirements.lock" and "--no-index" not in w for w in commands)


def test_the_build_context_holds_the_lock() -> None:
    """.dockerignore lets requirements.lock into the build context."""
    assert not dockerfile.ignored("requirements.lock", (ROOT / ".dockerignore").read_text(encoding="utf-8"))


def test_lock_checks_catch_an_unpinned_or_repeated_line() -> None:
    """The pin reader is not vacuous: a range, a bare name or a package pinned twice is refused."""
    for text in ("aiohttp>=3.9\n", "aiohttp\n", "aiohttp==3.9.0\nAIOHTTP==3.9.1\n"):
        with pytest.raises(AssertionError):
            pins(text)
    assert pins("# c\n\nslack_sdk==3.48.0  # comment\n") == {"slack-sdk": "3.48.0"}


def _option(words: list[str], *names: str) -> str | None:
    for i, word in enumerate(words):
        for name in names:
            if word == name and i + 1 < len(words):
                return words[i + 1]
            if word.startswith(name + "="):
                return word.split("=", 1)[1]
    return None
