-- Schema version 5 (issue #12): the hash indexes lead with the hash. Every query that uses them names
-- both columns with =, so each is served as before, rows in id order. With memory_id first, nearly all
-- keys tie on it, so the sort that builds an index (an import into an empty memory rebuilds them) took
-- SQLite's slow comparison for almost every pair of keys (sqlite3 shell, an index of 950,000 units with a
-- 64 MB cache: 1.11-1.78 s with memory_id first, 0.84-0.91 s with the hash first).
DROP INDEX units_by_source;
DROP INDEX units_by_target;
DROP INDEX units_by_pair;
CREATE INDEX units_by_source ON units (source_hash, memory_id);
CREATE INDEX units_by_target ON units (target_hash, memory_id);
CREATE INDEX units_by_pair ON units (pair_hash, memory_id);
