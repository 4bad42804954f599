#!/usr/bin/env bash
# Gatehouse throughput benchmark: nginx direct, nginx reverse proxy, and Gatehouse with no
# plugins, key-auth, and 10,000 routes + 100,000 consumers, interleaved in one run on loopback.
# Installs nothing: needs nginx, wrk, java 17, curl, unzip, psql (see README.md).
# Usage: src/bench/run.sh            (all settings are environment variables, see below)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/../.." && pwd)

# ---- settings ------------------------------------------------------------------------------
WORK=${BENCH_WORK:-/tmp/gatehouse-bench}        # everything the run creates lives here
ROUNDS=${ROUNDS:-3}                             # measured rounds; each runs every target once
DURATION=${DURATION:-12}                        # seconds per measured wrk run
WARMUP=${WARMUP:-20}                            # seconds of warm-up per target, before round 1 (JIT)
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
ROUTES=${ROUTES:-10000}
CONSUMERS=${CONSUMERS:-100000}
BULK_LOAD=${BULK_LOAD:-sql}                     # sql: L's routes+consumers by psql (seconds); admin: Admin API
NGINX_WORKERS=${NGINX_WORKERS:-auto}
GATEHOUSE_WAR=${GATEHOUSE_WAR:-}                # a built gatehouse.war; empty builds one in a copy
JVM_OPTS=${JVM_OPTS:--Xmx1g -XX:+UseParallelGC}   # as tomcat/setenv.sh recommends
PROFILE=${PROFILE:-}                            # a target label: one extra run of it under JFR
KEEP_RUNNING=${KEEP_RUNNING:-0}                 # 1: leave nginx and both Tomcats up at the end

UPSTREAM_PORT=18600      # nginx upstream (tiny JSON)
NGINX_PROXY_PORT=18601   # nginx reverse proxy
# Gatehouse "small": 1 route without plugins, 1 route with key-auth, 1 consumer.
S_PROXY=18500 S_ADMIN=18501 S_CONSOLE=18502 S_SHUTDOWN=18505 S_PG=18532
# Gatehouse "large": the same plus ROUTES key-auth routes and CONSUMERS consumers with keys.
L_PROXY=18510 L_ADMIN=18511 L_CONSOLE=18512 L_SHUTDOWN=18515 L_PG=18533

# ---- prerequisites: check, never install ---------------------------------------------------
missing=()
for tool in nginx wrk java curl unzip; do
    command -v "$tool" >/dev/null 2>&1 || [[ $tool == nginx && -x /usr/sbin/nginx ]] || missing+=("$tool")
done
if [[ $BULK_LOAD == sql ]] && ! command -v psql >/dev/null 2>&1; then
    missing+=(psql)
