"""The part of a ``--scheduler`` scan that runs on a Dask worker (see ``corrector.cluster``).

A run registers one ``ScanSetup`` plugin with the scheduler. Dask hands a plugin to every
worker that is connected and to every worker that joins or restarts later, so each worker
gets the run's settings (the user's word lists can be long) once, not with every file, and
none is left without them after a restart. The plugin's ``setup`` also checks that the
worker would scan exactly as the client: same corrector version and code, same language
data (``installed_identity``). Each file then travels as its text alone; ``scan_remote`` scans it
with a model loaded once per worker process and kept for the next files and the next runs.

This module imports Dask, so only ``corrector.cluster`` imports it, and only for a run that
was given a scheduler.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from distributed import Worker, WorkerPlugin

from corrector.batch import FileResult, ScanSettings, scan_read
from corrector.cluster import ClusterError, MismatchError
from corrector.files import SourceText

if TYPE_CHECKING:
    from corrector.model import Model

MODELS_KEPT = 2  # a worker shared by runs with other word lists need not reload at every file

_SETUPS: dict[str, ScanSettings | BaseException] = {}
_MODELS: OrderedDict[tuple[frozenset[str], Path | None], Model] = OrderedDict()
_MODELS_LOCK = threading.Lock()


def installed_identity(data_dir: Path | None) -> str:
    """What decides the findings here: corrector's version and code, and the language data.

    The code is named by a digest of the package's sources, so two installs of one version
    with different code (a checkout with local changes, a patched build) are told apart. The
    data is named by its version and a digest of its build facts and of the small tables
    that are tuned without a new data version (calibration, OCR confusions, the case of
    misread first letters).
    """
    return _identity(None if data_dir is None else str(data_dir))


@cache
def _identity(data_dir: str | None) -> str:
    import hashlib
    import json

    import corrector
    from corrector import langdata
    from corrector.calibration import CALIBRATION_FILE
    from corrector.casing import FIRST_LETTERS_FILE
    from corrector.errormodel import CONFUSIONS_FILE

    code = hashlib.sha256()
    package = Path(corrector.__file__).parent
    for source in sorted(package.rglob("*.py")):
        code.update(source.relative_to(package).as_posix().encode() + b"\0")
        code.update(source.read_bytes())
    directory = Path(data_dir) if data_dir else langdata.default_data_dir()
    meta = langdata.load(directory).meta
    data = hashlib.sha256(json.dumps(meta, sort_keys=True, default=str).encode())
    for name in (CALIBRATION_FILE, CONFUSIONS_FILE, FIRST_LETTERS_FILE):
        try:
            data.update((directory / name).read_bytes())
        except OSError:
            data.update(b"missing")
    return (f"corrector {corrector.__version__} (code {code.hexdigest()[:10]}) with data "
            f"{meta.get('data_version')} ({data.hexdigest()[:10]})")


class ScanSetup(WorkerPlugin):
    """One run's settings on every worker, checked against the client's corrector and data."""

    def __init__(self, name: str, settings: ScanSettings, expected: str) -> None:
        self.name = name
        self.settings = settings
        self.expected = expected

    def setup(self, worker: Worker) -> None:
        # A failure is kept as well as raised: raised, it reaches the client that registers
        # the plugin; kept, it reaches the client through the tasks of a worker that joined
        # later, whose setup failure only its own log would show.
        try:
            found = installed_identity(self.settings.data_dir)
        except Exception as exc:
            error: BaseException = ClusterError(
                f"worker {worker.address} cannot load the language data: {exc}")
        else:
            if found == self.expected:
                _SETUPS[self.name] = self.settings
                return
            error = MismatchError(f"worker {worker.address} has {found}, this client has "
                                  f"{self.expected}; install the same corrector version on "
                                  "every worker, with the same language data, and restart "
                                  "the workers")
        _SETUPS[self.name] = error
        raise error

    def teardown(self, worker: Worker) -> None:
        _SETUPS.pop(self.name, None)


def scan_remote(path: str, read: SourceText, name: str) -> FileResult:
    """Scan one file's text on a worker: the task the client submits for every file."""
    settings = _SETUPS.get(name)
    if settings is None:
        raise ClusterError(f"a worker has no settings for this run ({name})")
    if isinstance(settings, BaseException):  # a fresh one: no tracebacks piling up on it
        raise type(settings)(str(settings))
    return scan_read(path, read, _model(settings), settings)


def _model(settings: ScanSettings) -> Model:
    """The model for these settings, loaded once per worker process and kept."""
    key = (settings.user_words, settings.data_dir)
    with _MODELS_LOCK:
        model = _MODELS.get(key)
        if model is None:
            from corrector.model import Model

            model = _MODELS[key] = Model.load(settings.user_words, settings.data_dir)
            while len(_MODELS) > MODELS_KEPT:
                _MODELS.popitem(last=False)
        _MODELS.move_to_end(key)
        return model
