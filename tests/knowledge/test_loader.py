"""The loader accepts the real knowledge base and names file, entry and fix for every broken one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge import KnowledgeError, load_knowledge


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(directory)
    return info.value.problems


def test_real_knowledge_base_is_complete(kb) -> None:  # type: ignore[no-untyped-def]
    """The shipped knowledge has the three platforms and their scopes, the 2019 table's sixteen rows and the
    eighteen beyond it, and every platform x feature cell has values or says why it has none."""
    assert list(kb.platforms) == ["fargate", "cloud-run", "aci"]
    assert [s.id for s in kb.platforms["fargate"].scopes] == ["ecs", "eks"]
    assert [s.id for s in kb.platforms["cloud-run"].scopes] == ["managed", "anthos"]
    assert {
        "deployment-unit", "isolation", "windows-containers", "deployment-spec", "multi-container", "persistence",
        "orchestration", "cluster-provisioning", "terraform", "gpu", "public-endpoint", "autoscaling",
        "scale-to-zero", "vnet", "logging", "revisions",
        "resources", "request-timeout", "concurrency", "startup", "jobs", "protocols", "tls", "egress-ip", "identity",
        "secrets", "pricing", "spot", "cpu-architecture", "ephemeral-storage", "health-checks", "shutdown",
        "privileged", "regions",
    } == set(kb.features)  # fmt: skip
    for pid in kb.platforms:
        for fid in kb.features:
            assert kb.timeline(pid, fid) or (pid, fid) in kb.gaps, (pid, fid)
    assert {
        "fargate-profile-matching", "fargate-public-access-alb", "fargate-no-daemonsets", "fargate-vpa",
        "fargate-stateless", "fargate-slow-setup", "fargate-no-builtin-autoscale",
    } <= set(kb.caveats)  # fmt: skip
    assert len(kb.version) == 12 and kb.first_source == "tns-2019"


def test_version_is_a_content_hash(kb_copy: Path, kb) -> None:  # type: ignore[no-untyped-def]
    """The knowledge version changes when the content does, and only then."""
    assert load_knowledge(kb_copy).version == kb.version
    _edit(kb_copy / "platforms.yaml", "- gcloud run", "- gcloud run service")
    assert load_knowledge(kb_copy).version != kb.version


def test_malformed_yaml_names_file_and_line(kb_copy: Path) -> None:
    """A YAML syntax error is reported with the file and the line to fix."""
    _edit(kb_copy / "features.yaml", "  - id: gpu\n", "  - id: gpu\n   bad: [unclosed\n")
    [problem] = _problems(kb_copy)
    assert "features.yaml:" in problem and "malformed YAML" in problem


def test_unknown_field_names_entry_and_field(kb_copy: Path) -> None:
    """A misspelt field is reported with the entry's id and the field's name."""
    _edit(kb_copy / "features.yaml", "    row: GPU Support\n", "    row: GPU Support\n    synonymz: [x]\n")
    [problem] = _problems(kb_copy)
    assert "features.yaml" in problem and "'gpu'" in problem and "synonymz" in problem and "unknown field" in problem


def test_missing_field(kb_copy: Path) -> None:
    """A missing required field names the entry and says to add it."""
    _edit(kb_copy / "caveats.yaml", "    kind: advice\n    title: No DaemonSets; use sidecars\n", "    kind: advice\n")
    [problem] = _problems(kb_copy)
    assert "caveats.yaml" in problem and "'fargate-no-daemonsets'" in problem and "title" in problem and "missing" in problem


def test_unknown_platform_in_caveat(kb_copy: Path) -> None:
    """A caveat pointing at a platform that does not exist is an error naming both."""
    _edit(
        kb_copy / "caveats.yaml",
        "platforms: [fargate]\n    scope: eks\n    features: [multi-container, deployment-spec]",
        "platforms: [lambda]\n    scope: eks\n    features: [multi-container, deployment-spec]",
    )
    [problem] = _problems(kb_copy)
    assert "caveats.yaml" in problem and "fargate-no-daemonsets" in problem and "unknown platform 'lambda'" in problem


def test_duplicate_id_across_files(kb_copy: Path) -> None:
    """The same id defined in two files is reported with both files."""
    (kb_copy / "extra.yaml").write_text(
        "features:\n  - id: gpu\n    name: GPUs again\n    row: GPU\n    kind: capability\n    description: d\n    synonyms: [graphics]\n",
        encoding="utf-8",
    )
    problems = _problems(kb_copy)
    assert any("feature 'gpu' is defined twice" in p and "extra.yaml" in p and "features.yaml" in p for p in problems)


def test_alias_claimed_by_two_platforms(kb_copy: Path) -> None:
    """An alias that would make a word mean two platforms is rejected."""
    _edit(kb_copy / "platforms.yaml", "      - cloudrun\n", "      - cloudrun\n      - azure container instances\n")
    problems = _problems(kb_copy)
    assert any("platforms.yaml" in p and "'aci'" in p and "already an alias of 'cloud-run'" in p for p in problems)


def test_missing_cell(kb_copy: Path) -> None:
    """A platform x feature cell left out of the matrix is named (a knowingly empty cell says so with a gap)."""
    _edit(kb_copy / "matrix.yaml", '      aci: {value: "Azure Monitor Logs", support: null}\n', "")
    [problem] = _problems(kb_copy)
    assert "matrix.yaml" in problem and "platform 'aci' x feature 'logging'" in problem and "gap" in problem


def test_support_contradicting_value(kb_copy: Path) -> None:
    """A support that disagrees with its cell's value is an error that says what it should be."""
    _edit(
        kb_copy / "matrix.yaml",
        'fargate: {value: "No", support: "no", note: "The article notes',
        'fargate: {value: "No", support: "yes", note: "The article notes',
    )
    [problem] = _problems(kb_copy)
    assert "matrix.yaml" in problem and "'gpu'" in problem and "'fargate'" in problem and "should be 'no'" in problem


