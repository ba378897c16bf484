"""Production mode on one machine: PostgreSQL, Redis, the action server, two Rasa replicas, nginx.

`make run-prod` runs `python -m deploy.stack`, which starts everything, restarts anything that
stops, purges old conversations at start and then daily, and stops it all on Ctrl-C/SIGTERM.
The tests (tests/prod/) use `Stack` directly to stop and restart single services.

Only nginx listens beyond loopback (PROXY_HOST, default 127.0.0.1); the replicas, the action
server and the private databases listen on 127.0.0.1. Given DATABASE_URL (any SQLAlchemy URL,
PostgreSQL in production) or REDIS_URL (redis://[:password@]host:port[/db]), those servers are
used; otherwise private instances are started from the Debian packages, with their data in
var/prod/ and passwords generated into var/prod/secrets/ (never in a committed file, never on a
command line). Ports: PROXY_PORT (default 6000), then the replicas, the action server,
PostgreSQL and Redis on the next five.
"""
from __future__ import annotations

import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
PG_BIN = Path(os.environ.get("PG_BIN") or max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/usr/lib/postgresql/15/bin"),
                                              key=lambda path: int(path.parent.name)))
MODEL = REPO / "models" / "assistant.tar.gz"

log = logging.getLogger("stack")


@dataclass
class Service:
    """One server process in its own process group, its output in `log_path`."""

    name: str
    argv: List[str]
    env: Dict[str, str]
    log_path: Path
    ready: Callable[[], bool]
    stop_signal: int = signal.SIGTERM
    user: Optional[str] = None
    stdin: Optional[str] = None
    process: Optional[subprocess.Popen] = field(default=None, repr=False)

    def start(self) -> None:
        with open(self.log_path, "a") as out:
            self.process = subprocess.Popen(self.argv, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.PIPE if self.stdin else subprocess.DEVNULL,
                                            start_new_session=True, user=self.user)
        if self.stdin:
            self.process.stdin.write(self.stdin.encode())
            self.process.stdin.close()

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 30) -> None:
        if not self.running():
            return
        try:
            os.killpg(self.process.pid, self.stop_signal)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        finally:
            try:  # anything the server left behind in its group
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError(f"{self.name} stopped while starting; see {self.log_path}:\n{tail(self.log_path)}")
            if self.ready():
                return
            time.sleep(1)
        raise RuntimeError(f"{self.name} was not ready within {timeout:.0f}s; see {self.log_path}:\n{tail(self.log_path)}")


def tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def secret(path: Path) -> str:
    """The password kept in `path`, generated there (mode 600) the first time."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(24))
    return path.read_text().strip()


class Stack:
    def __init__(self, var: Path = REPO / "var" / "prod", proxy_port: int = 6000, env: Dict[str, str] = None,
                 replicas: int = 2, model: Path = MODEL):
        self.var = Path(var)
        self.logs = self.var / "log"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.base_env = dict(os.environ if env is None else env)
        self.proxy_port = proxy_port
        self.replica_ports = [proxy_port + 1 + i for i in range(replicas)]
        self.action_port = proxy_port + 3
        self.pg_port = proxy_port + 4
        self.redis_port = proxy_port + 5
        self.model = model
        self.as_root = os.geteuid() == 0
        self.services: Dict[str, Service] = {}
        self.database_url = self.base_env.get("DATABASE_URL") or self._local_postgres()
        self.db_url = self._sqlalchemy(self.database_url)  # conversations and knowledge, one database
        self.redis = urlsplit(self.base_env.get("REDIS_URL") or self._local_redis())
        self._actions()
        for index, port in enumerate(self.replica_ports, start=1):
            self._replica(f"replica{index}", port)
        self._proxy()

    # --- the services -------------------------------------------------------------------
    def _env(self, **extra: str) -> Dict[str, str]:
        return dict(self.base_env, RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1",
                    TF_CPP_MIN_LOG_LEVEL="2", LOG_LEVEL="INFO", **extra)

    def _local_postgres(self) -> str:
        data = self.var / "postgres"
        password = secret(self.var / "secrets" / "postgres-password")
        user = "postgres" if self.as_root else None  # initdb and postgres refuse to run as root
        if not (data / "PG_VERSION").exists():
            data.mkdir(parents=True, exist_ok=True)
            pwfile = data.parent / "postgres-initdb-password"
            pwfile.write_text(password)
            if user:
                shutil.chown(data, user)
                shutil.chown(pwfile, user)
            try:
                subprocess.run([str(PG_BIN / "initdb"), "-D", str(data), "-U", "neglect", f"--pwfile={pwfile}",
                                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"],
                               check=True, user=user, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            finally:
                pwfile.unlink()
        self.services["postgres"] = Service(
            "postgres", [str(PG_BIN / "postgres"), "-D", str(data), "-p", str(self.pg_port),
                         "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                         # statements can hold what a user typed: never log them
                         "-c", "log_min_error_statement=panic", "-c", "log_statement=none"],
            self._env(), self.logs / "postgres.log", lambda: self._database_answers(), signal.SIGINT, user)
        return f"postgresql://neglect:{password}@127.0.0.1:{self.pg_port}/neglect"

    def _database_answers(self) -> bool:
        import psycopg2

        url = urlsplit(self.database_url)
        try:
            connection = psycopg2.connect(host=url.hostname, port=url.port, user=url.username, password=url.password,
                                          dbname="postgres", connect_timeout=3)
        except psycopg2.OperationalError:
            return False
        connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'neglect'")
                if cursor.fetchone() is None:
                    cursor.execute("CREATE DATABASE neglect")
        finally:
            connection.close()
        return True

    def _local_redis(self) -> str:
        password = secret(self.var / "secrets" / "redis-password")
        (self.var / "redis").mkdir(parents=True, exist_ok=True)
        # Configuration on stdin, so the password is not on the command line.
        config = (f"port {self.redis_port}\nbind 127.0.0.1\nprotected-mode yes\nsave \"\"\nappendonly no\n"
                  f"dir {self.var / 'redis'}\nrequirepass {password}\n")
        self.services["redis"] = Service("redis", ["redis-server", "-"], self._env(), self.logs / "redis.log",
                                         lambda: port_open(self.redis_port), stdin=config)
        return f"redis://:{password}@127.0.0.1:{self.redis_port}/0"

    def _actions(self) -> None:
        self.services["actions"] = Service(
            "actions", [str(BIN / "rasa"), "run", "actions", "--port", str(self.action_port), "--actions", "actions"],
            # rasa_sdk 3.6 has no host option; SANIC_HOST keeps it on loopback.
            self._env(SANIC_HOST="127.0.0.1", KNOWLEDGE_DB_URL=self.db_url),
            self.logs / "actions.log", lambda: http_ok(f"http://127.0.0.1:{self.action_port}/health"))

    def _replica(self, name: str, port: int) -> None:
        argv = [str(BIN / "rasa"), "run", "--model", str(self.model), "--interface", "127.0.0.1", "--port", str(port),
                "--endpoints", "deploy/endpoints.yml", "--credentials", "credentials.yml",
                "--cors", *self.base_env.get("ALLOWED_ORIGINS", "http://localhost:8000").split()]
        if self.base_env.get("ENABLE_API") == "1":
            argv += ["--enable-api", "--auth-token", self.base_env["RASA_API_TOKEN"]]
        env = self._env(TRACKER_DB_URL=self.db_url,
                        ACTION_SERVER_URL=f"http://127.0.0.1:{self.action_port}/webhook",
                        REDIS_HOST=self.redis.hostname, REDIS_PORT=str(self.redis.port or 6379),
                        REDIS_PASSWORD=self.redis.password or "", REDIS_DB=self.redis.path.strip("/") or "0")
        self.services[name] = Service(name, argv, env, self.logs / f"{name}.log",
                                      lambda: http_ok(f"http://127.0.0.1:{port}/webhooks/rest/"))

    def _proxy(self) -> None:
        directory = self.var / "nginx"
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (directory / "tmp" / temp).mkdir(parents=True, exist_ok=True)
        values = {
            "USER": "user www-data;" if self.as_root else "",
            "DIR": str(directory), "LOGS": str(self.logs),
            "LISTEN": f"{self.base_env.get('PROXY_HOST', '127.0.0.1')}:{self.proxy_port}",
            "REPLICAS": "\n    ".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.replica_ports),
            "RATE": self.base_env.get("RATE_LIMIT", "10r/s"), "BURST": self.base_env.get("RATE_BURST", "20"),
            "MAX_BODY": self.base_env.get("MAX_BODY", "16k"),
        }
        config = (REPO / "deploy" / "nginx.conf").read_text()
        for key, value in values.items():
            config = config.replace(f"@{key}@", value)
        (directory / "nginx.conf").write_text(config)
        self.services["proxy"] = Service(
            "proxy", ["nginx", "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", str(self.logs / "nginx-error.log")],
            self._env(), self.logs / "nginx.log", lambda: http_ok(f"{self.url}/webhooks/rest/"), signal.SIGQUIT)

    @staticmethod
    def _sqlalchemy(url: str) -> str:
        return "postgresql+psycopg2://" + url.split("://", 1)[1] if url.startswith(("postgres://", "postgresql://")) else url

    # --- running them -------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    def replica_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[index - 1]}"

    def start(self, name: str, timeout: float = 300) -> None:
        service = self.services[name]
        service.start()
        service.wait_ready(timeout)

    def stop(self, name: str) -> None:
        self.services[name].stop()

    def load_knowledge(self) -> None:
        subprocess.run([str(BIN / "python"), "-m", "bot.knowledge.cli", "load"], cwd=REPO, check=True,
                       env=self._env(KNOWLEDGE_DB_URL=self.db_url), stdout=subprocess.DEVNULL)

    def purge(self) -> str:
        result = subprocess.run([str(BIN / "python"), "-m", "bot.retention"], cwd=REPO, check=True, capture_output=True,
                                text=True, env=self._env(TRACKER_DB_URL=self.db_url))
        return result.stdout.strip()

    def start_all(self, timeout: float = 420) -> None:
        """Databases first (waiting for them), then the action server and replicas in parallel, then the proxy."""
        try:
            for name in ("postgres", "redis"):
                if name in self.services:
                    self.start(name, timeout=60)
            self.load_knowledge()
            servers = ["actions", *(f"replica{i}" for i in range(1, len(self.replica_ports) + 1))]
            for name in servers:
                self.services[name].start()
            for name in servers:
                self.services[name].wait_ready(timeout)
            self.start("proxy", timeout=30)
        except BaseException:
            self.stop_all()
            raise

    def stop_all(self) -> None:
        for name in ("proxy", *(f"replica{i}" for i in range(1, len(self.replica_ports) + 1)), "actions", "redis", "postgres"):
            if name in self.services:
                self.services[name].stop()

    def supervise(self, purge_every: float = 86400) -> None:
        """Restart any service that stops; purge old conversations every `purge_every` seconds."""
        last_purge = time.monotonic()
        while True:
            time.sleep(2)
            for service in self.services.values():
                if not service.running():
                    log.error("%s stopped (exit %s); restarting it. Its log: %s", service.name,
                              service.process.returncode if service.process else "?", service.log_path)
                    service.start()
            if time.monotonic() - last_purge > purge_every:
                log.info(self.purge())
                last_purge = time.monotonic()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    if not MODEL.exists():
        log.error("%s is missing: run `make train`.", MODEL)
        return 2
    if os.environ.get("ENABLE_API") == "1" and not os.environ.get("RASA_API_TOKEN"):
        log.error("ENABLE_API=1 needs RASA_API_TOKEN set to a long random secret; not starting.")
        return 2
    stack = Stack(proxy_port=int(os.environ.get("PROXY_PORT", "6000")))

    def on_signal(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        log.info("Starting PostgreSQL, Redis, the action server and %d replicas (ready in a minute or two).",
                 len(stack.replica_ports))
        stack.start_all()
        log.info(stack.purge())
        log.info("Ready: REST webhook on %s/webhooks/rest/webhook (logs in %s).", stack.url, stack.logs)
        stack.supervise()
    except KeyboardInterrupt:
        log.info("Stopping.")
    finally:
        stack.stop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
