#!/usr/bin/env bash
# Install (Debian packages, as root, idempotent) and start every service the test suite
# needs: PostgreSQL 15 with contrib and RUM, Redis, Chromium and fonts. Waits until each
# answers. Used by `.ci/run` and `make services`; this machine kind starts no services.
#
# Environment (all optional):
#   PGPORT (5432)  REDIS_PORT (6379)  TEST_DB_PASSWORD (postgres)  SKIP_APT=1
set -euo pipefail

PGPORT="${PGPORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
TEST_DB_PASSWORD="${TEST_DB_PASSWORD:-postgres}"
PG_VERSION=15

say() { printf '[services] %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" = "0" ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        say "not root and no sudo: cannot run $*"; return 1; fi
}

packages=(
    "postgresql-$PG_VERSION" "postgresql-$PG_VERSION-rum" postgresql-contrib
    redis-server
    chromium
    fonts-dejavu-core fonts-noto-core fonts-noto-ui-core fonts-noto-extra
    gettext
    wrk  # bench/bench_pages.py
)

missing=()
for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ] && [ "${SKIP_APT:-0}" != "1" ]; then
    say "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# --- PostgreSQL -------------------------------------------------------------------------
if [ ! -d "/etc/postgresql/$PG_VERSION/main" ]; then
    say "creating cluster $PG_VERSION/main"
    as_root pg_createcluster "$PG_VERSION" main --port "$PGPORT" >/dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT"; then
    say "starting PostgreSQL $PG_VERSION"
    as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start
fi
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 0.5; done
pg_isready -h 127.0.0.1 -p "$PGPORT" >/dev/null || { say "PostgreSQL did not answer"; exit 1; }
# The throw-away test cluster: the postgres role gets a known password (pg_hba asks for
# one on 127.0.0.1); the app's test database is created by pytest-django.
as_root runuser -u postgres -- psql -q -p "$PGPORT" -v ON_ERROR_STOP=1 \
    -c "ALTER ROLE postgres PASSWORD '$TEST_DB_PASSWORD'" >/dev/null
PGPASSWORD="$TEST_DB_PASSWORD" psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres \
    -c "SELECT 1" >/dev/null || { say "PostgreSQL refuses the test role"; exit 1; }
# The database DATABASE_URL names (pytest-django creates its own test_ copy beside it).
PGPASSWORD="$TEST_DB_PASSWORD" psql -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'lerend_stelsel'" | grep -q 1 \
    || PGPASSWORD="$TEST_DB_PASSWORD" createdb -h 127.0.0.1 -p "$PGPORT" -U postgres lerend_stelsel
say "PostgreSQL answers on 127.0.0.1:$PGPORT"

# --- Redis ------------------------------------------------------------------------------
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    say "starting Redis"
    logdir=/tmp/lerend-stelsel-services
    mkdir -p "$logdir"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" \
        --appendonly no --dir "$logdir" --logfile "$logdir/redis.log"
fi
for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.25; done
[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)" = "PONG" ] || { say "Redis did not answer"; exit 1; }
say "Redis answers on 127.0.0.1:$REDIS_PORT"

# --- Chromium ---------------------------------------------------------------------------
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --dump-dom about:blank >/dev/null 2>&1 || { say "Chromium does not start"; exit 1; }
say "Chromium starts ($(/usr/bin/chromium --version 2>/dev/null))"

# --- OpenID provider of the sign-in tests (npm oidc-provider, run with Node.js) -------------
if command -v npm >/dev/null 2>&1; then
    (cd "$(dirname "$0")/../tests/oidc_provider" && npm ci --no-audit --no-fund --silent) \
        || { say "npm ci for tests/oidc_provider failed"; exit 1; }
    say "OpenID provider for the tests installed ($(node --version))"
fi

cat <<TXT
[services] ready. Use:
  export DATABASE_URL=postgres://postgres:$TEST_DB_PASSWORD@127.0.0.1:$PGPORT/lerend_stelsel
  export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
TXT
