"""Benchmark, one self-contained run: training from scratch, then load on the assistant embedded
(`make run`), in production mode (`make run-prod`) and on Rasa's stock starter bot (`rasa init`),
the baseline every ratio is taken against. Writes BENCHMARKS.md.

The assistant is trained by `scripts/train` (what `make train` runs) into var/bench/ with no
model cache and an empty Rasa cache, so the time is a from-scratch training; the servers then run
that model. For each setup it measures startup to the first answer, memory (RSS of every process
the setup runs, from /proc) and, at 1, 10 and 50 concurrent conversations, turns per second,
p50/p95/p99 latency and the CPU each process used. Each simulated user runs a conversation with a
fresh sender id, turn after turn, until the time is up. Everything runs on 127.0.0.1 (ports
6300-6329); requests are bounded in time and count. Run it on a quiet machine.

    .venv/bin/python scripts/bench.py [--seconds 60] [--short-seconds 20]

`--quick` is for comparing a change while working on it: no training (the model `make train`
made), the stock bot's model from an earlier run reused, only the stock bot and the embedded
assistant, the concurrencies given by `--concurrency`; it prints CPU ms per turn and latency per
message of the conversation, and writes nothing to BENCHMARKS.md.

    .venv/bin/python scripts/bench.py --quick [--concurrency 1,50] [--short-seconds 20] [--seconds 60]
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
import ssl
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Callable, Dict, List

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from deploy.stack import BIN, Stack  # noqa: E402

VAR = REPO / "var" / "bench"
MODEL = VAR / "model" / "assistant.tar.gz"
ASSISTANT_TURNS = ["hello", "who do I call in Mansfield?", "out of hours number", "what are the thresholds?", "thanks"]
STOCK_TURNS = ["hello", "I am sad", "yes", "goodbye"]
MAX_REQUESTS = 200_000
REQUEST_TIMEOUT = 60
TICKS = os.sysconf("SC_CLK_TCK")

# A setup's processes, by name: a function returning {name: [pid, ...]} at the time of asking.
Processes = Callable[[], Dict[str, List[int]]]


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


def cpu_seconds(pids) -> float:
    """User + system CPU time the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / TICKS


def machine_cpu() -> tuple:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def machine_load() -> str:
    load1, load5, load15 = os.getloadavg()
    return f"load average {load1:.2f} / {load5:.2f} / {load15:.2f} (1 / 5 / 15 min) on {os.cpu_count()} cores"


def first_answer(url: str, started: float, timeout: float = 600, context: ssl.SSLContext = None) -> float:
    """Seconds from `started` until the webhook at `url` answers a message."""
    deadline = time.monotonic() + timeout
    probe = f"bench-probe-{uuid.uuid4().hex}"
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(f"{url}/webhooks/rest/webhook",
                                             f'{{"sender":"{probe}","message":"hello"}}'.encode(),
                                             {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10, context=context) as response:  # noqa: S310 (loopback)
                if response.status == 200 and response.read() not in (b"", b"[]"):
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


async def load(url: str, turns: list, concurrency: int, seconds: float, context: ssl.SSLContext = None) -> dict:
    latencies, errors, sent = [], 0, 0
    by_message: Dict[str, list] = {message: [] for message in turns}
    deadline = time.monotonic() + seconds

    async def user(session: aiohttp.ClientSession) -> None:
        nonlocal errors, sent
        while time.monotonic() < deadline and sent < MAX_REQUESTS:
            sender = f"bench-{uuid.uuid4().hex}"
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
                by_message[message].append(latencies[-1])
                errors += 0 if ok else 1

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=concurrency, ssl=context)) as session:
        started = time.monotonic()
        await asyncio.gather(*(user(session) for _ in range(concurrency)))
        elapsed = time.monotonic() - started
    return {"concurrency": concurrency, "seconds": elapsed, "turns": len(latencies), "errors": errors,
            "turns_per_s": len(latencies) / elapsed, "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "p99": percentile(latencies, 99), "mean": statistics.mean(latencies) * 1000 if latencies else float("nan"),
            "by_message": {message: (percentile(values, 50), percentile(values, 95)) for message, values in by_message.items()}}


