"""`python -m bot.knowledge.cli load|check`: the knowledge base's command line.

- load: validate knowledge/ and bring the database (KNOWLEDGE_DB_URL or var/knowledge.db) in line
  with it, rewriting only the files that changed
- check: validate, load into a scratch database, and print the counts a reviewer needs
- synonyms: write data/nlu/synonyms.yml from the concepts' aliases (bot/knowledge/synonyms.py)

Places are not NLU lookup tables: the actions resolve them from the message text (bot/places.py).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter

from bot.knowledge import synonyms
from bot.knowledge.base import KnowledgeBase, stale
from bot.knowledge.schema import GENERAL_KNOWLEDGE, Area, NameList, PostcodeTable
from bot.knowledge.store import KnowledgeError, _facts, connect, in_memory_engine, load, parse_all


def cmd_load(_args) -> int:
    engine = connect()
    count = load(engine)
    print(f"Knowledge database up to date: {count} file(s) rewritten in {engine.url!r}")  # repr hides the password
    if count:
        print("A running action server answers from it within seconds (actions/shared.py); restart the Rasa server "
              "(make run) for its own copy: the checks of button payloads and the national route it sends when a part is down.")
    return 0


def cmd_synonyms(_args) -> int:
    try:
        changed = synonyms.write()
    except ValueError as error:  # a malformed concept, or an alias another synonym already claims
        print(f"Synonyms not written: {error}", file=sys.stderr)
        return 1
    print(f"{synonyms.GENERATED.relative_to(synonyms.ROOT)} {'rewritten' if changed else 'up to date'} from the concepts' aliases")
    return 0


def cmd_check(args) -> int:
    files = parse_all()
    parsed = [(file.path, file.item) for file in files]
    today = args.today or dt.date.today()
    facts = [(path, fact_path, fact, item) for path, item in parsed for fact_path, fact in _facts(item)]
    unsourced = [f"{p.name}: {fp}" for p, fp, fact, _ in facts if not fact.sources]
    old = [f"{p.name}: {fp} (checked {fact.checked})" for p, fp, fact, _ in facts if stale(fact, today)]
    read_from = Counter()
    for _, _, fact, item in facts:
        kinds = {item.sources[key].read_from for key in fact.sources}
        best = next((kind for kind in ("live page", "archived copy", "seed document", "reference file") if kind in kinds), "general knowledge only")
        read_from[best] += 1
    areas = [item for _, item in parsed if isinstance(item, Area)]
    names = [item for _, item in parsed if isinstance(item, NameList)]
    tables = [item for _, item in parsed if isinstance(item, PostcodeTable)]
    places = sum(len(area.places) for area in areas)
    on_general = sum(1 for area in areas for place in area.places if all(area.sources[k].url == GENERAL_KNOWLEDGE for k in place.sources))
    conflicts = [(p.name, c) for p, item in parsed for c in getattr(item, "conflicts", [])]
    unknown = [(area.id, gap) for area in areas for gap in area.unknown]
    low = [(area.id, contact) for area in areas for contact in area.contacts if contact.confidence == "low"]
    # A real load into a throwaway database proves the files survive the round trip.
    KnowledgeBase(in_memory_engine(files))
    seeds = sorted(area.id for path, area in ((p, i) for p, i in parsed if isinstance(i, Area)) if path.parent.name == "areas")
    print(f"Councils covered (children's services authorities): {len(areas)} ({len(seeds)} checked in depth: {', '.join(seeds)})")
    print(f"Councils with a front-door number: {sum(1 for a in areas if any(c.role == 'front_door' for c in a.contacts))}")
    print(f"Councils with an out-of-hours number: {sum(1 for a in areas if any(c.role == 'out_of_hours' for c in a.contacts))}")
    print(f"Low-confidence facts (said plainly, never shown as certain): {len(low)}")
    if args.verbose:
        for area_id, contact in low:
            print(f"  - {area_id}: {contact.role} {contact.phone}")
    print(f"Facts (contacts, documents, tools, definitions, links): {len(facts)}")
    print(f"Facts without a source: {len(unsourced)}")
    for line in unsourced:
        print(f"  - {line}")
    print(f"Facts checked more than 12 months before {today}: {len(old)}")
    for line in old:
        print(f"  - {line}")
    print("Facts by the best kind of source read: " + ", ".join(f"{k} {v}" for k, v in sorted(read_from.items())))
    print(f"Place names in the area files: {places} ({on_general} from general knowledge, not a published source)")
    print("Names that lead to a council or nation: " + ", ".join(
        f"{section.replace('_', ' ')} {sum(len(v) for item in names for v in getattr(item, section).values())}"
        for section in ("places", "council_names", "districts", "aliases", "nation_places", "towns", "short_names"))
        + f" (aliases, other nations' places, towns and short names: general knowledge); gazetteer rows left out as inconsistent: {sum(len(item.left_out) for item in names)}")
    print("Postcode rows: " + ", ".join(f"{section.replace('_', ' ')} {sum(len(getattr(t, section)) for t in tables)}"
                                        for section in ("districts", "sectors", "exceptions", "beyond_england")))
    print(f"Recorded conflicts between sources: {len(conflicts)} ({sum(1 for _, c in conflicts if c.stated is None)} unresolved)")
    if args.verbose:
        for name, conflict in conflicts:
            print(f"  - {name}: {conflict.about} -> {conflict.stated or 'not stated (unresolved)'}")
    print(f"Facts recorded as unknown (said plainly, never guessed): {len(unknown)}")
    if args.verbose:
        for area_id, gap in unknown:
            print(f"  - {area_id}: {gap}")
    return 1 if unsourced else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.knowledge.cli")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("load").set_defaults(run=cmd_load)
    sub.add_parser("synonyms").set_defaults(run=cmd_synonyms)
    check = sub.add_parser("check")
    check.add_argument("--today", type=dt.date.fromisoformat)
    check.add_argument("-v", "--verbose", action="store_true")
    check.set_defaults(run=cmd_check)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KnowledgeError as error:
        print(f"Knowledge base did not load:\n{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
