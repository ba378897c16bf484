"""Production mode on one machine: PostgreSQL, Redis, the action server, Rasa replicas, nginx.

`make run-prod` runs `python -m deploy.stack`, which starts everything, restarts anything that
stops, purges old conversations and logs at start and then daily, and stops it all on
Ctrl-C/SIGTERM. The tests (tests/prod/) use `Stack` directly to stop and restart single services.

- **One listener, TLS.** Only nginx listens beyond loopback (PROXY_HOST, default 127.0.0.1), over
  HTTPS with TLS_CERT and TLS_KEY, or a self-signed certificate for localhost made into
  var/prod/tls/ when none is given. It also serves the widget's files (/widget/).
- **Private servers.** The replicas, the action server and the private databases listen on
  127.0.0.1. Given DATABASE_URL (any SQLAlchemy URL, PostgreSQL in production) or REDIS_URL
  (redis://[:password@]host:port[/db]), those servers are used; otherwise private instances run
  from the Debian packages with their data in var/prod/. The application's PostgreSQL role is
  not a superuser.
- **Least privilege.** Run as root, every server runs as an unprivileged user (SERVICE_USER,
  default `neglect`, created if missing; PostgreSQL as `postgres`).
- **Secrets** are generated (mode 600), never in a committed file, never on a command line: the
  database passwords into var/prod/secrets/ (readable by the stack only), the keys the servers
  need (encryption, sender-id hash, API token) into var/prod/keys/ (readable by their user).
- **Logs**: each server's output goes to var/prod/log/<name>.log, mode 600, a new file daily,
  deleted after RETENTION_DAYS; `token=` values are hidden.
- **Nothing left behind.** Each server gets a signal if the stack dies, even by SIGKILL
  (PR_SET_PDEATHSIG), and stopping signals them all at once.

Ports: PROXY_PORT (default 6000), then the REPLICAS replicas (default 2), the action server,
PostgreSQL and Redis on the ports after it.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import logging
import os
import pwd
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional
from urllib.parse import urlsplit

from bot import keys
from bot.private_logs import PrivateLogFile, hide_tokens
from bot.retention import retention_days

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
PG_BIN = Path(os.environ.get("PG_BIN") or max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/usr/lib/postgresql/15/bin"),
                                              key=lambda path: int(path.parent.name)))
MODEL = REPO / "models" / "assistant.tar.gz"
PR_SET_PDEATHSIG = 1

log = logging.getLogger("stack")
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it


def _child_setup(user: Optional[str], death_signal: int) -> Callable[[], None]:
    """Runs in the child before exec: become `user`, then ask for `death_signal` when the stack dies.

    The user is changed here rather than by Popen, because changing credentials clears the
    parent-death signal: it must be set last.
    """
    account = pwd.getpwnam(user) if user else None

    def setup() -> None:
        if account:
            os.fchown(1, account.pw_uid, account.pw_gid)  # the log pipe: nginx reopens it as /dev/stdout
            os.setgroups([])
            os.setgid(account.pw_gid)
            os.setuid(account.pw_uid)
        _PRCTL(PR_SET_PDEATHSIG, death_signal, 0, 0, 0)
        if os.getppid() == 1:  # the stack died before the line above
            os.kill(os.getpid(), death_signal)

    return setup


@dataclass
class Service:
    """One server process in its own process group, its output into a private log file."""

    name: str
    argv: List[str]
    env: Dict[str, str]
    log_path: Path
    ready: Callable[[], bool]
    stop_signal: int = signal.SIGTERM
    user: Optional[str] = None
    stdin: Optional[str] = None
    death_signal: int = signal.SIGTERM
    process: Optional[subprocess.Popen] = field(default=None, repr=False)

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, cwd=REPO, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        stdin=subprocess.PIPE if self.stdin else subprocess.DEVNULL,
                                        start_new_session=True, preexec_fn=_child_setup(self.user, self.death_signal))
        threading.Thread(target=_copy_log, args=(self.process.stdout, self.log_path), daemon=True).start()
        if self.stdin:
            self.process.stdin.write(self.stdin.encode())
            self.process.stdin.close()

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, number: int) -> None:
        if self.running():
            try:
                os.killpg(self.process.pid, number)
            except ProcessLookupError:
                pass

    def stop(self, timeout: float = 30) -> None:
        self.signal(self.stop_signal)
        self.wait_stopped(time.monotonic() + timeout)

    def wait_stopped(self, deadline: float) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        try:  # anything the server left behind in its group, or the server if it did not stop
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError(f"{self.name} stopped while starting; see {self.log_path}:\n{tail(self.log_path)}")
            if self.ready():
                return
            time.sleep(1)
        raise RuntimeError(f"{self.name} was not ready within {timeout:.0f}s; see {self.log_path}:\n{tail(self.log_path)}")


def _copy_log(stream, path: Path) -> None:
    handler = PrivateLogFile(path, retention_days(os.environ.get("RETENTION_DAYS")))
    handler.setFormatter(logging.Formatter("%(message)s"))
    try:
        for line in iter(stream.readline, b""):
            handler.emit(logging.makeLogRecord({"msg": hide_tokens(line.decode(errors="replace").rstrip("\n"))}))
    finally:
        handler.close()


def tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def http_ok(url: str, context: Optional[ssl.SSLContext] = None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5, context=context) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def self_signed_certificate(cert: Path, key: Path) -> None:
    """A certificate for localhost and 127.0.0.1, valid a year, with its key (mode 600)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    private = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(private.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(days=365))
                   .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                               x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(private, hashes.SHA256()))
    key.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))


