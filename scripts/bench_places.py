"""Place resolution benchmark: 10,000 random look-ups (names, outward codes, sectors, full postcodes).

Prints p50/p95/p99 per query and the memory the resolver's indexes add (tracemalloc, Python
allocations), and writes them to the "Place resolution" section of BENCHMARKS.md, leaving the rest
of that file as it is. A printed measurement, not a test: figures depend on the machine's load.
Run: `make bench-places`.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import random
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.knowledge.base import KnowledgeBase  # noqa: E402
from bot.places import PlaceResolver  # noqa: E402

QUERIES = 10_000
HEADING = "## Place resolution"


def queries(kb: KnowledgeBase, count: int, seed: int = 13) -> list:
    """A quarter each: place and council names, outward codes, sectors, full postcodes."""
    rng = random.Random(seed)
    names = sorted({entry.name for entry in kb.places if entry.area_id})
    districts = sorted(row.code for row in kb.postcodes if row.kind == "district")
    sectors = sorted(row.code for row in kb.postcodes if row.kind == "sector")
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    made = []
    for index in range(count):
        kind = index % 4
        if kind == 0:
            made.append(rng.choice(names))
        elif kind == 1:
            made.append(rng.choice(districts))
        elif kind == 2:
            made.append(rng.choice(sectors))
        else:
            made.append(f"{rng.choice(sectors)}{rng.choice(letters)}{rng.choice(letters)}")
    return made


def timed(call, inputs) -> tuple:
    """Per-call milliseconds: wall clock, and the calling thread's CPU time."""
    wall, cpu = [], []
    for item in inputs:
        start, start_cpu = time.perf_counter(), time.thread_time()
        call(item)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def _cuts(values: list) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"{cuts[49]:.3f} | {cuts[94]:.3f} | {cuts[98]:.3f} | {max(values):.3f}"


def main() -> int:
    kb = KnowledgeBase()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    built = time.perf_counter()
    resolver = PlaceResolver(kb.places, kb.postcodes)
    build_seconds = time.perf_counter() - built
    added_mb = (tracemalloc.get_traced_memory()[0] - before) / 2**20
    tracemalloc.stop()
    chosen = queries(kb, QUERIES)
    for query in chosen[:200]:  # warm up
        resolver.resolve(query)
    statuses = {}
    for query in chosen:
        result = resolver.resolve(query)
        statuses[result.status] = statuses.get(result.status, 0) + 1
    sentences = [f"Hello, I'm a teacher and I'm worried about a child who lives in {q}, who do I call please?" for q in chosen[:2000]]
    rows = []
    for label, call, inputs in (("`resolve` (one name or postcode)", resolver.resolve, chosen),
                                ("`mentioned_in` (a 20-word message)", resolver.mentioned_in, sentences)):
        wall, cpu = timed(call, inputs)
        rows += [f"| {label}, wall clock | {_cuts(wall)} |", f"| {label}, CPU time of the thread | {_cuts(cpu)} |"]
    load = os.getloadavg()
    now = dt.datetime.now(dt.timezone.utc)
    lines = [
        HEADING, "",
        f"Measured by `make bench-places` (scripts/bench_places.py) on {now:%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average {load[0]:.1f} (1 min) at the end, "
        "other engineers' trainings and servers sharing the machine.", "",
        f"{QUERIES:,} random queries from the knowledge base (a quarter each: place and council names, outward codes, "
        "sectors, full postcodes made from a random sector), answered by `PlaceResolver.resolve` from its in-memory "
        f"indexes; then 2,000 of them inside a sentence for `mentioned_in`. Answers: "
        + ", ".join(f"{status} {count:,}" for status, count in sorted(statuses.items())) + ".", "",
        "| what | p50 ms | p95 ms | p99 ms | max ms |", "| --- | ---: | ---: | ---: | ---: |", *rows, "",
        "Wall-clock figures include time the process waited for a core on this shared machine; the CPU time of the "
        "thread is the work itself.", "",
        f"Memory added by the resolver's indexes: {added_mb:.1f} MB (tracemalloc, Python allocations while building "
        f"it from the {len(kb.places):,} names and {len(kb.postcodes):,} postcode rows already in memory); built in "
        f"{build_seconds:.2f} s, once per action server.",
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    path = REPO / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