def test_descriptive_row_with_support(kb_copy: Path) -> None:
    """Descriptive rows (logging, isolation, ...) carry no yes/no support."""
    _edit(kb_copy / "matrix.yaml", 'fargate: {value: "CloudWatch", support: null}', 'fargate: {value: "CloudWatch", support: "yes"}')
    [problem] = _problems(kb_copy)
    assert "'logging'" in problem and "should be None" in problem


def test_unquoted_no_is_explained(kb_copy: Path) -> None:
    """YAML turns an unquoted No into false; the error says to quote it."""
    _edit(
        kb_copy / "matrix.yaml",
        '      fargate: {value: "No", support: "no"}\n      cloud-run: {value: "No", support: "no"}\n      aci: {value: "Yes", support: "yes"}',
        '      fargate: {value: No, support: "no"}\n      cloud-run: {value: "No", support: "no"}\n      aci: {value: "Yes", support: "yes"}',
    )
    [problem] = _problems(kb_copy)
    assert "matrix.yaml" in problem and "'windows-containers'" in problem and "quotes" in problem


def test_unquoted_yes_support_is_accepted(kb_copy: Path) -> None:
    """An unquoted yes/no support means what it says."""
    _edit(kb_copy / "matrix.yaml", '      aci: {value: "Yes", support: "yes"}', '      aci: {value: "Yes", support: yes}')
    assert load_knowledge(kb_copy).timeline("aci", "windows-containers")[0].support == "yes"


def test_unknown_source(kb_copy: Path) -> None:
    """Citing a source that is not defined is an error naming the known ones."""
    _edit(kb_copy / "matrix.yaml", "  - feature: gpu\n    cite: {source: tns-2019", "  - feature: gpu\n    cite: {source: tns-2020")
    [problem] = _problems(kb_copy)
    assert "matrix.yaml" in problem and "unknown source 'tns-2020'" in problem and "tns-2019" in problem


def test_a_refusal_pointing_to_an_unknown_source(kb_copy: Path) -> None:
    """The rows and vendor pages a refusal points to must exist, like any other reference."""
    pointer = "    pointer: Service meshes are outside what I compare.\n"
    see = '    near: [meshes]\n    see:\n      fargate: [{source: mesh-docs, locator: "intro"}]\n      heroku: [{source: tns-2019, locator: "intro"}]\n'
    _edit(kb_copy / "not-covered.yaml", pointer, pointer + see)
    problems = _problems(kb_copy)
    assert len(problems) == 3 and all("not-covered.yaml" in p for p in problems)
    assert any("not_covered 'service mesh' is near unknown feature 'meshes'" in p for p in problems)
    assert any("not_covered 'service mesh' cites unknown source 'mesh-docs'" in p for p in problems)
    assert any("not_covered 'service mesh' points to pages of unknown platform 'heroku'" in p for p in problems)