def percentile(latencies: list, p: float) -> float:
    """The p-th percentile of latencies in seconds, in ms."""
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else float("nan")


def measured_load(url: str, turns: list, concurrency: int, seconds: float, processes: Processes,
                  context: ssl.SSLContext = None) -> dict:
    """One load run, with the CPU each of the setup's processes, this load generator and the whole
    machine used during it (in cores: 1.0 is one core busy all the time)."""
    pids = processes()
    own = [os.getpid()]
    before = {name: cpu_seconds(group) for name, group in pids.items()}
    own_before, machine_before, clock = cpu_seconds(own), machine_cpu(), time.monotonic()
    result = asyncio.run(load(url, turns, concurrency, seconds, context))
    elapsed = time.monotonic() - clock
    machine_after = machine_cpu()
    result["cores"] = {name: (cpu_seconds(group) - before[name]) / elapsed for name, group in pids.items()}
    result["cores"]["load generator"] = (cpu_seconds(own) - own_before) / elapsed
    busy, total = (after - start for after, start in zip(machine_after, machine_before))
    result["machine_busy"] = busy / total if total else float("nan")
    served = sum(value for name, value in result["cores"].items() if name != "load generator")
    result["cpu_ms_per_turn"] = served * elapsed / max(result["turns"], 1) * 1000
    return result


def run_loads(url: str, turns: list, args, processes: Processes, context: ssl.SSLContext = None) -> list:
    results = []
    for concurrency in args.concurrency:
        seconds = args.seconds if concurrency == 50 else args.short_seconds
        results.append(measured_load(url, turns, concurrency, seconds, processes, context))
        run = results[-1]
        print(f"  c={concurrency}: {run['turns_per_s']:.1f} turns/s, p95 {run['p95']:.0f} ms, errors {run['errors']}, "
              f"machine {run['machine_busy']:.0%} busy, " + ", ".join(f"{k} {v:.2f}" for k, v in run["cores"].items()),
              flush=True)
        if args.quick:
            print(f"    CPU {run['cpu_ms_per_turn']:.1f} ms/turn, p50 {run['p50']:.0f} ms; p50/p95 ms by message: "
                  + "; ".join(f"{m!r} {p50:.0f}/{p95:.0f}" for m, (p50, p95) in run["by_message"].items()), flush=True)
    return results


def stop_group(process: subprocess.Popen) -> None:
    os.killpg(process.pid, 15)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


def train_assistant() -> float:
    """`scripts/train` from scratch (no model cache, empty Rasa cache): the wall time of `make train`."""
    shutil.rmtree(MODEL.parent, ignore_errors=True)
    shutil.rmtree(VAR / "rasa-cache", ignore_errors=True)
    env = dict(os.environ, MODEL_OUT=str(MODEL.parent), MODEL_CACHE="", RASA_CACHE_DIRECTORY=str(VAR / "rasa-cache"),
               TRAIN_LOG=str(VAR / "train.log"))
    started = time.monotonic()
    subprocess.run([str(REPO / "scripts" / "train")], cwd=REPO, env=env, check=True)
    return time.monotonic() - started


def bench_stock(args) -> dict:
    directory = VAR / "stock"
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false")
    trained = sorted((directory / "models").glob("*.tar.gz")) if args.quick else []
    started = time.monotonic()
    if not trained:
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        with open(VAR / "stock-train.log", "w") as log:
            subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(directory)], cwd=directory, env=env,
                           check=True, stdout=log, stderr=subprocess.STDOUT)
    train_seconds = time.monotonic() - started
    model = next((directory / "models").glob("*.tar.gz"))
    argv = [str(BIN / "rasa"), "run", "--model", str(model), "-i", "127.0.0.1", "--port", "6301"]
    result = bench_process("Stock starter bot (rasa init), 1 process", argv, directory, env, "stock-run.log",
                           "http://127.0.0.1:6301", STOCK_TURNS, args)
    return dict(result, train_seconds=train_seconds)


