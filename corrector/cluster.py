"""Scan files on a Dask cluster: the client reads, the workers scan, results come back in order.

``scan_files_on_cluster`` keeps the contract of ``batch.scan_files`` (one ``FileResult`` per
file, in input order, streamed) so every command's output is byte for byte what a local run
prints. The work is split along what workers cannot share with the client, the filesystem:

- the client walks the paths and reads each file (``read_source``), so unreadable files become
  the same errors and notes as in a local run, and workers need no access to the archive;
- a worker gets the file's text, scans it with a model it loads once per process and keeps
  (``corrector.cluster_worker``), and sends back the findings, not the text: the client still
  holds the text and puts it back when the command needs it (``keep_text``);
- at most a few files per worker thread are in flight, so a 70,000-file archive sits neither
  in the client's memory nor in the scheduler's.

A worker with another corrector or other language data would find other things, so each
worker checks its own against the client's before it scans (``ScanSetup``). Everything that
can go wrong with the cluster — no Dask, a bad address, no scheduler, no workers, a mismatch,
a lost connection — is a ``ClusterError`` with one line for the user, which the command line
turns into exit status 2.

The command line imports this module at every start (for ``ClusterError``), so it imports
nothing heavy at module level; Dask is imported only when a scheduler is given.
"""

from __future__ import annotations

import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corrector.batch import FileResult, ScanSettings, read_or_result
from corrector.files import InputError, Source, SourceText, iter_sources

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler
WORKER_TIMEOUT = 30.0  # seconds to wait for a first worker when none is connected yet
FILES_PER_THREAD = 4  # in flight: enough to keep every thread busy while results travel
RECOUNT_EVERY = 64  # files between looking again at how many threads the cluster has
INSTALL_HINT = 'pip install "corrector[cluster]"'


class ClusterError(Exception):
    """The cluster cannot do the scan; the message is one line for the user."""


class MismatchError(ClusterError):
    """A worker runs another corrector or other language data than the client."""


def scan_files_on_cluster(
    paths: Iterable[Path],
    settings: ScanSettings,
    address: str,
    on_result: Callable[[FileResult], None] | None = None,
    skip: frozenset[Path] = frozenset(),
) -> Iterator[FileResult]:
    """Scan every file under ``paths`` on the Dask cluster at ``address``; yield in input order.

    Raises ``ClusterError`` (one line) when the cluster cannot do it.
    """
    client = _connect(address)
    name = f"corrector-scan-{uuid.uuid4().hex}"
    try:
        _set_up_workers(client, address, settings, name)
        yield from _stream(client, address, iter_sources(paths, skip), name, settings, on_result)
    finally:  # the scheduler would hand a plugin left behind to every worker that joins
        _quietly(lambda: client.unregister_worker_plugin(name))
        _quietly(client.close)


# --- connecting ----------------------------------------------------------------------------


def _connect(address: str) -> Client:
    """A connected client, or a ClusterError within about ``CONNECT_TIMEOUT`` seconds."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--scheduler needs Dask, which is not installed here: "
                           f"{INSTALL_HINT}") from None
    _quiet_dask_logs()
    _probe(address)
    # Dask's own timeout does not cover a server that accepts the connection and never
    # answers (a wrong port), so the client is built in a thread that is given up on.
    box: dict[str, Any] = {}

    def connect() -> None:
        try:
            box["client"] = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except Exception as exc:  # whatever it is, the user cannot connect
            box["error"] = _one_line(exc)

    thread = threading.Thread(target=connect, name="corrector-dask-connect", daemon=True)
    thread.start()
    thread.join(CONNECT_TIMEOUT + 1)
    if "client" in box:
        return box["client"]
    why = box.get("error") or f"no answer in {CONNECT_TIMEOUT:g} s"
    raise ClusterError(f"cannot connect to the Dask scheduler at {address}: {why}")


def _probe(address: str) -> None:
    """Fail at once on a refused or unknown TCP address, rather than after Dask's retries."""
    import socket

    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme != "tcp":  # tls://, ws://, ucx://: leave them to Dask
            return
        host, port = parse_host_port(location)
    except ValueError as exc:
        raise ClusterError(f"bad scheduler address {address!r} ({exc}); "
                           "give it as tcp://HOST:8786") from None
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
    except ConnectionRefusedError:
        why = "connection refused; is `dask scheduler` running there?"
    except TimeoutError:
        why = f"no answer in {CONNECT_TIMEOUT:g} s"
    except socket.gaierror:
        why = f"unknown host {host}"
    except OSError as exc:
        why = exc.strerror or str(exc)
    else:
        return
    raise ClusterError(f"cannot connect to the Dask scheduler at {address}: {why}")


