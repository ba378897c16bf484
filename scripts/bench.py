"""Load benchmark: the assistant embedded (`make run`), in production mode (`make run-prod`), and
Rasa's stock starter bot (`rasa init`) as the baseline; writes BENCHMARKS.md.

For each it measures startup time to the first answer, memory (RSS of every process it runs,
from /proc) and, at 1, 10 and 50 concurrent conversations, turns per second and p50/p95/p99
latency. Each simulated user runs a knowledge-lookup conversation (the starter bot gets its own
mood conversation) with a fresh sender id, turn after turn, until the time is up. Everything
runs on 127.0.0.1 (ports 6300-6329); requests are bounded in time and count. It needs a quiet
machine: run it once, not alongside training.

    .venv/bin/python scripts/bench.py [--seconds 60] [--short-seconds 20]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import secrets
import ssl
import urllib.request
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from deploy.stack import BIN, Stack  # noqa: E402

VAR = REPO / "var" / "bench"
ASSISTANT_TURNS = ["hello", "who do I call in Mansfield?", "out of hours number", "what are the thresholds?", "thanks"]
STOCK_TURNS = ["hello", "I am sad", "yes", "goodbye"]
MAX_REQUESTS = 200_000
REQUEST_TIMEOUT = 60


def descendants(pid: int) -> list:
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss_mb(pids) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def first_answer(url: str, started: float, timeout: float = 600, context: ssl.SSLContext = None) -> float:
    """Seconds from `started` until the webhook at `url` answers a message."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            body = ('{"sender":"%s","message":"hello"}' % secrets.token_urlsafe(16)).encode()
            request = urllib.request.Request(f"{url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10, context=context) as response:  # noqa: S310 (loopback)
                if response.status == 200 and response.read() not in (b"", b"[]"):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


async def load(url: str, turns: list, concurrency: int, seconds: float, context: ssl.SSLContext = None) -> dict:
    latencies, errors, sent = [], 0, 0
    deadline = time.monotonic() + seconds

    async def user(session: aiohttp.ClientSession) -> None:
        nonlocal errors, sent
        while time.monotonic() < deadline and sent < MAX_REQUESTS:
            sender = secrets.token_urlsafe(16)
            for message in turns:
                if time.monotonic() >= deadline:
                    return
                sent += 1
                start = time.monotonic()
                try:
                    async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}) as response:
                        body = await response.json(content_type=None)
                        ok = response.status == 200 and isinstance(body, list) and len(body) > 0
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                    ok = False
                latencies.append(time.monotonic() - start)
                errors += 0 if ok else 1

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=concurrency, ssl=context)) as session:
        started = time.monotonic()
        await asyncio.gather(*(user(session) for _ in range(concurrency)))
        elapsed = time.monotonic() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else float("nan")

    return {"concurrency": concurrency, "seconds": elapsed, "turns": len(latencies), "errors": errors,
            "turns_per_s": len(latencies) / elapsed, "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "mean": statistics.mean(latencies) * 1000 if latencies else float("nan")}


def run_loads(url: str, turns: list, args, context: ssl.SSLContext = None) -> list:
    results = []
    for concurrency in (1, 10, 50):
        seconds = args.seconds if concurrency == 50 else args.short_seconds
        results.append(asyncio.run(load(url, turns, concurrency, seconds, context)))
        print(f"  c={concurrency}: {results[-1]['turns_per_s']:.1f} turns/s, p95 {results[-1]['p95']:.0f} ms, "
              f"errors {results[-1]['errors']}", flush=True)
    return results


def stop_group(process: subprocess.Popen) -> None:
    os.killpg(process.pid, 15)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


def bench_stock(args) -> dict:
    directory = VAR / "stock"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false")
    started = time.monotonic()
    subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(directory)], cwd=directory, env=env,
                   check=True, stdout=open(VAR / "stock-train.log", "w"), stderr=subprocess.STDOUT)
    train_seconds = time.monotonic() - started
    model = next((directory / "models").glob("*.tar.gz"))
    argv = [str(BIN / "rasa"), "run", "--model", str(model), "-i", "127.0.0.1", "--port", "6301"]
    result = bench_process("Stock starter bot (rasa init), 1 process", argv, directory, env, "stock-run.log",
                           "http://127.0.0.1:6301", STOCK_TURNS, args)
    return dict(result, train_seconds=train_seconds)