def test_a_refusal_answered_in_unknown_rows(kb_copy: Path) -> None:
    """The rows whose cells speak to a refusal's subject must exist, for platforms that exist."""
    pointer = "    pointer: Service meshes are outside what I compare.\n"
    _edit(kb_copy / "not-covered.yaml", pointer, pointer + "    answered_in: {fargate: [meshes], heroku: [gpu]}\n")
    problems = _problems(kb_copy)
    assert len(problems) == 2 and all("not-covered.yaml" in p for p in problems)
    assert any("not_covered 'service mesh' is answered in unknown feature 'meshes'" in p for p in problems)
    assert any("not_covered 'service mesh' is answered in rows of unknown platform 'heroku'" in p for p in problems)


def test_a_cell_speaks_only_to_its_row_s_items(kb_copy: Path) -> None:
    """A cell (or an update) says yes or no only of items its row lists."""
    _edit(kb_copy / "aci.yaml", 'items: {arm64: "no", x86-64: "yes"}', 'items: {arm64: "no", riscv: "yes"}')
    graviton2 = 'platform version 1.4.0+"\n    items: {arm64: "yes", x86-64: "yes"}'  # the update of Nov 2021
    _edit(kb_copy / "fargate-ecs.yaml", graviton2, graviton2.replace("x86-64", "power9"))
    problems = _problems(kb_copy)
    assert len(problems) == 2
    assert any("aci.yaml" in p and "item 'riscv' is not one of row 'cpu-architecture''s items" in p for p in problems)
    assert any("fargate-ecs.yaml" in p and "update 'fargate-ecs-arm64'" in p and "item 'power9'" in p for p in problems)


def test_every_problem_is_reported_at_once(kb_copy: Path) -> None:
    """Several problems in one knowledge base are all listed, not just the first."""
    _edit(
        kb_copy / "matrix.yaml",
        'fargate: {value: "No", support: "no", note: "The article notes',
        'fargate: {value: "No", support: "yes", note: "The article notes',
    )
    _edit(
        kb_copy / "caveats.yaml",
        "platforms: [fargate]\n    scope: eks\n    features: [multi-container, deployment-spec]",
        "platforms: [lambda]\n    scope: eks\n    features: [multi-container, deployment-spec]",
    )
    assert len(_problems(kb_copy)) == 2


def test_not_a_directory(tmp_path: Path) -> None:
    """Pointing at a missing folder says which setting to fix."""
    [problem] = _problems(tmp_path / "nope")
    assert "not a directory" in problem and "PLATFORM_BOT_KNOWLEDGE" in problem