def by_role(pid: int) -> Dict[str, List[int]]:
    """The processes under `pid`, named by what they run (the Rasa server, the action server)."""
    groups: Dict[str, List[int]] = {}
    for child in descendants(pid):
        try:
            argv = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        line = b" ".join(argv)
        name = ("action server" if b"rasa_sdk" in line or b"run actions" in line or b"action_server" in line
                else "Rasa server" if b"rasa" in line else "other")
        groups.setdefault(name, []).append(child)
    return groups


def bench_process(name: str, argv: list, cwd: Path, env: dict, log: str, url: str, turns: list, args) -> dict:
    """Start `argv` (its own process group), time its first answer, load it, measure it, stop it."""
    started = time.monotonic()
    with open(VAR / log, "w") as out:
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        result = {"name": name, "startup": first_answer(url, started)}
        result["loads"] = run_loads(url, turns, args, lambda: by_role(process.pid))
        result["rss_mb"] = rss_mb(descendants(process.pid))
    finally:
        stop_group(process)
    return result


def bench_embedded(args) -> dict:
    model = REPO / "models" / "assistant.tar.gz" if args.quick else MODEL
    env = dict(os.environ, BOT_PORT="6311", ACTION_PORT="6312", WIDGET="0", TRACKER_DB=str(VAR / "tracker.db"), MODEL=str(model))
    (VAR / "tracker.db").unlink(missing_ok=True)
    return bench_process("Assistant, embedded default (make run: SQLite, 1 process)", [str(REPO / "scripts" / "serve")],
                         REPO, env, "embedded.log", "http://127.0.0.1:6311", ASSISTANT_TURNS, args)


def bench_production(args) -> dict:
    shutil.rmtree(VAR / "prod", ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "ENABLE_API")}
    stack = Stack(var=VAR / "prod", proxy_port=6320, env=dict(env, RATE_LIMIT="100000r/s", RATE_BURST="100000"), model=MODEL)

    def processes() -> Dict[str, List[int]]:
        return {name: descendants(service.process.pid) for name, service in stack.services.items() if service.running()}

    started = time.monotonic()
    try:
        stack.start_all()
        startup = first_answer(stack.url, started, context=stack.tls_context())
        result = {"name": "Assistant, production mode (make run-prod: PostgreSQL, Redis, 2 replicas, nginx)", "startup": startup}
        result["loads"] = run_loads(stack.url, ASSISTANT_TURNS, args, processes, stack.tls_context())
        result["rss_mb"] = rss_mb(pid for group in processes().values() for pid in group)
    finally:
        stack.stop_all()
    return result


def limit(result: dict) -> str:
    """What limits a setup, read from its 50-user run: the whole machine's CPU, one process's
    single Python thread, or neither (then it waits on something else)."""
    run = result["loads"][-1]
    cores = sorted(run["cores"].items(), key=lambda item: -item[1])
    shares = ", ".join(f"{name} {value:.2f}" for name, value in cores if value >= 0.01)
    top_name, top = cores[0]
    if run["machine_busy"] >= 0.9:
        why = f"the CPU: the {os.cpu_count()} cores were {run['machine_busy']:.0%} busy"
    elif top >= 0.9:
        why = f"one process, the {top_name}, busy for {top:.2f} of a core (one Python thread does every turn's work)"
    else:
        why = f"neither the CPU ({run['machine_busy']:.0%} busy) nor one process: turns wait on I/O or locks"
    return (f"{result['name']}: at 50 users limited by {why}. Cores used, by process: {shares}. "
            f"CPU per turn: {run['cpu_ms_per_turn']:.0f} ms.")


