"""The image's command works when installed the way the Dockerfile installs it, without writing anywhere.

There is no Docker engine here, so the test repeats the build stage by hand: a build context of
exactly the paths the build stage COPYs (filtered by .dockerignore), a wheel built from it, and a
virtual environment without pip that the wheel is installed into. The dependencies come from the
test's own environment through a .pth file instead of the network. Then the image's commands run
from a directory outside the repository, with the image's environment, and the installed tree and
the working directory must be byte-for-byte unchanged afterwards: what a read-only root
filesystem demands.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.deploy import dockerfile
from tests.deploy.conftest import EVENTS_PATH, HEALTH_PATH, METRICS_PATH, READY_PATH, probed_paths
from tests.deploy.dockerfile import Stage

DOCKERIGNORE = (ROOT / ".dockerignore").read_text(encoding="utf-8")
FAKE_BOT_TOKEN = "xoxb-0000-test-not-a-real-token"
# Variables from the developer's shell that would change what the commands do.
SCRUBBED = (
    "PYTHONPATH",
    "PYTHONHOME",
    "VIRTUAL_ENV",
    "PLATFORM_BOT_KNOWLEDGE",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
)


@dataclass(frozen=True)
class Installed:
    venv: Path
    cwd: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=self.cwd, env=self.env, capture_output=True, text=True, timeout=timeout)


def build_context(build: Stage, target: Path) -> None:
    """The paths the build stage COPYs from the context, minus what .dockerignore keeps out."""
    for copy in build.all("COPY"):
        if "from" in copy.flags:
            continue
        *sources, destination = copy.words()
        for source in sources:
            assert destination in ("./", f"./{source}"), f"line {copy.line}: this test assumes COPY keeps relative paths"
            origin = ROOT / source
            if origin.is_dir():
                shutil.copytree(origin, target / source, ignore=lambda d, names: [n for n in names if _ignored(Path(d) / n)])
            else:
                shutil.copy2(origin, target / source)


def _ignored(path: Path) -> bool:
    return dockerfile.ignored(path.relative_to(ROOT).as_posix(), DOCKERIGNORE)


def snapshot(*roots: Path) -> dict[str, tuple[int, int]]:
    """Every file and directory under ``roots`` with its size and modification time."""
    seen = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            st = path.lstat()
            seen[str(path)] = (st.st_size, st.st_mtime_ns)
    return seen


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, stages: list[Stage], image: Stage) -> Installed:
    work = tmp_path_factory.mktemp("image")
    [build] = [s for s in stages if s.name == "build"]
    context, wheels, venv = work / "context", work / "wheels", work / "venv"
    context.mkdir()
    build_context(build, context)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    step = subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(context)], capture_output=True, text=True, timeout=120
    )
    assert step.returncode == 0, step.stderr[-3000:]
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    deps = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site / "test-dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")
    [wheel] = wheels.glob("platform_bot-*.whl")
    # --ignore-installed: the editable install visible through the .pth must not count as this one.
    step = subprocess.run(
        [*pip, "--python", str(venv / "bin" / "python"), "install", "--no-index", "--no-deps", "--ignore-installed", str(wheel)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert step.returncode == 0, step.stderr[-3000:]
    cwd, home = work / "elsewhere", work / "tmp"
    cwd.mkdir()
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update({k: v for k, v in image.env().items() if k != "PATH"})
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}", HOME=str(home), TMPDIR=str(home))
    return Installed(venv=venv, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def unchanged(installed: Installed) -> Iterator[None]:
    """Asserts, after the module's tests, that nothing under the venv or the working directory changed."""
    before = snapshot(installed.venv, installed.cwd)
    yield
    after = snapshot(installed.venv, installed.cwd)
    assert after == before, sorted(set(after.items()) ^ set(before.items()))[:10]


class FakeSlack(BaseHTTPRequestHandler):
    """Answers every Web API method ok, auth.test with a bot identity."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = {"ok": True}
        if self.path.rstrip("/").endswith("auth.test"):
            body |= {"user": "platform-bot", "user_id": "U0TEST", "team_id": "T0TEST", "bot_id": "B0TEST"}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def fake_slack() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSlack)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.usefixtures("unchanged")
def test_help_runs_from_the_installed_console_script(installed: Installed) -> None:
    """`platform-bot --help` works from the wheel's console script, and lists both serving modes."""
    result = installed.run("platform-bot", "--help")
    assert result.returncode == 0, result.stderr
    assert "serve" in result.stdout and "socket" in result.stdout
    assert shutil.which("platform-bot", path=installed.env["PATH"]) == str(installed.venv / "bin" / "platform-bot")


@pytest.mark.usefixtures("unchanged")
def test_packaged_knowledge_validates(installed: Installed) -> None:
    """`platform-bot kb validate` finds the knowledge base inside the installed package and accepts it."""
    result = installed.run("platform-bot", "kb", "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ") and str(installed.venv) in result.stdout


@pytest.mark.usefixtures("unchanged")
def test_serve_without_tokens_stops_naming_them(installed: Installed) -> None:
    """The default command imports its Slack layer from the wheel and, with no tokens set, exits 2 naming SLACK_BOT_TOKEN."""
    result = installed.run("platform-bot", "serve", timeout=60)
    assert result.returncode == 2, result.stderr
    assert "SLACK_BOT_TOKEN" in result.stderr


@dataclass
class Server:
    proc: subprocess.Popen[str]
    port: int
    env: dict[str, str]

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code


@pytest.fixture
def server(installed: Installed, image: Stage, fake_slack: str) -> Iterator[Server]:
    """The image's CMD, run from the wheel against a fake Slack, once /healthz answers."""
    port = free_port()
    env = installed.env | {
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "SLACK_BOT_TOKEN": FAKE_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "test-signing-secret",
        "SLACK_API_URL": fake_slack,
    }
    command = image.last("CMD").exec_form()
    assert command is not None
    proc = subprocess.Popen(command, cwd=installed.cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(f"http://127.0.0.1:{port}{HEALTH_PATH}", proc)
        yield Server(proc, port, env)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


@pytest.mark.usefixtures("unchanged")
def test_default_command_passes_the_healthcheck_and_stops_on_sigterm(installed: Installed, image: Stage, server: Server) -> None:
    """The image's CMD starts from the wheel, the image's own HEALTHCHECK command passes against it,
    and SIGTERM ends it with exit code 0."""
    probe = json.loads(image.last("HEALTHCHECK").arguments.removeprefix("CMD").strip())
    result = subprocess.run(probe, cwd=installed.cwd, env=server.env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    server.proc.send_signal(signal.SIGTERM)
    _, err = server.proc.communicate(timeout=30)
    assert server.proc.returncode == 0, err[-3000:]


@pytest.mark.usefixtures("unchanged")
def test_every_path_a_manifest_probes_or_scrapes_is_served(server: Server) -> None:
    """Each path the manifests probe, health-check or scrape (Kubernetes, the ALB, Cloud Run, ACI, Prometheus)
    answers 200 on the running server, and Slack's POST route exists."""
    paths = probed_paths()
    assert {HEALTH_PATH, READY_PATH, METRICS_PATH} <= paths
    assert {path: server.status(path) for path in sorted(paths)} == dict.fromkeys(sorted(paths), 200)
    assert server.status(EVENTS_PATH) != 404


def _wait_for(url: str, proc: subprocess.Popen[str], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the server exited with {proc.returncode} before serving: {err[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{url} did not answer within {timeout} s")
