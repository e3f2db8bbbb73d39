"""A real PostgreSQL server for the run-store tests: Debian's ``postgresql`` package,
initdb in a temporary folder, started on a free loopback port, stopped after. As root the
server runs as the ``postgres`` user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator

from tests.conftest import free_port


def server_binaries() -> str | None:
    """The folder of initdb and pg_ctl, or None when PostgreSQL's server is not installed."""
    found = shutil.which("initdb")
    if found and os.path.exists(os.path.join(os.path.dirname(found), "pg_ctl")):
        return os.path.dirname(os.path.realpath(found))
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(folder, "initdb")):
            return folder
    return None


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Yields the URL of a fresh database on a server of our own."""
    bins = server_binaries()
    assert bins is not None
    root = tempfile.mkdtemp(prefix="mlscope-pg-")
    data, sockets = os.path.join(root, "data"), os.path.join(root, "sock")
    os.makedirs(sockets)
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        os.chmod(root, 0o755)
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    log = os.path.join(root, "server.log")

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode:
            extra = ""
            if os.path.exists(log):
                with open(log) as f:
                    extra = f.read()
            raise RuntimeError(f"{' '.join(args)} failed: {done.stdout}{done.stderr}{extra}")

    run(f"{bins}/initdb", "-D", data, "-A", "trust", "-U", "mlscope", "--no-sync",
        "-E", "UTF8")
    run(f"{bins}/pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "-o",
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -F", "start")
    try:
        yield f"postgresql://mlscope@127.0.0.1:{port}/postgres"
    finally:
        with contextlib.suppress(Exception):
            run(f"{bins}/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
