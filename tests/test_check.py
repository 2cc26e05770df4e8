"""``corrector check`` as CI runs it: exit codes, baseline, formats, settings, git."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import pytest

from corrector.check.select import matches
from tests.clirun import run

SLIPPED = "It is obliged to nuke temporary agreements with them.\n"
NEW_SLIP = "Russia gained by plunder ft great deal of territory.\n"
CLEAN = "The programme of the labouring classes was not in favour of the Tzar.\n"
NAMES = "We met at Hi-re that day.\n"  # capitalised, unknown, mid-sentence: confidence < 0.9


def brief(stdout: str) -> list[str]:
    """Output lines without the kind: "ft" is a non-word or a real word, by detector."""
    return [re.sub(r": [a-z-]+: ", ": ", line) for line in stdout.splitlines()]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- exit codes and the plain format -------------------------------------------------------


def test_clean_text_passes_with_nothing_on_stdout(tmp_path):
    write(tmp_path / "clean.txt", CLEAN)
    result = run("check", "clean.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_a_slip_fails_with_path_line_column_kind_word_and_suggestion(tmp_path):
    write(tmp_path / "clean.txt", CLEAN)
    write(tmp_path / "slipped.txt", SLIPPED)
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["slipped.txt:1:18: anachronism: nuke -> make"]


def test_default_gate_leaves_low_confidence_findings_to_scan(tmp_path):
    write(tmp_path / "names.txt", NAMES)
    assert run("scan", "names.txt", cwd=tmp_path).returncode == 1
    assert run("check", "names.txt", cwd=tmp_path).returncode == 0
    lowered = run("check", "--min-confidence", "0.6", "names.txt", cwd=tmp_path)
    assert lowered.returncode == 1
    assert "non-word: Hi-re -> Here" in lowered.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("check", "missing.txt"),
        ("check",),  # no paths and no --changed-since
        ("check", "--format", "yaml", "x.txt"),
        ("check", "--kinds", "non-word,typo", "x.txt"),
        ("check", "--min-confidence", "1.5", "x.txt"),
        ("check", "--baseline", "nope.json", "x.txt"),
        ("check", "--config", "nope.toml", "x.txt"),
    ],
)
def test_usage_and_input_errors_exit_two_without_a_traceback(tmp_path, args):
    write(tmp_path / "x.txt", CLEAN)
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_an_unreadable_named_file_is_an_error_but_the_rest_is_still_checked(tmp_path):
    write(tmp_path / "slipped.txt", SLIPPED)
    (tmp_path / "bad.txt").write_bytes(b"\x01\x02\xfe\xff\x81\x8d\x8f\x90\x9d\x03\x04\n")
    result = run("check", "bad.txt", "slipped.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.txt: not valid UTF-8" in result.stderr
    assert "nuke -> make" in result.stdout


def test_kinds_limits_what_fails_the_gate(tmp_path):
    write(tmp_path / "slipped.txt", SLIPPED)
    assert run("check", "--kinds", "non-word", "slipped.txt", cwd=tmp_path).returncode == 0
    both = run("check", "--kinds", "non-word,anachronism", "slipped.txt", cwd=tmp_path)
    assert both.returncode == 1


def test_jobs_do_not_change_the_output(tmp_path):
    for i in range(3):
        write(tmp_path / f"t{i}.txt", SLIPPED + NEW_SLIP)
    one = run("check", "-f", "github", ".", cwd=tmp_path)
    two = run("check", "-f", "github", "--jobs", "2", ".", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count("::warning") == 6


# --- baseline --------------------------------------------------------------------------------


def test_baseline_round_trip(tmp_path):
    text = write(tmp_path / "texts" / "a.txt", CLEAN + SLIPPED)
    written = run("check", "--write-baseline", "baseline.json", "texts", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    entries = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [(e["path"], e["text"], e["count"]) for e in entries] == [("texts/a.txt", "nuke", 1)]
    assert "line" not in entries[0]

    assert run("check", "--baseline", "baseline.json", "texts", cwd=tmp_path).returncode == 0

    # A new slip fails the gate, and only it is reported.
    text.write_text(CLEAN + SLIPPED + NEW_SLIP, encoding="utf-8")
    new = run("check", "--baseline", "baseline.json", "texts", cwd=tmp_path)
    assert new.returncode == 1
    assert brief(new.stdout) == ["texts/a.txt:3:26: ft -> a"]

    # Lines inserted above the old slip do not bring it back.
    text.write_text("A preface.\n\nAnother line.\n" + CLEAN + SLIPPED, encoding="utf-8")
    moved = run("check", "--baseline", "baseline.json", "texts", cwd=tmp_path)
    assert moved.returncode == 0, moved.stdout
    assert "1 accepted by the baseline" in moved.stderr

    # A fixed slip leaves a stale entry, which is reported; --fail-on-stale makes it fail.
    text.write_text(CLEAN + SLIPPED.replace("nuke", "make"), encoding="utf-8")
    fixed = run("check", "--baseline", "baseline.json", "texts", cwd=tmp_path)
    assert fixed.returncode == 0
    assert "stale baseline entry: 'nuke' in texts/a.txt" in fixed.stderr
    strict = run("check", "--baseline", "baseline.json", "--fail-on-stale", "texts", cwd=tmp_path)
    assert strict.returncode == 1


def test_baseline_counts_repeats_and_judges_staleness_only_for_checked_files(tmp_path):
    write(tmp_path / "a.txt", SLIPPED + "\n" + SLIPPED)
    write(tmp_path / "b.txt", SLIPPED)
    assert run("check", "--write-baseline", "base.json", ".", cwd=tmp_path).returncode == 0
    entries = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["entries"]
    assert sorted((e["path"], e["count"]) for e in entries) == [("a.txt", 2), ("b.txt", 1)]

    write(tmp_path / "a.txt", SLIPPED + "\n" + SLIPPED + "\n" + SLIPPED)  # a third one
    third = run("check", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert third.returncode == 1
    assert third.stdout.splitlines() == ["a.txt:5:18: anachronism: nuke -> make"]
    # b.txt was not checked, so its entry is not stale.
    assert "stale baseline entry" not in third.stderr and "0 stale" in third.stderr


def test_baseline_from_settings_file_and_json_output_says_what_it_did(tmp_path):
    write(tmp_path / "a.txt", SLIPPED)
    assert run("check", "--write-baseline", "base.json", "a.txt", cwd=tmp_path).returncode == 0
    write(tmp_path / "corrector.toml", 'baseline = "base.json"\n')
    write(tmp_path / "a.txt", NEW_SLIP)
    result = run("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert [f["text"] for f in doc["findings"]] == ["ft"]
    assert doc["baseline"]["suppressed"] == 0
    assert [e["text"] for e in doc["baseline"]["stale"]] == ["nuke"]


def test_a_broken_baseline_is_an_error(tmp_path):
    write(tmp_path / "a.txt", SLIPPED)
    write(tmp_path / "base.json", '{"entries": []}')
    result = run("check", "--baseline", "base.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "not a corrector baseline" in result.stderr


# --- SARIF -----------------------------------------------------------------------------------

# The parts of the SARIF 2.1.0 schema that make a log valid for code-scanning uploads: the
# required properties of sarifLog, run, tool, toolComponent, result, message, location,
# physicalLocation, artifactLocation and region, with their types and ranges.
SARIF_REQUIRED = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "items": {"$ref": "#/$defs/run"}},
    },
    "$defs": {
        "message": {"type": "object", "required": ["text"],
                    "properties": {"text": {"type": "string"}}},
        "run": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"],
                         "properties": {"driver": {"$ref": "#/$defs/driver"}}},
                "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "invocations": {"type": "array", "items": {
                    "type": "object", "required": ["executionSuccessful"]}},
            },
        },
        "driver": {
            "type": "object",
            "required": ["name", "rules"],
            "properties": {
                "name": {"type": "string"},
                "informationUri": {"type": "string", "format": "uri"},
                "rules": {"type": "array", "items": {
                    "type": "object", "required": ["id", "shortDescription"],
                    "properties": {"id": {"type": "string"},
                                   "shortDescription": {"$ref": "#/$defs/message"}}}},
            },
        },
        "result": {
            "type": "object",
            "required": ["ruleId", "level", "message", "locations", "partialFingerprints"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": 0},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/$defs/message"},
                "partialFingerprints": {"type": "object", "minProperties": 1,
                                        "additionalProperties": {"type": "string"}},
                "locations": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["physicalLocation"],
                    "properties": {"physicalLocation": {"$ref": "#/$defs/physical"}}}},
            },
        },
        "physical": {
            "type": "object",
            "required": ["artifactLocation", "region"],
            "properties": {
                "artifactLocation": {"type": "object", "required": ["uri"],
                                     "properties": {"uri": {"type": "string"}}},
                "region": {
                    "type": "object",
                    "required": ["startLine", "startColumn", "endLine", "endColumn"],
                    "properties": {k: {"type": "integer", "minimum": 1} for k in
                                   ("startLine", "startColumn", "endLine", "endColumn")},
                },
            },
        },
    },
}


def sarif(tmp_path: Path, *paths: str) -> dict:
    result = run("check", "--format", "sarif", *paths, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def test_sarif_validates_against_the_required_parts_of_the_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    write(tmp_path / "a.txt", SLIPPED + NEW_SLIP)
    write(tmp_path / "b.txt", CLEAN)
    jsonschema.Draft202012Validator(SARIF_REQUIRED).validate(sarif(tmp_path, "."))


def test_sarif_has_what_sarif_2_1_0_requires(tmp_path):
    write(tmp_path / "texts" / "a.txt", SLIPPED + NEW_SLIP)
    log = sarif(tmp_path, "texts")
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0" in log["$schema"]
    (run_,) = log["runs"]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert [r["ruleId"] for r in results][:1] == ["anachronism"] and len(results) == 2
    assert run_["tool"]["driver"]["name"] == "corrector"
    assert all(rule["id"] and rule["shortDescription"]["text"] for rule in rules)
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == "warning" and r["message"]["text"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert r["partialFingerprints"]["correctorFinding/v1"]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "texts/a.txt"
    assert location["region"] == {"startLine": 1, "startColumn": 18, "endLine": 1,
                                  "endColumn": 22, "snippet": {"text": "nuke"}}
    assert "make" in results[0]["message"]["text"]
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_fingerprints_stay_put_when_lines_are_added_above(tmp_path):
    text = write(tmp_path / "a.txt", SLIPPED + NEW_SLIP)
    before = sarif(tmp_path, "a.txt")["runs"][0]["results"]
    text.write_text("Preface.\n\n" + CLEAN + SLIPPED + CLEAN + NEW_SLIP, encoding="utf-8")
    after = sarif(tmp_path, "a.txt")["runs"][0]["results"]

    def prints(results: list[dict]) -> list[dict]:
        return [r["partialFingerprints"] for r in results]

    def lines(results: list[dict]) -> list[int]:
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]

    assert lines(before) == [1, 2] and lines(after) == [4, 6]
    assert prints(before) == prints(after)
    assert len({json.dumps(p) for p in prints(after)}) == 2


def test_identical_slips_in_one_file_get_distinct_fingerprints(tmp_path):
    write(tmp_path / "a.txt", SLIPPED + CLEAN + SLIPPED)
    results = sarif(tmp_path, "a.txt")["runs"][0]["results"]
    prints = [r["partialFingerprints"]["correctorFinding/v1"] for r in results]
    assert len(prints) == len(set(prints)) == 2


# --- GitHub and JUnit ------------------------------------------------------------------------

ANNOTATION = re.compile(
    r"^::warning file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endLine=(?P<endLine>\d+),endColumn=(?P<endColumn>\d+),title=(?P<title>[^,:]+)::(?P<msg>.+)$"
)


def test_github_annotations(tmp_path):
    write(tmp_path / "texts" / "a,b.txt", SLIPPED + NEW_SLIP)
    result = run("check", "--format", "github", "texts", cwd=tmp_path)
    assert result.returncode == 1
    first, second = (ANNOTATION.match(line) for line in result.stdout.splitlines())
    assert first and second, result.stdout
    assert first["file"] == "texts/a%2Cb.txt"  # a comma would end the property
    assert (first["line"], first["col"], first["endLine"], first["endColumn"]) == \
        ("1", "18", "1", "21")
    assert first["title"] == "corrector anachronism%3A nuke"
    assert first["msg"].startswith("'nuke' -> 'make' (anachronism, confidence 0.90)")
    assert (second["line"], second["col"], second["endColumn"]) == ("2", "26", "27")


def test_junit_is_well_formed_with_one_case_per_file_and_a_failure_per_finding(tmp_path):
    write(tmp_path / "a.txt", SLIPPED + NEW_SLIP)
    write(tmp_path / "b.txt", CLEAN)
    write(tmp_path / "c.txt", "Control \x01 character and a nuke & <tag>.\n")
    result = run("check", "--format", "junit", ".", cwd=tmp_path)
    assert result.returncode == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert sorted(cases) == ["a.txt", "b.txt", "c.txt"]
    failures = cases["a.txt"].findall("failure")
    assert len(failures) == 2 and failures[0].get("type") == "anachronism"
    assert "nuke -> make" in (failures[0].text or "")
    assert cases["b.txt"].findall("failure") == []
    assert root.get("tests") == "3" and root.get("failures") == "2"


# --- settings --------------------------------------------------------------------------------


def test_settings_from_pyproject_and_the_command_line_over_them(tmp_path):
    write(tmp_path / "a.txt", SLIPPED)
    write(tmp_path / "pyproject.toml",
          '[project]\nname = "texts"\n\n[tool.corrector]\nmin-confidence = 0.95\n')
    assert run("check", "a.txt", cwd=tmp_path).returncode == 0  # nuke is 0.9
    assert run("check", "--min-confidence", "0.8", "a.txt", cwd=tmp_path).returncode == 1
    sub = tmp_path / "sub"
    sub.mkdir()
    assert run("check", "../a.txt", cwd=sub).returncode == 0  # found from a sub-folder


def test_corrector_toml_kinds_words_and_globs(tmp_path):
    write(tmp_path / "texts" / "a.txt", SLIPPED)
    write(tmp_path / "texts" / "drafts" / "b.txt", NEW_SLIP + SLIPPED)
    write(tmp_path / "texts" / "c.md", NEW_SLIP)
    write(tmp_path / "lists" / "ok.txt", "nuke\n")
    write(tmp_path / "corrector.toml",
          'words = ["lists/ok.txt"]\nexclude = ["drafts", "*.md"]\n')
    result = run("check", "texts", cwd=tmp_path)
    assert result.returncode == 0, result.stdout  # nuke allowed; b.txt and c.md left out
    assert run("check", "texts/drafts/b.txt", cwd=tmp_path).returncode == 0  # named, excluded

    write(tmp_path / "corrector.toml", 'kinds = ["anachronism"]\ninclude = ["texts/drafts"]\n')
    result = run("check", "texts", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["texts/drafts/b.txt:2:18: anachronism: nuke -> make"]
    overridden = run("check", "--kinds", "hyphenation", "texts", cwd=tmp_path)
    assert overridden.returncode == 0


def test_explicit_config_file_wins_over_the_nearest_one(tmp_path):
    write(tmp_path / "a.txt", SLIPPED)
    write(tmp_path / "corrector.toml", "min-confidence = 0.95\n")
    write(tmp_path / "strict.toml", "min-confidence = 0.5\n")
    assert run("check", "a.txt", cwd=tmp_path).returncode == 0
    assert run("check", "--config", "strict.toml", "a.txt", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("min_confidence = 0.5\n", "did you mean 'min-confidence'?"),
        ("min-confidence = 2\n", "min-confidence must be a number from 0 to 1"),
        ('kinds = ["spelling"]\n', "unknown kind spelling"),
        ("words = 'a.txt'\n", "words must be a list of strings"),
        ("min-confidence = \n", "not valid TOML"),
        ('data-version = "1999.1.1"\n', "data-version is pinned to 1999.1.1"),
    ],
)
def test_bad_settings_exit_two_with_the_reason(tmp_path, settings, message):
    write(tmp_path / "a.txt", CLEAN)
    write(tmp_path / "corrector.toml", settings)
    result = run("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_pinned_data_version_that_matches_passes(tmp_path):
    info = run("wordlists", "info").stdout
    version = re.search(r"data_version: (\S+)", info)
    assert version, info
    write(tmp_path / "a.txt", CLEAN)
    write(tmp_path / "corrector.toml", f'data-version = "{version[1]}"\n')
    assert run("check", "a.txt", cwd=tmp_path).returncode == 0


# --- --changed-since -------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@needs_git
def test_changed_since_checks_only_changed_and_untracked_texts(tmp_path):
    repo = tmp_path / "repo"
    write(repo / "old.txt", SLIPPED)  # an old slip nobody touches
    write(repo / "edited.txt", CLEAN)
    write(repo / "gone.txt", CLEAN)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    write(repo / "edited.txt", CLEAN + NEW_SLIP)
    (repo / "gone.txt").unlink()
    write(repo / "new.md", SLIPPED)  # untracked
    write(repo / "notes.py", "nuke = 1\n")  # not a text file

    result = run("check", "--changed-since", "HEAD", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert brief(result.stdout) == ["edited.txt:2:26: ft -> a", "new.md:1:18: nuke -> make"]

    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second")
    nothing = run("check", "--changed-since", "HEAD", cwd=repo)
    assert nothing.returncode == 0
    assert "no files to check" in nothing.stderr
    empty = run("check", "--changed-since", "HEAD", "--format", "sarif", cwd=repo)
    assert empty.returncode == 0 and json.loads(empty.stdout)["runs"][0]["results"] == []
    # PATHs narrow the changed files; a sub-folder sees paths relative to itself.
    write(repo / "sub" / "x.txt", NEW_SLIP)
    assert run("check", "--changed-since", "HEAD", "old.txt", cwd=repo).returncode == 0
    inside = run("check", "--changed-since", "HEAD", cwd=repo / "sub")
    assert brief(inside.stdout) == ["x.txt:1:26: ft -> a"]


@needs_git
def test_changed_since_errors(tmp_path):
    write(tmp_path / "plain" / "a.txt", CLEAN)
    outside = run("check", "--changed-since", "HEAD", cwd=tmp_path / "plain")
    assert outside.returncode == 2
    assert "not inside a git repository" in outside.stderr
    repo = tmp_path / "repo"
    write(repo / "a.txt", CLEAN)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    bad = run("check", "--changed-since", "no-such-branch", cwd=repo)
    assert bad.returncode == 2
    assert "unknown revision 'no-such-branch'" in bad.stderr
    flag = run("check", "--changed-since=--output=x", cwd=repo)
    assert flag.returncode == 2 and not (repo / "x").exists()
    both = run("check", "--changed-since", "HEAD", "--write-baseline", "b.json", cwd=repo)
    assert both.returncode == 2


# --- include/exclude globs (pure) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "texts/a.md", True),
        ("*.md", "texts/a.txt", False),
        ("drafts", "texts/drafts/b.txt", True),  # a folder name at any depth
        ("drafts", "texts/drafts.txt", False),
        ("texts/drafts", "texts/drafts/deep/b.txt", True),  # anchored, and what is under it
        ("texts/drafts", "other/texts/drafts/b.txt", False),
        ("/notes.md", "notes.md", True),
        ("texts/*.txt", "texts/sub/a.txt", False),  # * stays within one folder
        ("texts/**/*.txt", "texts/sub/deep/a.txt", True),
        ("texts/**/*.txt", "texts/a.txt", True),
        ("vol[12]/*", "vol2/a.txt", True),
        ("vol[!12]/*", "vol2/a.txt", False),
    ],
)
def test_glob_rules(pattern, path, expected):
    assert matches(pattern, PurePosixPath(path)) is expected
