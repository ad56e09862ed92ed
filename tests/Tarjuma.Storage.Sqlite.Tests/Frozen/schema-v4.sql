-- Schema: each memory's abbreviations for segmentation (issue #17). Numbered 0004 to follow the
-- change log's 0003, written in parallel; renumber at merge if needed.
-- origin (frozen values): 0 learned from the memory's source segments, 1 added by an
-- administrator, 2 removed by an administrator (never used, even when learned again).
-- Evidence columns are set for learned rows only; position keeps the learned order (best first)
-- and the order of an administrator's edits.
CREATE TABLE memory_abbreviations (
    memory_id      INTEGER NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
    origin         INTEGER NOT NULL CHECK (origin IN (0, 1, 2)),
    abbreviation   TEXT NOT NULL,
    position       INTEGER NOT NULL,
    score          REAL,
    with_period    INTEGER,
    without_period INTEGER,
    continuation   REAL,
    PRIMARY KEY (memory_id, origin, abbreviation)
) STRICT;

-- When the learned list was last replaced, and from how many units.
CREATE TABLE memory_abbreviation_learning (
    memory_id          INTEGER PRIMARY KEY NOT NULL REFERENCES memories (id) ON DELETE CASCADE,
    learned_from_units INTEGER NOT NULL,
    learned_at         TEXT NOT NULL
) STRICT;