def grant_traverse(path: Path, user: str) -> List[Path]:
    """Let `user` reach `path`: each folder on the way that others may not pass through gets an ACL
    entry for that user only (pass through, not list). Here Python lives under /root (mode 700),
    as pyenv installs it for root; the servers' user needs to run it. The folders changed."""
    changed = []
    for target in {Path(path), Path(path).resolve()}:
        for folder in reversed(target.parents):
            if folder.is_dir() and not folder.stat().st_mode & 0o001:
                subprocess.run(["setfacl", "-m", f"u:{user}:x", str(folder)], check=True)
                changed.append(folder)
    return changed


def service_user(name: str) -> str:
    """An unprivileged system account for the servers, created (as root) when missing."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
    return name


class Stack:
    def __init__(self, var: Path = REPO / "var" / "prod", proxy_port: int = 6000, env: Dict[str, str] = None,
                 replicas: Optional[int] = None, model: Path = MODEL):
        self.var = Path(var)
        self.logs = self.var / "log"
        self.base_env = dict(os.environ if env is None else env)
        self.retention = retention_days(self.base_env.get("RETENTION_DAYS"))
        self.as_root = os.geteuid() == 0
        self.user = service_user(self.base_env.get("SERVICE_USER", "neglect")) if self.as_root else None
        self.secrets, self.key_dir = self.var / "secrets", self.var / "keys"
        for folder in (self.var, self.logs, self.secrets, self.key_dir, self.var / "home"):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.user:  # the servers' users may pass through var/ and var/prod/, not list them
            for folder in (self.var.parent, self.var):
                folder.chmod(folder.stat().st_mode | 0o011)
        for folder in (self.key_dir, self.var / "home"):
            self._own(folder)
        if self.user:
            for folder in grant_traverse(BIN / "python", self.user) + grant_traverse(model, self.user):
                log.warning("%s may pass through %s (an ACL entry), to run Python and read the model.", self.user, folder)
        replicas = int(self.base_env.get("REPLICAS", "2")) if replicas is None else replicas
        self.proxy_port = proxy_port
        self.replica_ports = [proxy_port + 1 + i for i in range(replicas)]
        self.action_port = proxy_port + 1 + replicas
        self.pg_port = self.action_port + 1
        self.redis_port = self.action_port + 2
        self.model = model
        self.services: Dict[str, Service] = {}
        self._keys()
        self.database_url = self.base_env.get("DATABASE_URL") or self._local_postgres()
        self.db_url = self._sqlalchemy(self.database_url)  # conversations and knowledge, one database
        self.redis = urlsplit(self.base_env.get("REDIS_URL") or self._local_redis())
        self._actions()
        for index, port in enumerate(self.replica_ports, start=1):
            self._replica(f"replica{index}", port)
        self._proxy()

    # --- secrets ------------------------------------------------------------------------
    def _own(self, path: Path) -> None:
        """Hand `path` to the service user (when running as root), so the servers can use it."""
        if self.user:
            shutil.chown(path, self.user, self.user)

    def _secret(self, name: str) -> str:
        """A password only the stack reads (var/prod/secrets/)."""
        return keys.secret_file(self.secrets / name, lambda: secrets.token_urlsafe(24))

    def _keys(self) -> None:
        """The servers' keys (var/prod/keys/, theirs to read), made now, before the replicas start together."""
        env = dict(self.base_env, SECRETS_DIR=str(self.key_dir))
        made = []
        if not env.get("TRACKER_ENCRYPTION_KEYS"):
            keys.tracker_keys(env)
            made.append(keys.TRACKER_KEYS_FILE)
        if not env.get("SENDER_ID_KEY"):
            keys.sender_id_key(env)
            made.append(keys.SENDER_KEY_FILE)
        if self.base_env.get("ENABLE_API") == "1" and not self.base_env.get("RASA_API_TOKEN_FILE"):
            keys.secret_file(self.key_dir / "api-token", lambda: secrets.token_urlsafe(32))
            made.append("api-token")
        for name in made:
            self._own(self.key_dir / name)

    @property
    def api_token_file(self) -> str:
        return self.base_env.get("RASA_API_TOKEN_FILE") or str(self.key_dir / "api-token")

    # --- the services -------------------------------------------------------------------
    def _env(self, **extra: str) -> Dict[str, str]:
        env = {name: value for name, value in self.base_env.items() if name not in ("RASA_API_TOKEN",)}
        return dict(env, RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1", TF_CPP_MIN_LOG_LEVEL="2",
                    LOG_LEVEL="INFO", PYTHONDONTWRITEBYTECODE="1", HOME=str(self.var / "home"),
                    SECRETS_DIR=str(self.key_dir), **extra)

    def _local_postgres(self) -> str:
        data = self.var / "postgres"
        admin = self._secret("postgres-admin-password")
        password = self._secret("postgres-password")
        user = "postgres" if self.as_root else None  # initdb and postgres refuse to run as root
        if not (data / "PG_VERSION").exists():
            data.mkdir(parents=True, exist_ok=True, mode=0o700)
            pwfile = data.parent / "postgres-initdb-password"
            pwfile.write_text(admin)
            if user:
                shutil.chown(data, user)
                shutil.chown(pwfile, user)
            try:
                subprocess.run([str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", f"--pwfile={pwfile}",
                                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"],
                               check=True, preexec_fn=_child_setup(user, signal.SIGTERM), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
            finally:
                pwfile.unlink()
        self.pg_admin_password = admin
        self.services["postgres"] = Service(
            "postgres", [str(PG_BIN / "postgres"), "-D", str(data), "-p", str(self.pg_port),
                         "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                         # statements can hold stored data: never log them
                         "-c", "log_min_error_statement=panic", "-c", "log_statement=none"],
            self._env(), self.logs / "postgres.log", lambda: self._database_answers(password), signal.SIGINT, user,
            death_signal=signal.SIGINT)
        return f"postgresql://neglect:{password}@127.0.0.1:{self.pg_port}/neglect"

    def _database_answers(self, password: str) -> bool:
        """PostgreSQL answers; the application's role (not a superuser) and database exist."""
        import psycopg2

        try:
            connection = psycopg2.connect(host="127.0.0.1", port=self.pg_port, user="postgres", password=self.pg_admin_password,
                                          dbname="postgres", connect_timeout=3)
        except psycopg2.OperationalError:
            return False
        connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = 'neglect'")
                verb = "ALTER" if cursor.fetchone() else "CREATE"
                cursor.execute(f"{verb} ROLE neglect LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %s",
                               (password,))
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = 'neglect'")
                if cursor.fetchone() is None:
                    cursor.execute("CREATE DATABASE neglect OWNER neglect")
        finally:
            connection.close()
        return True

    def _local_redis(self) -> str:
        password = self._secret("redis-password")
        (self.var / "redis").mkdir(parents=True, exist_ok=True, mode=0o700)
        self._own(self.var / "redis")
        # Configuration on stdin, so the password is not on the command line.
        config = (f"port {self.redis_port}\nbind 127.0.0.1\nprotected-mode yes\nsave \"\"\nappendonly no\n"
                  f"dir {self.var / 'redis'}\nrequirepass {password}\n")
        self.services["redis"] = Service("redis", ["redis-server", "-"], self._env(), self.logs / "redis.log",
                                         lambda: port_open(self.redis_port), stdin=config, user=self.user)
        return f"redis://:{password}@127.0.0.1:{self.redis_port}/0"

    def _actions(self) -> None:
        self.services["actions"] = Service(
            "actions", [str(BIN / "python"), "-m", "server_plugins.action_server", "--port", str(self.action_port),
                        "--actions", "actions"],
            self._env(SANIC_HOST="127.0.0.1", KNOWLEDGE_DB_URL=self.db_url),
            self.logs / "actions.log", lambda: http_ok(f"http://127.0.0.1:{self.action_port}/health"), user=self.user)

    def _replica(self, name: str, port: int) -> None:
        argv = [str(BIN / "python"), "-m", "server_plugins.rasa_main", "run", "--model", str(self.model),
                "--interface", "127.0.0.1", "--port", str(port),
                "--endpoints", "deploy/endpoints.yml", "--credentials", "credentials.yml",
                "--cors", *self.base_env.get("ALLOWED_ORIGINS", "http://localhost:8000").split()]
        extra = {}
        if self.base_env.get("ENABLE_API") == "1":
            argv.append("--enable-api")
            extra["RASA_API_TOKEN_FILE"] = self.api_token_file
        env = self._env(TRACKER_DB_URL=self.db_url,
                        ACTION_SERVER_URL=f"http://127.0.0.1:{self.action_port}/webhook",
                        REDIS_HOST=self.redis.hostname, REDIS_PORT=str(self.redis.port or 6379),
                        REDIS_PASSWORD=self.redis.password or "", REDIS_DB=self.redis.path.strip("/") or "0", **extra)
        self.services[name] = Service(name, argv, env, self.logs / f"{name}.log",
                                      lambda: http_ok(f"http://127.0.0.1:{port}/webhooks/rest/"), user=self.user)

    def _proxy(self) -> None:
        directory = self.var / "nginx"
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (directory / "tmp" / temp).mkdir(parents=True, exist_ok=True, mode=0o700)
            self._own(directory / "tmp" / temp)
        self._own(directory / "tmp")
        self._own(directory)
        self.certificate, key = Path(self.base_env.get("TLS_CERT", "")), Path(self.base_env.get("TLS_KEY", ""))
        if not (self.base_env.get("TLS_CERT") and self.base_env.get("TLS_KEY")):
            self.certificate, key = self.var / "tls" / "localhost.crt", self.var / "tls" / "localhost.key"
            if not (self.certificate.exists() and key.exists()):
                self_signed_certificate(self.certificate, key)
            for path in (self.var / "tls", self.certificate, key):
                self._own(path)
        values = {
            "DIR": str(directory), "WIDGET": str(REPO / "widget"),
            "LISTEN": f"{self.base_env.get('PROXY_HOST', '127.0.0.1')}:{self.proxy_port}",
            "CERT": str(self.certificate), "KEY": str(key),
            "REPLICAS": "\n    ".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.replica_ports),
            "RATE": self.base_env.get("RATE_LIMIT", "10r/s"), "BURST": self.base_env.get("RATE_BURST", "20"),
            "MAX_BODY": self.base_env.get("MAX_BODY", "16k"),
        }
        config = (REPO / "deploy" / "nginx.conf").read_text()
        for name, value in values.items():
            config = config.replace(f"@{name}@", value)
        (directory / "nginx.conf").write_text(config)
        self.services["proxy"] = Service(
            "proxy", ["nginx", "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", "stderr"],
            self._env(), self.logs / "nginx.log", lambda: http_ok(f"{self.url}/webhooks/rest/", ssl._create_unverified_context()),  # noqa: S323 (loopback probe)
            signal.SIGQUIT, self.user)

    @staticmethod
    def _sqlalchemy(url: str) -> str:
        return "postgresql+psycopg2://" + url.split("://", 1)[1] if url.startswith(("postgres://", "postgresql://")) else url

    # --- running them -------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.proxy_port}"

    def tls_context(self) -> ssl.SSLContext:
        """A client context that trusts this stack's certificate (the self-signed one included)."""
        return ssl.create_default_context(cafile=str(self.certificate))

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
        result = subprocess.run([str(BIN / "python"), "-m", "bot.retention", "--logs", str(self.logs)], cwd=REPO, check=True,
                                capture_output=True, text=True, env=self._env(TRACKER_DB_URL=self.db_url))
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

    def stop_all(self, timeout: float = 15) -> None:
        """Every server signalled at once (the proxy first), then waited for together."""
        order = ("proxy", *(f"replica{i}" for i in range(1, len(self.replica_ports) + 1)), "actions", "redis", "postgres")
        services = [self.services[name] for name in order if name in self.services]
        for service in services:
            service.signal(service.stop_signal)
        deadline = time.monotonic() + timeout
        for service in services:
            service.wait_stopped(deadline)

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
    os.umask(0o077)
    if not MODEL.exists():
        log.error("%s is missing: run `make train`.", MODEL)
        return 2
    try:
        retention_days(os.environ.get("RETENTION_DAYS"))
    except ValueError as error:
        log.error("%s; not starting.", error)
        return 2
    if os.environ.get("RASA_API_TOKEN"):
        log.error("RASA_API_TOKEN is not read (environments leak): put the token in a file (mode 600) and set "
                  "RASA_API_TOKEN_FILE, or leave it unset with ENABLE_API=1 to have one made in var/prod/keys/.")
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
        log.info("Ready: REST webhook on %s/webhooks/rest/webhook, the widget on %s/widget/neglect-chat.js (logs in %s).",
                 stack.url, stack.url, stack.logs)
        stack.supervise()
    except KeyboardInterrupt:
        log.info("Stopping.")
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the stopping short
        stack.stop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