def bench_process(name: str, argv: list, cwd: Path, env: dict, log: str, url: str, turns: list, args) -> dict:
    """Start `argv` (its own process group), time its first answer, load it, measure it, stop it."""
    started = time.monotonic()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=open(VAR / log, "w"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        result = {"name": name, "startup": first_answer(url, started)}
        result["loads"] = run_loads(url, turns, args)
        result["rss_mb"] = rss_mb(descendants(process.pid))
    finally:
        stop_group(process)
    return result


def bench_embedded(args) -> dict:
    VAR.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, BOT_PORT="6311", ACTION_PORT="6312", WIDGET="0", TRACKER_DB=str(VAR / "tracker.db"))
    (VAR / "tracker.db").unlink(missing_ok=True)
    return bench_process("Assistant, embedded default (make run: SQLite, 1 process)", [str(REPO / "scripts" / "serve")],
                         REPO, env, "embedded.log", "http://127.0.0.1:6311", ASSISTANT_TURNS, args)


def bench_production(args) -> dict:
    shutil.rmtree(VAR / "prod", ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "ENABLE_API")}
    stack = Stack(var=VAR / "prod", proxy_port=6320, env=dict(env, RATE_LIMIT="100000r/s", RATE_BURST="100000"))
    started = time.monotonic()
    try:
        stack.start_all()
        startup = first_answer(stack.url, started, context=stack.tls_context())
        result = {"name": "Assistant, production mode (make run-prod: PostgreSQL, Redis, 2 replicas, nginx)", "startup": startup}
        result["loads"] = run_loads(stack.url, ASSISTANT_TURNS, args, stack.tls_context())
        result["rss_mb"] = rss_mb(pid for service in stack.services.values() if service.running()
                                  for pid in descendants(service.process.pid))
    finally:
        stack.stop_all()
    return result


def contention() -> str:
    load1, load5, _ = os.getloadavg()
    others = subprocess.run(["pgrep", "-fc", "rasa train"], capture_output=True, text=True).stdout.strip() or "0"
    return f"load average {load1:.1f} (1 min) / {load5:.1f} (5 min) on {os.cpu_count()} cores; `rasa train` processes running: {others}"


def write_report(results: list, args, before: str, after: str) -> None:
    stock = results[0]
    lines = ["# Benchmarks", "",
             f"Measured by `make bench` (scripts/bench.py) on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
             f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             "All traffic on 127.0.0.1.", "",
             f"CPU contention: at the start {before}; at the end {after}. Figures are only comparable within this run.", "",
             "Conversation per simulated user (a fresh sender each time): "
             + " → ".join(f'"{t}"' for t in ASSISTANT_TURNS)
             + "; the stock bot: " + " → ".join(f'"{t}"' for t in STOCK_TURNS) + ".", "",
             f"Concurrency 1 and 10 ran {args.short_seconds:g} s each, concurrency 50 ran {args.seconds:g} s. "
             "An error is a non-200 status, a timeout, or an empty reply.", "",
             "| setup | concurrency | turns | errors | turns/s | vs stock | p50 ms | p95 ms | p99 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        for run, base in zip(result["loads"], stock["loads"]):
            lines.append(f"| {result['name']} | {run['concurrency']} | {run['turns']} | {run['errors']} | {run['turns_per_s']:.1f} | "
                         f"{run['turns_per_s'] / base['turns_per_s']:.2f}× | {run['p50']:.0f} | {run['p95']:.0f} | {run['p99']:.0f} |")
    lines += ["", "| setup | startup to first answer | memory (RSS, all its processes) |", "| --- | ---: | ---: |"]
    for result in results:
        lines.append(f"| {result['name']} | {result['startup']:.0f} s | {result['rss_mb']:.0f} MB |")
    train_log = REPO / "var" / "train.log"
    assistant_train = next((line.split("seconds=")[1] for line in train_log.read_text().splitlines() if "seconds=" in line), None) \
        if train_log.exists() else None
    lines += ["", "Training time: stock starter bot "
              f"{stock['train_seconds']:.0f} s (`rasa init --no-prompt`, in this run); the assistant "
              + (f"{assistant_train} s (`make train`, var/train.log, measured earlier under contention with other trainings)."
                 if assistant_train else "not measured in this run (see `make train`)."), ""]
    (REPO / "BENCHMARKS.md").write_text("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="duration at concurrency 50")
    parser.add_argument("--short-seconds", type=float, default=20, help="duration at concurrency 1 and 10")
    args = parser.parse_args()
    before = contention()
    results = []
    for bench in (bench_stock, bench_embedded, bench_production):
        print(f"== {bench.__name__}", flush=True)
        results.append(bench(args))
    write_report(results, args, before, contention())
    print((REPO / "BENCHMARKS.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