def write_report(results: list, args, before: str, after: str, train_seconds: float, intent_cost: dict) -> None:
    stock = results[0]
    lines = ["# Benchmarks", "",
             f"Measured by `make bench` (scripts/bench.py) on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
             f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}. "
             "All traffic on 127.0.0.1; every figure below comes from this one run.", "",
             f"Machine load: at the start {before}; at the end {after}.", "",
             "## Training from scratch", "",
             f"- The assistant: {train_seconds:.0f} s (`scripts/train`, which `make train` runs: data validation, "
             "NLU and dialogue policies, no cached model or component).",
             f"- Stock starter bot: {stock['train_seconds']:.0f} s (`rasa init --no-prompt`).", "",
             "## Load", "",
             "Conversation per simulated user (a fresh sender each time): "
             + " → ".join(f'"{t}"' for t in ASSISTANT_TURNS)
             + "; the stock bot: " + " → ".join(f'"{t}"' for t in STOCK_TURNS) + ".", "",
             f"Concurrency 1 and 10 ran {args.short_seconds:g} s each, concurrency 50 ran {args.seconds:g} s. "
             "An error is a non-200 status, a timeout, or an empty reply. The ratios are to the stock bot at the same "
             "concurrency (throughput: higher is better; p95: lower is better). CPU ms per turn is the CPU time all "
             "of the setup's processes used, divided by the turns served.", "",
             "| setup | concurrency | turns | errors | turns/s | vs stock | p50 ms | p95 ms | p95 vs stock | p99 ms | CPU ms/turn |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        for run, base in zip(result["loads"], stock["loads"]):
            lines.append(f"| {result['name']} | {run['concurrency']} | {run['turns']} | {run['errors']} | {run['turns_per_s']:.1f} | "
                         f"{run['turns_per_s'] / base['turns_per_s']:.2f}× | {run['p50']:.0f} | {run['p95']:.0f} | "
                         f"{run['p95'] / base['p95']:.2f}× | {run['p99']:.0f} | {run['cpu_ms_per_turn']:.0f} |")
    lines += ["", "| setup | startup to first answer | memory (RSS, all its processes, after the load) |", "| --- | ---: | ---: |"]
    for result in results:
        lines.append(f"| {result['name']} | {result['startup']:.0f} s | {result['rss_mb']:.0f} MB |")
    lines += ["", "## What limits each setup", ""] + [f"- {limit(result)}" for result in results] + [""]
    lines += intent_model_section(intent_cost)
    (REPO / "BENCHMARKS.md").write_text("\n".join(lines) + kept_sections())


def intent_model_cost() -> dict:
    """What the intent model costs one message, as the server reads it: the words model alone, and
    the sentence encoder plus second regression for the messages the words model is unsure of.
    The bench's scripted turns may all be "sure", so the share of the dev sets' messages (typed
    as people type) that are encoded is measured too, and the encoder is timed on those."""
    import resource
    import tarfile
    import tempfile

    import yaml
    from rasa.shared.nlu.training_data.loading import load_data

    from nlu_components.intent_classifier import FILE, READER_FILE, _load_trusted, with_meaning
    from nlu_components.sentence_encoder import shared_encoder

    settings = next(c for c in yaml.safe_load((REPO / "config.yml").read_text())["pipeline"]
                    if c["name"].endswith("WeightedWordsClassifier"))
    with tempfile.TemporaryDirectory() as unpacked:
        with tarfile.open(MODEL) as archive:
            archive.extractall(unpacked)
        words, reader = (_load_trusted(next(Path(unpacked).rglob(name))) for name in (FILE, READER_FILE))
    texts = [m.get("text") for path in sorted((REPO / "tests" / "nlu").glob("dev_nlu*.yml"))
             for m in load_data(str(path)).intent_examples]
    shared_encoder()

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def timed(read, messages: list) -> tuple:
        wall, started_cpu = [], cpu()
        for text in messages:
            started = time.perf_counter()
            read(text)
            wall.append(time.perf_counter() - started)
        return wall, (cpu() - started_cpu) * 1000 / len(messages)

    unsure = [t for t in texts if words.predict_proba([t]).max() < settings["encoder_below"]]
    scripted = [t for t in ASSISTANT_TURNS if words.predict_proba([t]).max() < settings["encoder_below"]]
    words_wall, words_cpu = timed(lambda t: words.predict_proba([t]), texts)
    reader_wall, reader_cpu = timed(
        lambda t: reader.predict_proba(with_meaning(words[:-1].transform([t]), [t], settings["meaning_weight"])), unsure)
    return {"messages": len(texts), "unsure": len(unsure), "bar": settings["encoder_below"], "scripted": scripted,
            "words": (percentile(words_wall, 50), percentile(words_wall, 95), words_cpu),
            "reader": (percentile(reader_wall, 50), percentile(reader_wall, 95), reader_cpu)}


