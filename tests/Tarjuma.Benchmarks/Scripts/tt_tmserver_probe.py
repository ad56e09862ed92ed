"""Why Translate Toolkit's tmserver is slow on a large memory: times its own lookup (translate.storage.tmdb,
the code its tmserver runs for GET /tmserver/{src}/{tgt}/unit/{text}) per query, split into the SQL
candidate query and the Levenshtein scoring, with the candidate count and SQLite's query plan.

usage: /usr/bin/python3 tt_tmserver_probe.py TT_DB QUERIES_FILE [N] [MAX_CANDIDATES] [MIN_SIMILARITY]
(the files the protocol-latency benchmark keeps with --keep DIR: tt.db, queries-en.txt)
"""
import sys
import time

from translate.storage import tmdb

db_file, queries_file = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10
max_candidates = int(sys.argv[4]) if len(sys.argv) > 4 else 5
min_similarity = int(sys.argv[5]) if len(sys.argv) > 5 else 70
db = tmdb.TMDB(db_file, max_candidates=max_candidates, min_similarity=min_similarity)
print(f"fulltext (fts3) table used: {bool(db.fulltext)}; rows: "
      f"{db.cursor.execute('SELECT COUNT(*) FROM sources').fetchone()[0]} sources, "
      f"languages {db.cursor.execute('SELECT DISTINCT lang FROM sources').fetchall()}"
      f" -> {db.cursor.execute('SELECT DISTINCT lang FROM targets').fetchall()}")

queries = [line.rstrip("\n") for line in open(queries_file, encoding="utf-8")][:count]
for text in queries:
    words = [w for w in tmdb.STRIP_REGEXP.sub(" ", text).split() if len(w) > 2]
    minlen = tmdb.min_levenshtein_length(len(text), min_similarity)
    maxlen = tmdb.max_levenshtein_length(len(text), min_similarity, db.max_length)
    fts = bool(db.fulltext) and len(words) > 3
    if fts:
        sql = ("SELECT s.text, t.text FROM sources s JOIN targets t ON s.sid = t.sid JOIN fulltext f ON s.sid = f.docid "
               "WHERE s.lang IN (?) AND t.lang IN (?) AND s.length BETWEEN ? AND ? AND fulltext MATCH ?")
        params = ("en", "tg", minlen, maxlen, " OR ".join(words))
    else:
        sql = ("SELECT s.text, t.text FROM sources s JOIN targets t ON s.sid = t.sid "
               "WHERE s.lang IN (?) AND t.lang IN (?) AND s.length >= ? AND s.length <= ?")
        params = ("en", "tg", minlen, maxlen)
    plan = " | ".join(row[-1] for row in db.cursor.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    start = time.perf_counter()
    rows = db.cursor.execute(sql, params).fetchall()
    sql_seconds = time.perf_counter() - start
    start = time.perf_counter()
    scored = [db.comparer.similarity(text, row[0], min_similarity) for row in rows]
    score_seconds = time.perf_counter() - start
    start = time.perf_counter()
    results = db.translate_unit(text, "en", "tg")
    total = time.perf_counter() - start
    print(f"{'fts' if fts else 'scan'} words={len(words)} length {minlen}-{maxlen}: {len(rows)} candidates, "
          f"SQL {sql_seconds * 1000:.0f} ms, scoring {score_seconds * 1000:.0f} ms, translate_unit {total * 1000:.0f} ms, "
          f"{len(results)} results (best {max(scored, default=0)}); plan: {plan}")
