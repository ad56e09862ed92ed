-- Schema version 2: API keys. Only SHA-256 of the secret is stored (never the secret).
-- grants is JSON: [{"m":"memory or *","a":"read|write"}].
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
    is_admin    INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    grants      TEXT NOT NULL DEFAULT '[]',
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
) STRICT;
