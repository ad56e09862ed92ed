#!/usr/bin/env bash
# A throwaway PostgreSQL for the pg-trgm comparison benchmark (never for the server's data):
# a cluster in /tmp/tarjuma-pg on port 5433, socket in /tmp, trust auth for the local user postgres.
# Needs Debian's postgresql (with contrib, for pg_trgm): apt-get install -y postgresql.
# Stop it with: su postgres -c "$BIN/pg_ctl -D /tmp/tarjuma-pg stop"
set -euo pipefail
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$BIN" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 1; }
DATA=/tmp/tarjuma-pg
run() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA" && { [ "$(id -u)" != 0 ] || chown postgres "$DATA"; }
  run "$BIN/initdb -D $DATA -A trust -U postgres" > /dev/null
fi
run "$BIN/pg_ctl -D $DATA -o '-p 5433 -k /tmp' -l $DATA.log -w start" > /dev/null || true
run "$BIN/pg_isready -h /tmp -p 5433" 
echo 'connection: "Host=/tmp;Port=5433;Username=postgres;Database=postgres"'
