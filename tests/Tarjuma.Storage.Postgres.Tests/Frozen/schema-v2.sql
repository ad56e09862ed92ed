-- PostgreSQL schema version 2 (issue #15, bulk import). Frozen once released, like version 1.
-- units.memory_id loses its foreign key: PostgreSQL checks one with a trigger and a query per inserted
-- row, the largest single cost of a COPY import after the indexes. The store keeps the rule itself:
-- every write to a memory's units holds the memory's row lock (SELECT … FOR UPDATE) and deleting a
-- memory deletes its units in the same transaction, so no unit outlives its memory.
ALTER TABLE units DROP CONSTRAINT units_memory_id_fkey;
-- Duplicate detection probes units_by_source (equal content has an equal source hash) and checks
-- pair_hash on the row, so the fourth random-order B-tree each inserted row paid for goes.
DROP INDEX units_by_pair;
