"""The question parser under fuzzing, for a fixed budget inside the normal test run.

With atheris installed (the ``test`` extra on Linux x86_64), a coverage-guided run of
``parser_target.py`` in a subprocess: at most :data:`RUNS` inputs or :data:`SECONDS` seconds, from
a fixed seed and a seed corpus of real and hostile questions. Without it, hypothesis feeds the same
target random bytes. A longer run: see ``parser_target.py``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.parser_target import check

TARGET = Path(__file__).with_name("parser_target.py")
ROOT = TARGET.parents[2]
RUNS = 40_000
SECONDS = 8
SEEDS = [
    "does ACI support GPUs?", "compare Fargate and Cloud Run on persistence", "which platforms can scale to zero?",
    "why is my pod stuck Pending on EKS Fargate?", "I need Windows containers and a public IP, which platform fits?",
    "tell me about Cloud Run", "and ACI?", "which don't support gpus", "farget vs clodu run", "help",
    "<@U1|<!channel>> <!subteam^S1> <#C1> <https://x|y> fargate gpu", "fargate " * 200, "*_~`>&lt;&amp;",
    "how many concurrent requests per instance on cloud run",
]  # fmt: skip
HAS_ATHERIS = importlib.util.find_spec("atheris") is not None


@pytest.mark.skipif(not HAS_ATHERIS, reason="atheris is not installed here; the hypothesis test below covers the target")
def test_atheris_finds_no_crash_in_the_question_parser(tmp_path: Path) -> None:
    """A bounded, seeded libFuzzer run over the parser and engine ends with no failing input."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, seed in enumerate(SEEDS):
        (corpus / f"seed{n}").write_bytes(b"\x00" + seed.encode())
    run = subprocess.run(
        [sys.executable, str(TARGET), f"-runs={RUNS}", f"-max_total_time={SECONDS}", "-seed=1", "-timeout=5", "-rss_limit_mb=1024",
         f"-artifact_prefix={tmp_path}/", str(corpus)],
        cwd=ROOT, capture_output=True, text=True, timeout=SECONDS + 60, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-4000:]
    assert "Done" in run.stderr, run.stderr[-2000:]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=2000), st.sampled_from(SEEDS).map(lambda s: b"\x01" + s.encode())))
def test_random_bytes_never_break_the_question_parser(data: bytes) -> None:
    """The same target fed random bytes by hypothesis: no exception, every invariant of the reading holds."""
    check(data)


@pytest.mark.parametrize(
    "data",
    [
        # inputs the fuzzer found: a follow-up read for caveats that had all ended by the answer's date, answered as
        # the fact they were about
        b"~\xfa\n\xff\xff\xff\x85s3fa%tf\xff\xff\x85s3fact\xa1A\x01",
        # a clause of no words after a row's ("..., ?") looked for its first word
        b"\x01\x00\x00\x00\x00whi\x03ch p+ylatforms can s:ailling of a group's vcpu and memqry, ?",
    ],
)
def test_inputs_the_fuzzer_found_hold_the_invariants(data: bytes) -> None:
    check(data)
