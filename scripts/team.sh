#!/usr/bin/env bash
# A team's atlas on one machine: PostgreSQL + PostGIS (Debian's packages), the atlas
# loaded into it on first start, two app replicas, and nginx in front of them.
#
#   bash scripts/team.sh          start everything; Ctrl-C stops it (the database keeps
#                                 its data in $ATLAS_TEAM_DIR for the next start)
#
# Settings (environment): ATLAS_TEAM_DIR (default /var/tmp/border-atlas-team),
# ATLAS_TEAM_PORT (the proxy, default 8600; the replicas take the next two ports),
# ATLAS_TEAM_DB_PORT (default 5433). Editing on the replicas needs sign-in: see the
# README's "A team's atlas" and "Editors sign in".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
team=${ATLAS_TEAM_DIR:-/var/tmp/border-atlas-team}
port=${ATLAS_TEAM_PORT:-8600}
db_port=${ATLAS_TEAM_DB_PORT:-5433}

bash scripts/setup.sh
need=()
[[ -f /usr/share/postgresql/15/extension/postgis.control ]] || need+=(postgresql postgresql-15-postgis-3)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need+=(nginx)
if (( ${#need[@]} )); then
  if [[ $(id -u) != 0 ]]; then
    echo "team.sh needs Debian's ${need[*]}: run 'sudo apt-get install -y ${need[*]}'" >&2
    exit 1
  fi
  echo "Installing Debian's ${need[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p "$team"
chmod 755 "$team"
pids=()
stop() {
  trap - EXIT INT TERM
  echo "Stopping the replicas, the proxy and the database ..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [[ -f $team/nginx/nginx.pid ]] && kill "$(cat "$team/nginx/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  .venv/bin/python -m geo.tools.pgcluster stop "$team/pg" || true
}
trap stop EXIT INT TERM

url=$(.venv/bin/python -m geo.tools.pgcluster start "$team/pg" --port "$db_port")
export ATLAS_STORE=$url
echo "Database: $url"
.venv/bin/atlas-store load --if-empty --who "scripts/team.sh (first start)"

for n in 1 2; do
  replica_port=$((port + n))
  ATLAS_CACHE_DIR="$team/replica-$n" ATLAS_EDIT=${ATLAS_EDIT:-1} \
    .venv/bin/streamlit run "$root/server.py" --server.headless true \
    --server.address 127.0.0.1 --server.port "$replica_port" \
    --browser.gatherUsageStats false >"$team/replica-$n.log" 2>&1 &
  pids+=($!)
done

mkdir -p "$team/nginx"
sed -e "s#@PORT@#$port#g" -e "s#@ONE@#$((port + 1))#g" -e "s#@TWO@#$((port + 2))#g" \
  -e "s#@DIR@#$team/nginx#g" scripts/team-nginx.conf >"$team/nginx/nginx.conf"
nginx -p "$team/nginx" -c "$team/nginx/nginx.conf" -g "pid $team/nginx/nginx.pid;"

for n in 0 1 2; do
  for _ in $(seq 120); do
    curl -fsS "http://127.0.0.1:$((port + n))/_stcore/health" >/dev/null 2>&1 && break
    sleep 0.5
  done
done
echo "The team's atlas: http://127.0.0.1:$port (replicas on :$((port + 1)) and :$((port + 2)))"
echo "Logs in $team; Ctrl-C stops everything."
wait "${pids[@]}"