def intent_model_section(cost: dict) -> list:
    (w50, w95, wcpu), (r50, r95, rcpu) = cost["words"], cost["reader"]
    return ["## The intent model, one message at a time", "",
            f"Of the {cost['messages']} dev-set messages (tests/nlu/dev_nlu*.yml), {cost['unsure']} "
            f"({cost['unsure'] / cost['messages']:.0%}) are below the words model's bar ({cost['bar']:g}) and are read "
            "again with their sentence embedding; the others cost the words model only. "
            + (f"Of the scripted turns above, {len(cost['scripted'])} ("
               + ", ".join(f'"{t}"' for t in cost["scripted"]) + ") are encoded. " if cost["scripted"] else
               "None of the scripted turns above is encoded, so the load figures do not include the encoder; "
               "typed as the dev sets are, about that share of turns would each add the second row's cost. ")
            + "Timed in the bench process, one message at a time, on one core:", "",
            "| part | messages | p50 ms | p95 ms | CPU ms a message |", "| --- | ---: | ---: | ---: | ---: |",
            f"| words model (every message) | {cost['messages']} | {w50:.1f} | {w95:.1f} | {wcpu:.1f} |",
            f"| sentence encoder + second regression (unsure messages only) | {cost['unsure']} | {r50:.1f} | {r95:.1f} | {rcpu:.1f} |",
            ""]


def kept_sections() -> str:
    """Sections other benchmarks own (## Place resolution, from scripts/bench_places.py), kept as they are."""
    path = REPO / "BENCHMARKS.md"
    text = path.read_text() if path.exists() else ""
    start = text.find("\n## Place resolution")
    return "\n" + text[start + 1:] if start >= 0 else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="duration at concurrency 50")
    parser.add_argument("--short-seconds", type=float, default=20, help="duration at concurrency 1 and 10")
    parser.add_argument("--quick", action="store_true", help="stock bot and embedded assistant only, no training, "
                        "figures printed (not written to BENCHMARKS.md)")
    parser.add_argument("--concurrency", type=lambda text: [int(n) for n in text.split(",")], default=[1, 10, 50],
                        help="comma-separated concurrencies (default 1,10,50)")
    args = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    before = machine_load()
    if args.quick:
        print(f"== {before}", flush=True)
        for bench in (bench_stock, bench_embedded):
            print(f"== {bench.__name__}", flush=True)
            bench(args)
        print(f"== {machine_load()}", flush=True)
        return 0
    print(f"== {before}\n== training the assistant from scratch", flush=True)
    train_seconds = train_assistant()
    print(f"  {train_seconds:.0f} s", flush=True)
    results = []
    for bench in (bench_stock, bench_embedded, bench_production):
        print(f"== {bench.__name__}", flush=True)
        results.append(bench(args))
    print("== the intent model, one message at a time", flush=True)
    intent_cost = intent_model_cost()
    write_report(results, args, before, machine_load(), train_seconds, intent_cost)
    print((REPO / "BENCHMARKS.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