fi
if ((${#missing[@]})); then
    echo "missing: ${missing[*]}" >&2
    echo "install them first, e.g.:  apt-get install nginx wrk" >&2
    [[ " ${missing[*]} " == *" psql "* ]] && echo "  (psql: apt-get install postgresql-client, or run with BULK_LOAD=admin)" >&2
    [[ " ${missing[*]} " == *" java "* || " ${missing[*]} " == *" curl "* || " ${missing[*]} " == *" unzip "* ]] \
        && echo "  (java/curl/unzip: apt-get install openjdk-17-jdk-headless curl unzip)" >&2
    exit 2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

for port in $UPSTREAM_PORT $NGINX_PROXY_PORT $S_PROXY $S_ADMIN $S_CONSOLE $S_SHUTDOWN $S_PG \
            $L_PROXY $L_ADMIN $L_CONSOLE $L_SHUTDOWN $L_PG; do
    if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
        echo "port $port is already in use; stop what uses it (or an earlier run: KEEP_RUNNING leftovers)" >&2
        exit 2
    fi
done

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }

# ---- clean-up: only what this script started, by pid ----------------------------------------
PIDS_TOMCAT=()
cleanup() {
    if [[ $KEEP_RUNNING == 1 ]]; then
        log "KEEP_RUNNING=1: leaving nginx (pids in $WORK/nginx/*.pid) and Tomcat (pids ${PIDS_TOMCAT[*]:-}) running"
        return
    fi
    for pidfile in "$WORK/nginx/upstream.pid" "$WORK/nginx/proxy.pid"; do
        [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    for pid in "${PIDS_TOMCAT[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS_TOMCAT[@]}"; do
        for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
    done
    # The embedded PostgreSQL stops with its webapp; stop a leftover (e.g. after kill -9) by its pid.
    for pm in "$WORK"/gh-*/home/pgdata/postmaster.pid; do
        [[ -f $pm ]] && kill "$(head -1 "$pm")" 2>/dev/null || true
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$WORK"
RESULTS_RAW="$WORK/results.txt"
: > "$RESULTS_RAW"
: > "$WORK/cpu.txt"

# ---- machine ---------------------------------------------------------------------------------
log "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/{print $2}') GiB RAM"
log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these CPUs)"
log "$(java -version 2>&1 | head -1); $("$NGINX" -v 2>&1); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"

# ---- build the WAR in a copy of the tree -----------------------------------------------------
if [[ -z $GATEHOUSE_WAR ]]; then
    log "building gatehouse.war in a copy of $PROJECT_DIR"
    rm -rf "$WORK/build" && mkdir -p "$WORK/build"
    tar --exclude=./target --exclude=./.git -cf - -C "$PROJECT_DIR" . | tar -xf - -C "$WORK/build"
    (cd "$WORK/build" && mvn -q -o package -DskipTests) || { echo "build failed" >&2; exit 1; }
    GATEHOUSE_WAR="$WORK/build/target/gatehouse.war"
fi
[[ -f $GATEHOUSE_WAR ]] || { echo "no WAR at $GATEHOUSE_WAR" >&2; exit 1; }

# ---- Tomcat, unpacked from the Maven repository (the version the pom uses) ---------------------
TOMCAT_VERSION=$(sed -n 's:.*<tomcat.version>\(.*\)</tomcat.version>.*:\1:p' "$PROJECT_DIR/pom.xml" | head -1)
TOMCAT_ZIP="$HOME/.m2/repository/org/apache/tomcat/tomcat/$TOMCAT_VERSION/tomcat-$TOMCAT_VERSION.zip"
CATALINA_HOME="$WORK/apache-tomcat-$TOMCAT_VERSION"
if [[ ! -x $CATALINA_HOME/bin/catalina.sh ]]; then
    [[ -f $TOMCAT_ZIP ]] || { echo "no $TOMCAT_ZIP: run 'mvn verify' once (it downloads Tomcat) or fetch it with mvn dependency:get" >&2; exit 1; }
    unzip -q -o "$TOMCAT_ZIP" -d "$WORK"
    chmod +x "$CATALINA_HOME"/bin/*.sh
fi

# ---- nginx: upstream and reverse proxy -------------------------------------------------------
mkdir -p "$WORK/nginx/tmp"
for conf in upstream proxy; do
    sed -e "s:@PREFIX@:$WORK/nginx:g" -e "s:@UPSTREAM_PORT@:$UPSTREAM_PORT:g" \
        -e "s:@PROXY_PORT@:$NGINX_PROXY_PORT:g" -e "s:@WORKERS@:$NGINX_WORKERS:g" \
        "$BENCH_DIR/nginx/$conf.conf.template" > "$WORK/nginx/$conf.conf"
    "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/$conf.conf" -e "$WORK/nginx/$conf-error.log"
done
log "nginx upstream on $UPSTREAM_PORT, nginx proxy on $NGINX_PROXY_PORT"

# ---- two Gatehouse nodes, each its own Tomcat, database and home ------------------------------
start_gatehouse() {   # name proxy admin console shutdown pgport
    local name=$1 proxy=$2 admin=$3 console=$4 shutdown=$5 pg=$6
    local base="$WORK/gh-$name"
    [[ -f $base/home/pgdata/postmaster.pid ]] && kill "$(head -1 "$base/home/pgdata/postmaster.pid")" 2>/dev/null && sleep 2
    rm -rf "$base" && mkdir -p "$base"/{conf,logs,temp,work,webapps,home}
    cp "$CATALINA_HOME"/conf/{web.xml,logging.properties,catalina.properties,context.xml} "$base/conf/"
    sed -e "s/@PROXY_PORT@/$proxy/" -e "s/@ADMIN_PORT@/$admin/" -e "s/@CONSOLE_PORT@/$console/" \
        -e "s/@SHUTDOWN_PORT@/$shutdown/" "$BENCH_DIR/tomcat/server.xml.template" > "$base/conf/server.xml"
    cp "$GATEHOUSE_WAR" "$base/webapps/ROOT.war"
    CATALINA_BASE="$base" CATALINA_PID="$base/tomcat.pid" CATALINA_OUT="$base/logs/catalina.out" \
    CATALINA_OPTS="$JVM_OPTS --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED \
-Dgatehouse.home=$base/home -Dgatehouse.demo=false -Dgatehouse.embedded.port=$pg \
-Dgatehouse.proxy.ports=$proxy -Dgatehouse.admin.ports=$admin -Dgatehouse.console.ports=$console \
-Dot.epg.working-dir=$WORK/pg-binaries" \
        "$CATALINA_HOME/bin/catalina.sh" run > "$base/logs/console.log" 2>&1 &
    PIDS_TOMCAT+=($!)
    echo $! > "$base/java.pid"
}
wait_admin() {   # name admin-port
    for _ in $(seq 240); do
        curl -sf -o /dev/null "http://127.0.0.1:$2/" && return 0
        kill -0 "$(cat "$WORK/gh-$1/java.pid")" 2>/dev/null || break
        sleep 0.5
    done
    echo "Gatehouse $1 did not start; see $WORK/gh-$1/logs/" >&2
    tail -30 "$WORK/gh-$1/logs/console.log" >&2
    exit 1
}
log "starting Gatehouse S (proxy $S_PROXY, admin $S_ADMIN) and L (proxy $L_PROXY, admin $L_ADMIN), $JVM_OPTS"
start_gatehouse S $S_PROXY $S_ADMIN $S_CONSOLE $S_SHUTDOWN $S_PG
start_gatehouse L $L_PROXY $L_ADMIN $L_CONSOLE $L_SHUTDOWN $L_PG
wait_admin S $S_ADMIN
wait_admin L $L_ADMIN
log "both nodes up"

# ---- configuration ---------------------------------------------------------------------------
UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
log "S: 1 plain route, 1 key-auth route, 1 consumer (Admin API)"
java "$BENCH_DIR/BulkLoad.java" --admin "http://127.0.0.1:$S_ADMIN" --upstream "$UPSTREAM_URL" \
    --routes 1 --consumers 1 --keys-out "$WORK/keys-1.txt"
log "L: 1 plain route, $ROUTES key-auth routes, $CONSUMERS consumers with keys (by $BULK_LOAD)"
load_started=$(date +%s.%N)
if [[ $BULK_LOAD == sql ]]; then
    java "$BENCH_DIR/BulkLoad.java" --admin "http://127.0.0.1:$L_ADMIN" --upstream "$UPSTREAM_URL" \
        --routes 0 --consumers 0 --keys "$CONSUMERS" --keys-out "$WORK/keys-all.txt"
    sql_started=$(date +%s.%N)
    PGCONNECT_TIMEOUT=10 psql -q -X -h 127.0.0.1 -p $L_PG -U postgres -d postgres \
        -v routes="$ROUTES" -v consumers="$CONSUMERS" -f "$BENCH_DIR/bulk-load.sql" > /dev/null
    log "  $ROUTES routes, $CONSUMERS consumers and keys by SQL in $(awk -v a="$sql_started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"
else
    java "$BENCH_DIR/BulkLoad.java" --admin "http://127.0.0.1:$L_ADMIN" --upstream "$UPSTREAM_URL" \
        --routes "$ROUTES" --consumers "$CONSUMERS" --keys-out "$WORK/keys-all.txt"
fi
# The node has the data once the last route and the last consumer's key work through the proxy.
last_key=$(tail -1 "$WORK/keys-all.txt")
last_path=$(printf '/r/%05d' $((ROUTES - 1)))
for _ in $(seq 240); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "apikey: $last_key" "http://127.0.0.1:$L_PROXY$last_path" || true)
    [[ $code == 200 ]] && break
    sleep 0.5
done
[[ $code == 200 ]] || { echo "L never served $last_path with the last key (HTTP $code)" >&2; exit 1; }
log "  L configured and serving in $(awk -v a="$load_started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s"

# ---- targets ---------------------------------------------------------------------------------
# label | URL | BENCH_PATHS | key file | what it is | process whose CPU time is counted
TARGETS=(
    "nginx-direct|http://127.0.0.1:$UPSTREAM_PORT|fixed:/plain|$WORK/keys-all.txt|nginx upstream, direct|upstream"
    "nginx-proxy|http://127.0.0.1:$NGINX_PROXY_PORT|fixed:/plain|$WORK/keys-all.txt|nginx reverse proxy, keep-alive pool|proxy"
    "gh-plain|http://127.0.0.1:$S_PROXY|fixed:/plain|$WORK/keys-all.txt|Gatehouse S, no plugins (2 routes, 1 consumer)|S"
    "gh-keyauth-1|http://127.0.0.1:$S_PROXY|fixed:/r/00000|$WORK/keys-1.txt|Gatehouse S, key-auth, 1 route, 1 consumer|S"
    "gh-L-plain|http://127.0.0.1:$L_PROXY|fixed:/plain|$WORK/keys-all.txt|Gatehouse L, no plugins ($ROUTES routes, $CONSUMERS consumers loaded)|L"
    "gh-L-keyauth|http://127.0.0.1:$L_PROXY|fixed:/r/00000|$WORK/keys-all.txt|Gatehouse L, key-auth, 1 route hit, random key of $CONSUMERS|L"
    "gh-L-10k-100k|http://127.0.0.1:$L_PROXY|routes:$ROUTES|$WORK/keys-all.txt|Gatehouse L, key-auth, random route of $ROUTES, random key of $CONSUMERS|L"
)
field() { local IFS='|'; read -r -a parts <<< "$1"; echo "${parts[$2]}"; }

for t in "${TARGETS[@]}"; do   # every target must answer 200 before it is measured
    url=$(field "$t" 1); paths=$(field "$t" 2); key=$(head -1 "$(field "$t" 3)")
    path=${paths#fixed:}; [[ $paths == routes:* ]] && path=/r/00042
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "apikey: $key" "$url$path")
    [[ $code == 200 ]] || { echo "$(field "$t" 0): $url$path answered $code" >&2; exit 1; }
done

CLK_TCK=$(getconf CLK_TCK)
server_pids() {   # upstream | proxy | S | L: the serving process and, for nginx, its workers
    local main
    case $1 in
        upstream|proxy) main=$(cat "$WORK/nginx/$1.pid") ;;
        *) main=$(cat "$WORK/gh-$1/java.pid") ;;
    esac
    echo "$main" $(pgrep -P "$main" || true)
}
cpu_ticks() { local total=0 pid; for pid in "$@"; do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo $total; }

run_wrk() {   # target seconds out-file
    local t=$1 seconds=$2 out=$3
    local pids before
    pids=$(server_pids "$(field "$t" 5)")
    before=$(cpu_ticks $pids)
    BENCH_LABEL=$(field "$t" 0) BENCH_PATHS=$(field "$t" 2) BENCH_KEYS=$(field "$t" 3) BENCH_OUT=$out \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$BENCH_DIR/bench.lua" "$(field "$t" 1)" \
        > "$WORK/wrk-last.txt" 2>&1 || { cat "$WORK/wrk-last.txt" >&2; return 1; }
    # CPU time of the serving process per request (µs): robust against other load on the machine.
    local after=$(cpu_ticks $pids)
    [[ $out == "$RESULTS_RAW" ]] && tail -1 "$out" | awk -v d=$((after - before)) -v hz="$CLK_TCK" \
        '{printf "%s %.1f\n", $1, d / hz * 1e6 / $2}' >> "$WORK/cpu.txt"
    return 0
}

log "warm-up: ${WARMUP}s per target"
for t in "${TARGETS[@]}"; do
    run_wrk "$t" "$WARMUP" "$WORK/warmup.txt"
done

n=${#TARGETS[@]}
log "measuring: $ROUNDS rounds x $n targets x ${DURATION}s, wrk -t$THREADS -c$CONNECTIONS, order rotated each round"
for ((round = 1; round <= ROUNDS; round++)); do
    for ((i = 0; i < n; i++)); do
        t=${TARGETS[$(((i + round - 1) % n))]}
        run_wrk "$t" "$DURATION" "$RESULTS_RAW"
        paste -d' ' <(tail -1 "$RESULTS_RAW") <(tail -1 "$WORK/cpu.txt" | cut -d' ' -f2) | awk -v r="$round" \
            '{printf "  round %d  %-14s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d  cpu %5.0f us/req\n", r, $1, $4, $5/1000, $6/1000, $7+$8+$9+$10+$11, $12}'
    done
done

# ---- summary: median over rounds ---------------------------------------------------------------
median() { sort -g | awk '{v[NR]=$1} END {if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
declare -A RPS P50 P99 ERR CPU
echo
printf '%-14s %10s %9s %9s %8s %11s  %s\n' target "req/s" "p50 ms" "p99 ms" errors "cpu us/req" description
for t in "${TARGETS[@]}"; do
    label=$(field "$t" 0)
    RPS[$label]=$(awk -v l="$label" '$1==l{print $4}' "$RESULTS_RAW" | median)
    P50[$label]=$(awk -v l="$label" '$1==l{print $5/1000}' "$RESULTS_RAW" | median)
    P99[$label]=$(awk -v l="$label" '$1==l{print $6/1000}' "$RESULTS_RAW" | median)
    ERR[$label]=$(awk -v l="$label" '$1==l{s+=$7+$8+$9+$10+$11} END{print s+0}' "$RESULTS_RAW")
    CPU[$label]=$(awk -v l="$label" '$1==l{print $2}' "$WORK/cpu.txt" | median)
    printf '%-14s %10.0f %9.2f %9.2f %8d %11.0f  %s\n' "$label" "${RPS[$label]}" "${P50[$label]}" "${P99[$label]}" \
        "${ERR[$label]}" "${CPU[$label]}" "$(field "$t" 4)"
done
echo "(medians over $ROUNDS rounds of ${DURATION}s; errors = non-2xx/3xx responses + socket errors, summed over all rounds;"
echo " cpu us/req = CPU time of the serving process only (nginx master+workers, or the Gatehouse JVM) per request)"
echo
ratio() {   # name numerator denominator goal
    awk -v name="$1" -v a="${RPS[$2]}" -v b="${RPS[$3]}" -v goal="$4" -v na="$2" -v nb="$3" \
        'BEGIN {r = a / b; printf "%-44s %5.3f  (goal >= %.2f: %s)   %s / %s\n", name, r, goal, (r >= goal ? "met" : "MISSED"), na, nb}'
}
ratio "no plugins / nginx proxy" gh-plain nginx-proxy 0.40
ratio "key-auth / no plugins (same node L)" gh-L-keyauth gh-L-plain 0.90
ratio "key-auth / no plugins (1 consumer, node S)" gh-keyauth-1 gh-plain 0.90
ratio "10k routes+100k consumers / 1 route+1 consumer" gh-L-10k-100k gh-keyauth-1 0.90
ratio "nginx proxy / nginx direct (reference)" nginx-proxy nginx-direct 0
awk -v a="${CPU[gh-plain]}" -v b="${CPU[nginx-proxy]}" 'BEGIN {printf "%-44s %5.2f  (anchor: <= 3.5)   gh-plain / nginx-proxy\n", "CPU per request, no plugins / nginx proxy", a / b}'
total_errors=0
for label in "${!ERR[@]}"; do total_errors=$((total_errors + ERR[$label])); done
echo "errors: $total_errors (goal: none: $([[ $total_errors == 0 ]] && echo met || echo MISSED))"
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw results: $RESULTS_RAW"

# ---- optional profile ------------------------------------------------------------------------
if [[ -n $PROFILE ]]; then
    for t in "${TARGETS[@]}"; do
        [[ $(field "$t" 0) == "$PROFILE" ]] || continue
        node=S; [[ $(field "$t" 1) == *":$L_PROXY" ]] && node=L
        pid=$(cat "$WORK/gh-$node/java.pid")
        jfr="$WORK/profile-$PROFILE.jfr"
        log "profiling $PROFILE on node $node (pid $pid) for ${DURATION}s -> $jfr"
        jcmd "$pid" JFR.start name=bench settings=profile filename="$jfr" > /dev/null
        run_wrk "$t" "$DURATION" "$WORK/profile-run.txt"
        jcmd "$pid" JFR.stop name=bench > /dev/null
        "$BENCH_DIR/jfr-top.sh" "$jfr"
    done
fi
