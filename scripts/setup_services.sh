#!/usr/bin/env bash
# What the test suite needs on this machine, used by `make test` and (through it) by .ci/run:
# Debian's Chromium for the end-to-end tests, Pango for the PDFs (WeasyPrint), PostgreSQL and Redis.
#
# As root (or with passwordless sudo) it installs what is missing (apt-get) and starts PostgreSQL and
# Redis when they are down, then waits until they answer. Otherwise it says what is missing, prints the
# one command that sets it up and exits non-zero. It never stops or restarts a running service.
#
# DATABASE_URL and REDIS_URL are respected: a service is only installed or started here when its URL
# points at this machine's default port (127.0.0.1 or localhost, 5432 and 6379); a server elsewhere must
# already answer. CHROMIUM_PATH (default /usr/bin/chromium) is where the browser tests look.
#
# Optional, not needed by `make test`: WITH_WRK=1 also installs wrk (Debian package), the HTTP load
# generator `make api-benchmark` prefers (it falls back to locust without it; README "Partner-API").
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/gezinsgericht}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
PATH="$PATH:/usr/sbin:/sbin"
export DEBIAN_FRONTEND=noninteractive

# host and port of a URL such as postgres://user:secret@host:5432/db (no port: the given default).
url_host() { local rest="${1#*://}"; rest="${rest%%/*}"; rest="${rest##*@}"; echo "${rest%%:*}"; }
url_port() {
    local rest="${1#*://}"; rest="${rest%%/*}"; rest="${rest##*@}"
    if [[ "$rest" == *:* ]]; then echo "${rest##*:}"; else echo "$2"; fi
}
is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" ]] && [[ "$2" == "$3" ]]; }

DB_HOST="$(url_host "$DATABASE_URL")"; DB_PORT="$(url_port "$DATABASE_URL" 5432)"
REDIS_HOST="$(url_host "$REDIS_URL")"; REDIS_PORT="$(url_port "$REDIS_URL" 6379)"

tcp_open() { timeout 3 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
postgres_answers() {
    if command -v pg_isready >/dev/null; then pg_isready -q -h "$DB_HOST" -p "$DB_PORT" -t 3; else tcp_open "$DB_HOST" "$DB_PORT"; fi
}
redis_answers() {
    # PING over the wire: +PONG, or an error such as NOAUTH from a server that is up but wants a password.
    local reply
    reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/$REDIS_HOST/$REDIS_PORT; printf 'PING\r\n' >&3; head -c 6 <&3" 2>/dev/null)" || return 1
    [[ "$reply" == +PONG* || "$reply" == -* ]]
}
pango_present() { ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; }
magic_present() { ldconfig -p 2>/dev/null | grep -q libmagic.so.1; }
wait_for() {
    for _ in $(seq 30); do "$1" && return 0; sleep 1; done
    echo "$2 did not answer within 30 seconds." >&2
    return 1
}

# What is missing, and which Debian packages would bring it.
packages=()
missing=()
problems=()
if [[ ! -x "$CHROMIUM" ]]; then
    if [[ "$CHROMIUM" == /usr/bin/chromium ]]; then
        packages+=(chromium chromium-driver); missing+=("Chromium (end-to-end tests)")
    else
        problems+=("Chromium is missing at CHROMIUM_PATH=$CHROMIUM.")
    fi
fi
if ! pango_present; then
    packages+=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core); missing+=("Pango (PDF reports)")
fi
if ! magic_present; then
    packages+=(libmagic1); missing+=("libmagic (document types)")
fi
if [[ "${WITH_WRK:-0}" == 1 ]] && ! command -v wrk >/dev/null; then
    packages+=(wrk); missing+=("wrk (make api-benchmark, asked for with WITH_WRK=1)")
fi
start_postgres=""; start_redis=""
if ! postgres_answers; then
    if is_local "$DB_HOST" "$DB_PORT" 5432; then
        start_postgres=1; missing+=("PostgreSQL on 127.0.0.1:5432 is down")
        command -v pg_ctlcluster >/dev/null || packages+=(postgresql)
    else
        problems+=("PostgreSQL at $DB_HOST:$DB_PORT (DATABASE_URL) does not answer: start it or point DATABASE_URL at a running server.")
    fi
fi
if ! redis_answers; then
    if is_local "$REDIS_HOST" "$REDIS_PORT" 6379; then
        start_redis=1; missing+=("Redis on 127.0.0.1:6379 is down")
        command -v redis-server >/dev/null || packages+=(redis-server)
    else
        problems+=("Redis at $REDIS_HOST:$REDIS_PORT (REDIS_URL) does not answer: start it or point REDIS_URL at a running server.")
    fi
fi

if ((${#problems[@]})); then
    printf '%s\n' "${problems[@]}" >&2
    exit 1
fi
if ((${#missing[@]} == 0)); then
    echo "Chromium, Pango, PostgreSQL ($DB_HOST:$DB_PORT) and Redis ($REDIS_HOST:$REDIS_PORT) are there."
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO=(sudo --preserve-env=DEBIAN_FRONTEND)
else
    echo "Missing for the test suite:" >&2
    printf '  - %s\n' "${missing[@]}" >&2
    echo "Set it up with one command (it needs root for apt-get and PostgreSQL):" >&2
    echo "  sudo --preserve-env=DATABASE_URL,REDIS_URL,CHROMIUM_PATH,WITH_WRK scripts/setup_services.sh" >&2
    exit 1
fi

if ((${#packages[@]})); then
    command -v apt-get >/dev/null || { echo "No apt-get here: install ${packages[*]} by hand." >&2; exit 1; }
    echo "Installing ${packages[*]} (Debian packages)"
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi
if [[ -n "$start_postgres" ]] && ! postgres_answers; then
    echo "Starting PostgreSQL"
    "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    wait_for postgres_answers PostgreSQL
fi
if [[ -n "$start_redis" ]] && ! redis_answers; then
    echo "Starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    wait_for redis_answers Redis
fi
if [[ ! -x "$CHROMIUM" ]] || ! pango_present; then
    echo "Chromium or Pango is still missing after apt-get install." >&2
    exit 1
fi
echo "Chromium, Pango, PostgreSQL ($DB_HOST:$DB_PORT) and Redis ($REDIS_HOST:$REDIS_PORT) are there."
