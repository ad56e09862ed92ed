-- Schema version 1. Frozen: once released, this file never changes; later versions add scripts.
-- Dates are TEXT 'yyyy-MM-ddTHH:mm:ss.fffffffZ' (UTC, fixed width, so text order is time order).
-- Hashes are XxHash3-64 of UTF-16LE text, stored as signed 64-bit integers.
CREATE TABLE memories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE BINARY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    unit_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    memory_id INTEGER NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
    source_text TEXT NOT NULL,
    source_tags TEXT,
    target_text TEXT NOT NULL,
    target_tags TEXT,
    source_hash INTEGER NOT NULL,
    target_hash INTEGER NOT NULL,
    pair_hash INTEGER NOT NULL,
    prev_source TEXT,
    next_source TEXT,
    external_id TEXT,
    props TEXT,
    notes TEXT,
    created_by TEXT,
    created_at TEXT,
    changed_by TEXT,
    changed_at TEXT,
    usage_count INTEGER NOT NULL DEFAULT 0,
    last_used_at TEXT
);

-- (memory_id, rowid): paging in id order, the cascade on memory delete.
CREATE INDEX units_by_memory ON units (memory_id);
-- Exact lookup on either side: hash first, text compared after.
CREATE INDEX units_by_source ON units (memory_id, source_hash);
CREATE INDEX units_by_target ON units (memory_id, target_hash);
-- Duplicate detection on add and import.
CREATE INDEX units_by_pair ON units (memory_id, pair_hash);
