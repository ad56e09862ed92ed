-- Schema version 3: the change log. Every write that changes units or memories adds entries here in
-- its own transaction; a process serving the database reads them after its last position to keep its
-- indexes current with writes made by other processes (the command line, other servers).
-- seq is AUTOINCREMENT: never reused, even after pruning, so positions only grow.
-- memory is the name (the row may be gone); kind is one of the frozen strings below.
CREATE TABLE changes (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT NOT NULL CHECK (kind IN ('upsert', 'delete', 'memory-created', 'memory-deleted', 'bulk')),
    memory  TEXT NOT NULL,
    unit_id INTEGER,
    at      TEXT NOT NULL
) STRICT;

-- One row: entries up to pruned_through have been deleted; a reader behind it must reload everything.
CREATE TABLE change_log (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    pruned_through INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO change_log (id, pruned_through) VALUES (1, 0);