def test_top_level_must_be_a_mapping(kb_copy: Path) -> None:
    """A file whose top level is a list is rejected with what it should be."""
    (kb_copy / "broken.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    [problem] = _problems(kb_copy)
    assert "broken.yaml" in problem and "mapping of sections" in problem


def test_a_cell_can_say_why_it_is_empty(kb_copy: Path) -> None:
    """A gap instead of a value: the cell is knowingly empty, and the reason is kept for the answer."""
    _edit(
        kb_copy / "matrix.yaml",
        '      aci: {value: "Yes (Preview)", support: "yes", note: "NVIDIA GPUs, in preview at the time; the article suggests ACI for ML inference."}\n',
        '      aci: {gap: "No page says."}\n',
    )
    _edit(kb_copy / "updates.yaml", "target: {platform: aci, feature: gpu}", "target: {platform: aci, feature: logging}")
    _edit(kb_copy / "updates.yaml", 'value: "No (GPU resources retired)"\n    support: "no"', 'value: "No (GPU resources retired)"')
    assert load_knowledge(kb_copy).gaps[("aci", "gpu")] == "No page says."


def test_a_refused_phrase_that_is_also_a_synonym_names_both(kb_copy: Path) -> None:
    """A word cannot be both a refused topic and a feature's synonym: the error names both."""
    _edit(kb_copy / "not-covered.yaml", "phrases: [dapr]", "phrases: [dapr, nvidia]")
    [problem] = _problems(kb_copy)
    assert "not-covered.yaml" in problem and "'Dapr'" in problem and "'nvidia'" in problem and "feature 'gpu'" in problem


def test_an_unknown_scope_is_named(kb_copy: Path) -> None:
    _edit(
        kb_copy / "updates.yaml",
        "    scope: ecs\n    note: >-\n      ECS can create",
        "    scope: fargate-ecs\n    note: >-\n      ECS can create",
    )
    [problem] = _problems(kb_copy)
    assert "update 'fargate-ebs-ecs'" in problem and "unknown scope 'fargate-ecs'" in problem and "known: ecs, eks" in problem


def test_the_same_cell_in_two_files_is_named_with_both(kb_copy: Path) -> None:
    """A row may be split across files, but each cell (and each scope of it) is defined once."""
    (kb_copy / "extra.yaml").write_text(
        'matrix:\n  - feature: gpu\n    cells:\n      aci: {value: "No", support: "no", cite: {source: tns-2019, locator: x}}\n',
        encoding="utf-8",
    )
    problems = _problems(kb_copy)
    assert any("cell 'aci'" in p and "'gpu'" in p and "defined twice" in p and "matrix.yaml" in p for p in problems)


def test_a_new_file_can_bring_a_row_with_its_own_source(kb_copy: Path) -> None:
    """A new source comes in its own file with its own rows: no other file changes."""
    (kb_copy / "zz-new.yaml").write_text(
        """
sources:
  - {id: new-page, title: New page, publisher: P, date: 2026-01-02, url: "https://example.com/new", description: d}
features:
  - {id: quux, name: Quux, kind: capability, description: Whether quux works., synonyms: [quux]}
matrix:
  - feature: quux
    cite: {source: new-page, locator: "section 'Quux'"}
    cells:
      fargate: {scopes: {ecs: {value: "Yes", support: "yes"}, eks: {value: "No", support: "no"}}}
      cloud-run: {value: "No", support: "no"}
      aci: {value: "Yes (in preview)", support: "yes", effective: 2025-05-01}
""",
        encoding="utf-8",
    )
    kb = load_knowledge(kb_copy)
    [ecs, eks] = kb.timeline("fargate", "quux")
    assert (ecs.scope, eks.scope, ecs.effective) == ("ecs", "eks", kb.sources["new-page"].date)
    assert kb.timeline("aci", "quux")[0].effective.isoformat() == "2025-05-01"


def test_a_phrase_no_question_can_hold_is_rejected(kb_copy: Path) -> None:
    """A lone "s" (a possessive typed without its apostrophe) never matches: the bot reads "nobody's" as "nobody"."""
    _edit(kb_copy / "features.yaml", "      - nobody's using\n", "      - nobody s using\n")
    [problem] = _problems(kb_copy)
    assert "features.yaml" in problem and "'nobody s using'" in problem and "write the apostrophe" in problem


def test_a_narrowing_limited_to_phrases_names_the_broader_row_s_own(kb_copy: Path) -> None:
    _edit(kb_copy / "features.yaml", "        only: [arm]\n", "        only: [armm]\n")
    problems = _problems(kb_copy)
    assert problems and all("narrows 'cpu-architecture' phrase 'armm', which is not one of its phrases" in p for p in problems)


def test_a_narrowing_word_both_limited_and_not_is_rejected(kb_copy: Path) -> None:
    """A narrowing's ``only`` is kept per word: repeating a limited word in an unlimited narrowing of the same rows would
    silently limit that one too."""
    _edit(kb_copy / "features.yaml", "        words: [pegged, high cpu,", "        words: [cpu goes high, pegged, high cpu,")
    [problem] = _problems(kb_copy)
    assert "narrows 'resources' on 'cpu goes high' both with and without 'only'" in problem


def test_a_phrase_both_weak_and_plain_in_one_row_is_rejected(kb_copy: Path) -> None:
    """Which of the two a question's words are read as would hang on the order of the list."""
    _edit(kb_copy / "features.yaml", "      - deployment unit\n", "      - deployment unit\n      - ~deployment units\n")
    [problem] = _problems(kb_copy)
    assert "feature 'deployment-unit' phrase 'deployment units' is listed both weak ('~') and plain" in problem


def test_a_phrase_listed_twice_in_one_row_is_rejected(kb_copy: Path) -> None:
    """A repeat adds nothing but a longer list to read (sixty had crept in)."""
    _edit(kb_copy / "features.yaml", "      - deployment unit\n", "      - deployment unit\n      - deployment unit\n")
    [problem] = _problems(kb_copy)
    assert "feature 'deployment-unit' phrase 'deployment unit' is listed twice; keep one" in problem
