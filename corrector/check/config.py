"""Project settings for ``corrector check``: ``[tool.corrector]`` or ``corrector.toml``.

A CI gate must behave the same on every machine, so its settings live in the repository,
next to the texts, rather than in each workflow file. The command line overrides a setting
for one run. Relative paths (word lists, the baseline) and the include/exclude globs are read
against the folder of the file that set them, so a check run from a sub-folder behaves like
one run from the top.

Settings are checked strictly: an unknown key (``min_confidence`` for ``min-confidence``) is
an error, not silently ignored, because a typo in a gate's settings would otherwise loosen the
gate without anyone noticing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from corrector.finding import Kind

# The gate's default: the findings with a cheap OCR-edit fix (non-words 0.95, anachronisms
# 0.85). On the hipe-icdar2017 dev set (58.6 k words) it raises 11.7 flags per 10 k words of
# corrected text against 45.1 at 0.8, whose extra findings (lower-case non-words without a
# close fix, 0.8) are mostly prices and measures ("35c", "2½in", "20ft"); precision on the
# OCR side is 0.977 against 0.954, recall 0.120 against 0.237. A gate must not cry wolf, so
# the rest is left to `corrector scan` and a person, or to a lower min-confidence.
DEFAULT_MIN_CONFIDENCE = 0.9
CONFIG_FILE = "corrector.toml"
PYPROJECT = "pyproject.toml"
KEYS = ("min-confidence", "kinds", "words", "include", "exclude", "data-version", "baseline")
KIND_NAMES = tuple(kind.value for kind in Kind)


class ConfigError(Exception):
    """Settings that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class CheckConfig:
    """The settings one check runs with, after the command line has overridden the file."""

    root: Path  # where relative settings are read from: the config file's folder, or cwd
    source: Path | None = None  # the file the settings came from, if any
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    kinds: frozenset[str] | None = None  # None: every kind
    words: tuple[Path, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    data_version: str | None = None
    baseline: Path | None = None

    def overridden(
        self,
        min_confidence: float | None = None,
        kinds: str | None = None,
        words: list[Path] | None = None,
        baseline: Path | None = None,
    ) -> CheckConfig:
        """These settings with every option given on the command line put in their place."""
        changes: dict[str, object] = {}
        if min_confidence is not None:
            changes["min_confidence"] = min_confidence
        if kinds is not None:
            changes["kinds"] = parse_kinds([k for k in kinds.split(",") if k.strip()], "--kinds")
        if words:
            changes["words"] = tuple(words)
        if baseline is not None:
            changes["baseline"] = baseline
        return replace(self, **changes)


def load_config(explicit: Path | None, cwd: Path) -> CheckConfig:
    """The settings from ``--config FILE``, else the nearest config file, else the defaults."""
    path = explicit if explicit is not None else find_config(cwd)
    if path is None:
        return CheckConfig(root=cwd)
    return read_config(path)


def find_config(start: Path) -> Path | None:
    """The nearest ``corrector.toml`` or ``pyproject.toml`` with ``[tool.corrector]``.

    Looks in ``start`` and its parents, stopping at the top of the git repository (the
    folder holding ``.git``) so a checkout never picks up settings from outside itself.
    In one folder ``corrector.toml`` wins over ``pyproject.toml``.
    """
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "corrector" in _read_toml(pyproject).get("tool", {}):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def read_config(path: Path) -> CheckConfig:
    """Settings from one file: ``[tool.corrector]`` of a pyproject.toml, else the top level."""
    document = _read_toml(path)
    if path.name == PYPROJECT:
        table = document.get("tool", {}).get("corrector")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: no [tool.corrector] table")
    else:
        table = document
    return _parse(table, path)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _parse(table: dict, path: Path) -> CheckConfig:
    where = f"{path}:" + (" [tool.corrector]" if path.name == PYPROJECT else "")
    for key in table:
        if key not in KEYS:
            hint = key.replace("_", "-")
            also = f"; did you mean '{hint}'?" if hint in KEYS else ""
            raise ConfigError(f"{where} unknown setting '{key}' (known: {', '.join(KEYS)}){also}")
    root = path.resolve().parent
    config = CheckConfig(root=root, source=path)
    changes: dict[str, object] = {}
    if "min-confidence" in table:
        value = table["min-confidence"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise ConfigError(f"{where} min-confidence must be a number from 0 to 1")
        changes["min_confidence"] = float(value)
    if "kinds" in table:
        changes["kinds"] = parse_kinds(_strings(table, "kinds", where), f"{where} kinds")
    if "words" in table:
        changes["words"] = tuple(root / w for w in _strings(table, "words", where))
    for key in ("include", "exclude"):
        if key in table:
            changes[key] = tuple(_strings(table, key, where))
    if "data-version" in table:
        if not isinstance(table["data-version"], str):
            raise ConfigError(f'{where} data-version must be a string, e.g. "2026.11.1"')
        changes["data_version"] = table["data-version"]
    if "baseline" in table:
        if not isinstance(table["baseline"], str):
            raise ConfigError(f"{where} baseline must be a file name (a string)")
        changes["baseline"] = root / table["baseline"]
    return replace(config, **changes)


def _strings(table: dict, key: str, where: str) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where} {key} must be a list of strings, e.g. {key} = ["..."]')
    return value


def parse_kinds(names: list[str], where: str) -> frozenset[str]:
    """Kind names checked against the kinds corrector has; an unknown one is an error."""
    kinds = frozenset(name.strip() for name in names)
    unknown = sorted(kinds - set(KIND_NAMES))
    if unknown:
        raise ConfigError(f"{where}: unknown kind {', '.join(unknown)} "
                          f"(known: {', '.join(KIND_NAMES)})")
    if not kinds:
        raise ConfigError(f"{where}: no kinds given (known: {', '.join(KIND_NAMES)})")
    return kinds