def _quiet_dask_logs() -> None:
    """Dask logs connection trouble at length; the user gets corrector's one line instead."""
    import logging

    for name in ("distributed", "distributed.client", "distributed.core", "distributed.comm",
                 "distributed.batched", "distributed.utils"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _set_up_workers(client: Client, address: str, settings: ScanSettings, name: str) -> None:
    """Wait for a worker, then give every worker this run's settings as plugin ``name``."""
    from corrector.cluster_worker import ScanSetup, installed_identity
    from corrector.langdata import DataError

    try:
        expected = installed_identity(settings.data_dir)
    except DataError as exc:
        raise ClusterError(str(exc)) from None
    try:
        client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
    except (TimeoutError, OSError):
        raise ClusterError(f"no Dask worker joined the scheduler at {address} in "
                           f"{WORKER_TIMEOUT:g} s; start some with `dask worker {address}`"
                           ) from None
    # A --data folder can only be found by a worker at an absolute path (on a shared disk).
    data_dir = settings.data_dir.absolute() if settings.data_dir else None
    plugin = ScanSetup(name, replace(settings, keep_text=False, data_dir=data_dir), expected)
    try:
        client.register_plugin(plugin, name=name)
    except ClusterError as exc:
        raise ClusterError(str(exc)) from None
    except Exception as exc:  # most likely a worker without corrector (or without Dask)
        raise ClusterError(f"a Dask worker cannot run corrector ({_one_line(exc)}); install "
                           f"the same corrector on every worker: {INSTALL_HINT}") from None


# --- scanning ------------------------------------------------------------------------------


def _stream(client: Client, address: str, sources: Iterable[Source | InputError], name: str,
            settings: ScanSettings,
            on_result: Callable[[FileResult], None] | None) -> Iterator[FileResult]:
    """Submit files as they are read, keeping a bounded number in flight; yield in order."""
    from corrector.cluster_worker import scan_remote

    pending: deque[tuple[Any, SourceText | None]] = deque()
    limit = _capacity(client, address)
    for count, source in enumerate(sources, 1):
        read = read_or_result(source)
        if isinstance(read, FileResult):
            pending.append((read, None))
        else:
            path = str(source.path)  # a Source: an InputError became a FileResult
            pending.append((client.submit(scan_remote, path, read, name, pure=False), read))
        if count % RECOUNT_EVERY == 0:  # workers may have joined or left
            limit = _capacity(client, address)
        while len(pending) > limit:
            yield _collect(*pending.popleft(), address, settings, on_result)
    while pending:
        yield _collect(*pending.popleft(), address, settings, on_result)


def _capacity(client: Client, address: str) -> int:
    """How many files to keep in flight: a few for every worker thread."""
    try:
        threads = sum(client.nthreads().values())
    except OSError as exc:
        raise ClusterError(f"lost the Dask scheduler at {address}: {_one_line(exc)}") from None
    return FILES_PER_THREAD * max(1, threads)


def _collect(item: Any, read: SourceText | None, address: str, settings: ScanSettings,
             on_result: Callable[[FileResult], None] | None) -> FileResult:
    """The finished result for one file, with its text put back when the command needs it."""
    from distributed import KilledWorker

    from corrector.langdata import DataError

    if isinstance(item, FileResult):
        result = item
    else:
        try:
            result = item.result()
        except ClusterError as exc:
            raise ClusterError(str(exc)) from None
        except DataError as exc:
            raise ClusterError(f"a Dask worker cannot load the language data: {exc}") from None
        except KilledWorker:
            raise ClusterError(f"Dask workers kept dying on a file ({item.key}); see the "
                               "worker logs (too little memory?)") from None
        except (OSError, TimeoutError, CancelledError) as exc:
            raise ClusterError(f"lost the Dask scheduler at {address}: "
                               f"{_one_line(exc)}") from None
        if settings.keep_text and read is not None:
            result = replace(result, text=read.text)
    if on_result:
        on_result(result)
    return result


def _quietly(action: Callable[[], object]) -> None:
    """Tidy up on the way out; a scheduler that is already gone has nothing left to tidy."""
    with suppress(Exception):
        action()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
