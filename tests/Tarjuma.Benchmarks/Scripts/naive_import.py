#!/usr/bin/env python3
"""The naive TMX importer the `import-process` benchmark compares `tarjuma import` with.

What a peer would write in an afternoon: xml.etree iterparse over the TMX, the first two <tuv>s of
each <tu> (source and target text, inline markup flattened to its text), executemany into one table
in one SQLite transaction. No NFC, no dedup, no validation, no hashes, no indexes: a floor, not a
competitor. Usage: naive_import.py FILE.tmx DATABASE; prints "units N" on stdout.
"""
import sqlite3
import sys
import xml.etree.ElementTree as ET

BATCH = 10_000


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: naive_import.py FILE.tmx DATABASE", file=sys.stderr)
        return 2
    tmx, database = sys.argv[1], sys.argv[2]
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE IF NOT EXISTS units (id INTEGER PRIMARY KEY, source_text TEXT NOT NULL, target_text TEXT NOT NULL)")
    connection.execute("BEGIN")
    rows, count = [], 0
    for _, element in ET.iterparse(tmx, events=("end",)):
        if element.tag != "tu":
            continue
        segs = ["".join(tuv.find("seg").itertext()) for tuv in element.findall("tuv")[:2]]
        if len(segs) == 2:
            rows.append((segs[0], segs[1]))
        # Clearing the finished <tu> keeps memory flat (the root keeps an empty element per unit).
        element.clear()
        if len(rows) >= BATCH:
            connection.executemany("INSERT INTO units (source_text, target_text) VALUES (?, ?)", rows)
            count += len(rows)
            rows.clear()
    connection.executemany("INSERT INTO units (source_text, target_text) VALUES (?, ?)", rows)
    count += len(rows)
    connection.execute("COMMIT")
    connection.close()
    print(f"units {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
