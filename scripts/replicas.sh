#!/usr/bin/env bash
# replicas.sh: shows that Herald can run as several replicas behind a caching proxy, nginx and Varnish.
#
#   npm run build && npm run replicas        (or: bash scripts/replicas.sh)
#
# 1. Starts two Herald instances from dist/ on 127.0.0.1 (ports A and B) with the same posts, config,
#    SITE_URL and PUBLIC_URL, and a short Cache-Control max-age (CACHE_MAX_AGE=MAX_AGE) and s-maxage
#    (SHARED_MAX_AGE=S_MAXAGE) so the demo is quick.
# 2. Checks that every feed (the site feeds and each category/tag feed listed in /feeds.opml, in all
#    three formats), plus / and /feeds.opml, is byte-identical with the same ETag on both instances,
#    for the identity, gzip and Brotli variants.
# 3. Starts nginx with docs/nginx.conf (placeholders filled in, in a temp dir) on 127.0.0.1 as a caching
#    reverse proxy with both instances as one upstream, makes a bounded number of requests, and reads
#    nginx's access log: once a cached feed is stale, nginx revalidates it with If-None-Match and the
#    upstream, whichever replica it is, answers 304.
# 4. Writes a new post into the posts folder both instances share (a copy in the temp dir): both pick it
#    up on their own (Herald watches the folder) and agree on the new ETag, and the next revalidation
#    through nginx gets a 200 with the new feed instead of a 304.
# 5. Through nginx, then through Varnish with docs/varnish.vcl: identity, gzip and br bodies come back
#    distinct and each correct (decoded, equal to the replica's), the second time from the cache; a
#    conditional request gets 304; a browser's navigation gets the HTML view and a reader then the feed;
#    past s-maxage the cache revalidates and a replica answers 304; the
#    cache keeps a feed past max-age within s-maxage; a post change reaches the client within s-maxage.
# Everything listens on loopback only; every process started here is stopped by PID on exit; every wait
# and request loop is bounded. Prints PASS/FAIL per check and exits non-zero if any check fails.
#
# Environment: PORT_A (4101), PORT_B (4102), PROXY_PORT (4180, nginx), VARNISH_PORT (4181),
#   MAX_AGE (1, seconds), S_MAXAGE (3, seconds), START_WAIT (60, seconds for each server to answer),
#   ROUNDS (3 rounds of requests per feed), SITE_URL / PUBLIC_URL (http://feeds.example.test),
#   POSTS_DIR (posts/, copied to the temp dir), HERALD_CONFIG (config/herald.yml), STATIC_DIR (static/),
#   NGINX, VARNISHD (the binaries), KEEP_TMP=1 (keep the temp dir with the logs and configs).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PORT_A=${PORT_A:-4101}
PORT_B=${PORT_B:-4102}
PROXY_PORT=${PROXY_PORT:-4180}
MAX_AGE=${MAX_AGE:-1}
S_MAXAGE=${S_MAXAGE:-3}
VARNISH_PORT=${VARNISH_PORT:-4181}
ROUNDS=${ROUNDS:-3}
SITE=${SITE_URL:-http://feeds.example.test}
PUBLIC=${PUBLIC_URL:-$SITE}
POSTS=$(realpath "${POSTS_DIR:-$ROOT/posts}")
CONFIG=$(realpath "${HERALD_CONFIG:-$ROOT/config/herald.yml}")
STATIC=$(realpath -m "${STATIC_DIR:-$ROOT/static}")
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
VARNISHD=${VARNISHD:-$(command -v varnishd || echo /usr/sbin/varnishd)}

FAILED=0
PIDS=()
TMP=""

pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; FAILED=1; }
die() { printf 'FAIL  %s\n' "$*"; exit 1; }

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local status=$? pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$TMP" ]; then
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $TMP"; else rm -rf "$TMP"; fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check() { # check DESCRIPTION-IF-PASSED DESCRIPTION-IF-FAILED TEST...
  local yes=$1 no=$2; shift 2
  if "$@"; then pass "$yes"; else fail "$no"; fi
}

etag_of() { # etag_of PORT PATH
  curl -sS -D - -o /dev/null "http://127.0.0.1:$1$2" | tr -d '\r' | awk 'tolower($1)=="etag:"{print $2}'
}

render() { # render TEMPLATE OUT KEY=VALUE...: the template with @PORT_A@, @PORT_B@, @PROXY_PORT@ and each @KEY@ filled in
  local template=$1 out=$2 pair script="s#@PORT_A@#$PORT_A#g; s#@PORT_B@#$PORT_B#g; s#@PROXY_PORT@#$PROXY_PORT#g"
  shift 2
  for pair in "$@"; do script="$script; s#@${pair%%=*}@#${pair#*=}#g"; done
  sed "$script" "$template" >"$out"
  ! grep -n '@[A-Z_]*@' "$out" || die "$out: placeholders left unfilled"
}

wait_http() { # wait_http URL: up to START_WAIT seconds (60) for a 2xx
  local _
  for _ in $(seq 1 $((${START_WAIT:-60} * 5))); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# ---------------------------------------------------------------- preconditions
command -v curl >/dev/null || die "curl is needed"
[ -x "$NGINX" ] || die "nginx not found (apt-get install -y nginx, or set NGINX=/path/to/nginx)"
[ -x "$VARNISHD" ] || die "varnishd not found (apt-get install -y varnish, or set VARNISHD=/path/to/varnishd)"
[ -f "$ROOT/dist/main.js" ] || die "dist/main.js is missing: run npm run build first"
for port in "$PORT_A" "$PORT_B" "$PROXY_PORT" "$VARNISH_PORT"; do
  port_free "$port" || die "127.0.0.1:$port is in use (set PORT_A, PORT_B, PROXY_PORT or VARNISH_PORT)"
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/herald-replicas.XXXXXX")
chmod 755 "$TMP"
# The instances share one copy of the posts, so step 4 can add a post without touching yours.
mkdir "$TMP/posts"
cp -R "$POSTS/." "$TMP/posts/"
POSTS=$TMP/posts

# ---------------------------------------------------------------- 1. two Herald instances
start_herald() { # start_herald NAME PORT
  (cd "$ROOT" && exec env HOST=127.0.0.1 PORT="$2" SITE_URL="$SITE" PUBLIC_URL="$PUBLIC" \
    CACHE_MAX_AGE="$MAX_AGE" SHARED_MAX_AGE="$S_MAXAGE" HERALD_CONFIG="$CONFIG" POSTS_DIR="$POSTS" \
    STATIC_DIR="$STATIC" node dist/main.js) >"$TMP/herald-$1.log" 2>&1 &
  PIDS+=("$!")
  echo "herald $1: pid $!, http://127.0.0.1:$2/"
}
start_herald a "$PORT_A"
start_herald b "$PORT_B"
for port in "$PORT_A" "$PORT_B"; do
  wait_http "http://127.0.0.1:$port/healthz" || die "herald on port $port did not answer /healthz (log: $TMP)"
done
pass "both instances answer /healthz"

# ---------------------------------------------------------------- 2. same bytes, same ETags
# Feed paths: the site feeds, and every selection in /feeds.opml in all three formats.
curl -fsS "http://127.0.0.1:$PORT_A/feeds.opml" >"$TMP/feeds.opml"
mapfile -t LISTED < <(grep -o 'xmlUrl="[^"]*"' "$TMP/feeds.opml" | sed -e 's/^xmlUrl="//' -e 's/"$//' -e "s#^$PUBLIC##")
FEEDS=()
for listed in "${LISTED[@]}"; do
  dir=${listed%/*}
  FEEDS+=("$dir/feed.xml" "$dir/atom.xml" "$dir/feed.json")
done
mapfile -t FEEDS < <(printf '%s\n' "${FEEDS[@]}" | sort -u)
[ "${#FEEDS[@]}" -ge 3 ] || die "found only ${#FEEDS[@]} feeds in /feeds.opml"

# snapshot PORT ENCODING DIR: one curl run fetches every path; body i goes to DIR/i, and DIR.meta gets
# one "status bytes etag path content-encoding" line per path, in order.
snapshot() {
  local args=() i=0 path
  mkdir -p "$3"
  for path in "${CHECKED[@]}"; do
    args+=(-o "$3/$i" "http://127.0.0.1:$1$path")
    i=$((i + 1))
  done
  curl -sS --globoff ${2:+-H "Accept-Encoding: $2"} -w '%{http_code} %{size_download} %header{etag} %{url_effective} %header{content-encoding}\n' \
    "${args[@]}" | sed "s#http://127.0.0.1:$1##" >"$3.meta"
}

CHECKED=("${FEEDS[@]}" / /feeds.opml)
differing=0
for encoding in identity gzip br; do
  if [ "$encoding" = br ]; then
    # Herald compresses Brotli in the background, on the first request once a feed's bytes are a second
    # old, and sends gzip meanwhile.
    sleep 1.1
    snapshot "$PORT_A" br "$TMP/warm-a"
    snapshot "$PORT_B" br "$TMP/warm-b"
    sleep 1
  fi
  snapshot "$PORT_A" "$encoding" "$TMP/a-$encoding"
  snapshot "$PORT_B" "$encoding" "$TMP/b-$encoding"
  if awk -v want="$encoding" '$1 != 200 || ($5 == "" ? "identity" : $5) != want { bad = 1 } END { exit !bad }' \
    "$TMP/a-$encoding.meta" "$TMP/b-$encoding.meta"; then
    differing=$((differing + 1))
    fail "$encoding: not every path answered 200 with Content-Encoding $encoding on both instances"
  fi
  if ! cmp -s "$TMP/a-$encoding.meta" "$TMP/b-$encoding.meta" || ! diff -rq "$TMP/a-$encoding" "$TMP/b-$encoding" >/dev/null; then
    differing=$((differing + 1))
    fail "$encoding: the instances differ (the first 10 differences):"
    awk 'NR == FNR { a[FNR] = $0; next }
         a[FNR] != $0 { print "      a: " a[FNR] "\n      b: " $0; if (++n == 10) exit }' \
      "$TMP/a-$encoding.meta" "$TMP/b-$encoding.meta"
    for file in $(diff -rq "$TMP/a-$encoding" "$TMP/b-$encoding" | awk '{ print $2 }' | head -10); do
      echo "      different bytes: ${CHECKED[${file##*/}]}"
    done
  fi
done
awk '{ printf "      %-44s %6d bytes  ETag %s\n", $4, $2, $3 }' "$TMP/a-identity.meta"
if [ "$differing" = 0 ]; then
  pass "${#FEEDS[@]} feeds + / + /feeds.opml: identical bytes and ETags on both instances (${#CHECKED[@]} paths × identity/gzip/br)"
fi

# ---------------------------------------------------------------- 3. caching proxy with revalidation
mkdir -p "$TMP/nginx/cache" "$TMP/nginx/temp"
WORKER_USER=""
if [ "$(id -u)" = 0 ]; then
  # Workers must not run as root; they need to write the cache and temp dirs.
  WORKER_USER="user nobody $(id -gn nobody);"
  chown -R nobody "$TMP/nginx"
fi
render "$ROOT/docs/nginx.conf" "$TMP/nginx/nginx.conf" DIR="$TMP/nginx" WORKER_USER="$WORKER_USER"
"$NGINX" -t -q -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" \
  || die "nginx -t rejected the generated config ($TMP/nginx/nginx.conf)"
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" &
PIDS+=("$!")
echo "nginx: pid $!, http://127.0.0.1:$PROXY_PORT/ -> 127.0.0.1:$PORT_A, 127.0.0.1:$PORT_B"
wait_http "http://127.0.0.1:$PROXY_PORT/healthz" || die "nginx did not answer (log: $TMP/nginx/error.log)"
: >"$TMP/nginx/access.log"

# Each round requests every site feed once; between rounds the cached copies go stale (max-age).
PROXIED=(/feed.xml /atom.xml /feed.json)
for path in "${FEEDS[@]}"; do # and the first category or tag feed, if there is one
  case $path in /categories/*/feed.xml | /tags/*/feed.xml) PROXIED+=("$path"); break ;; esac
done
# Round-robin alternates the replicas per upstream request. With an odd number of them per round, each
# feed's revalidation goes to the other replica than the previous one; /healthz makes the count odd.
requests=0 compared=0 mismatched=0
for round in $(seq 1 "$ROUNDS"); do
  if [ $((${#PROXIED[@]} % 2)) = 0 ]; then
    curl -sS -o /dev/null "http://127.0.0.1:$PROXY_PORT/healthz"
    requests=$((requests + 1))
  fi
  for path in "${PROXIED[@]}"; do
    for _ in 1 2; do # the second request of a round is answered from the cache
      status=$(curl -sS -o "$TMP/via-proxy" -w '%{http_code}' "http://127.0.0.1:$PROXY_PORT$path")
      curl -sS -o "$TMP/direct" "http://127.0.0.1:$PORT_A$path"
      requests=$((requests + 1)) compared=$((compared + 1))
      if [ "$status" != 200 ] || ! cmp -s "$TMP/via-proxy" "$TMP/direct"; then mismatched=$((mismatched + 1)); fi
    done
  done
  [ "$round" = "$ROUNDS" ] || sleep $((S_MAXAGE + 1))
done
# A client revalidating against the proxy gets a 304 from nginx's cache.
etag=$(etag_of "$PROXY_PORT" /feed.xml)
client_status=$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://127.0.0.1:$PROXY_PORT/feed.xml")
requests=$((requests + 2))

# ---------------------------------------------------------------- 4. a new post
old_etag=$(etag_of "$PORT_A" /feed.xml)
title="Replicas check $$"
printf -- '---\ntitle: "%s"\ndate: %s\n---\n\nWritten by scripts/replicas.sh while both replicas ran.\n' \
  "$title" "$(node -e 'console.log(new Date(Date.now() - 60000).toISOString())')" >"$POSTS/$(date -u +%F)-replicas-check.md"
converged=0
for _ in $(seq 1 50); do # up to 10 s for both instances to reload
  etag_a=$(etag_of "$PORT_A" /feed.xml) etag_b=$(etag_of "$PORT_B" /feed.xml)
  if [ "$etag_a" != "$old_etag" ] && [ "$etag_a" = "$etag_b" ]; then converged=1; break; fi
  sleep 0.2
done
sleep $((S_MAXAGE + 1))
curl -sS -o "$TMP/via-proxy" "http://127.0.0.1:$PROXY_PORT/feed.xml"
requests=$((requests + 1))
sleep 0.2

echo "nginx access log ($requests requests):"
sed 's/^/      /' "$TMP/nginx/access.log"
log=$TMP/nginx/access.log
count() { grep -c -- "$1" "$log" || true; }
revalidated=$(count 'cache=REVALIDATED upstream=[^ ]* upstream_status=304')
# A 304 from the other replica than the one whose 200 nginx cached: the ETag carried across.
crossed=$(awk '$5 == "cache=MISS" { first[$2] = $6 }
               $5 == "cache=REVALIDATED" && $7 == "upstream_status=304" && $6 != first[$2] { n++ }
               END { print n + 0 }' "$log")
from_a=$(count "cache=REVALIDATED upstream=127.0.0.1:$PORT_A upstream_status=304")
from_b=$(count "cache=REVALIDATED upstream=127.0.0.1:$PORT_B upstream_status=304")
misses=$(count 'cache=MISS')
hits=$(count 'cache=HIT')
refetched=$(count "GET /feed.xml .*cache=EXPIRED upstream=[^ ]* upstream_status=200 etag=$etag_a")
new_served=0
if grep -q "$title" "$TMP/via-proxy" && [ "$refetched" -gt 0 ]; then new_served=1; fi
errors=$(grep -Ec 'status=5|upstream_status=5' "$log" || true)

check "all $compared proxied feed responses were 200 with the same bytes as a direct request" \
  "$mismatched of $compared proxied responses differed from a direct request" test "$mismatched" = 0
check "$revalidated revalidations answered 304 by the upstream ($misses MISS, $hits HIT)" \
  "no revalidation got a 304 from the upstream ($misses MISS, $hits HIT)" test "$revalidated" -gt 0
check "304s came from both replicas (a: $from_a, b: $from_b); $crossed from the replica that had not served the cached copy" \
  "no 304 for a copy cached from the other replica (a: $from_a, b: $from_b, crossed: $crossed)" \
  test "$from_a" -gt 0 -a "$from_b" -gt 0 -a "$crossed" -gt 0
check "a client's If-None-Match against the proxy gets 304" \
  "a client's If-None-Match against the proxy got $client_status" test "$client_status" = 304
check "new post: both instances reloaded it and agree on the new ETag $etag_a (was $old_etag)" \
  "new post: ETags a=$etag_a b=$etag_b, before $old_etag (watch.enabled false?)" test "$converged" = 1
check "the next revalidation through nginx got a 200 with the new feed (cache=EXPIRED, upstream_status=200)" \
  "nginx did not fetch the changed feed ($refetched EXPIRED/200 lines)" \
  test "$new_served" = 1
check "no 5xx in the proxy log" "$errors 5xx lines in the proxy log" test "$errors" = 0

# ---------------------------------------------------------------- 5. encodings, 304s and s-maxage, per cache
# decode FILE ENCODING: the body as Herald rendered it (gzip and Brotli undone by Node's zlib).
decode() {
  node -e 'const z = require("node:zlib"), [file, how] = process.argv.slice(1), body = require("node:fs").readFileSync(file);
    process.stdout.write(how === "gzip" ? z.gunzipSync(body) : how === "br" ? z.brotliDecompressSync(body) : body)' "$1" "$2"
}
header_of() { tr -d '\r' <"$1" | awk -v name="$2:" 'tolower($1) == name { print $2 }'; }
accept_for() { case $1 in identity) echo identity ;; gzip) echo 'gzip, deflate' ;; br) echo 'gzip, deflate, br' ;; esac; }

# warm_brotli PATH: Herald compresses Brotli once a version is a second old, on a first request for it,
# and sends the other bytes until then; wait (up to 15 s) until both replicas send br.
warm_brotli() {
  local port _ ready
  for _ in $(seq 1 30); do
    ready=0
    for port in "$PORT_A" "$PORT_B"; do
      [ "$(curl -sS -o /dev/null -H 'Accept-Encoding: br' -w '%header{content-encoding}' "http://127.0.0.1:$port$1")" = br ] && ready=$((ready + 1))
    done
    [ "$ready" = 2 ] && return 0
    sleep 0.5
  done
  return 1
}

# replica_304s: how many 304s both replicas have sent, from their /metrics.
replica_304s() {
  local port
  for port in "$PORT_A" "$PORT_B"; do curl -sS "http://127.0.0.1:$port/metrics"; done |
    awk '/^herald_http_requests_total\{.*status="304"/ { n += $2 } END { print n + 0 }'
}

# check_cache NAME PORT STATUS-HEADER: through the cache at PORT, identity, gzip and br come back distinct
# and each correct, twice (the second from the cache); a conditional request gets 304; past s-maxage the
# cache revalidates (a replica answers 304); the cache keeps a feed past max-age for s-maxage; a post
# change reaches the client within s-maxage.
check_cache() {
  local name=$1 port=$2 status_header=$3 dir=$TMP/$1-check encoding round ae bad=0 hits=0
  mkdir -p "$dir"
  warm_brotli /feed.xml || fail "$name: the replicas did not send Brotli for /feed.xml within 15 s"
  curl -sS -o "$dir/direct" "http://127.0.0.1:$PORT_A/feed.xml"
  for round in 1 2; do
    for encoding in identity gzip br; do
      ae=$(accept_for "$encoding")
      curl -sS -D "$dir/$encoding-$round.head" -o "$dir/$encoding-$round" -H "Accept-Encoding: $ae" "http://127.0.0.1:$port/feed.xml"
    done
  done
  for round in 1 2; do
    for encoding in identity gzip br; do
      got=$(header_of "$dir/$encoding-$round.head" content-encoding)
      decode "$dir/$encoding-$round" "$encoding" >"$dir/$encoding-$round.decoded" 2>/dev/null || true
      if [ "${got:-identity}" != "$encoding" ] || ! cmp -s "$dir/$encoding-$round.decoded" "$dir/direct"; then
        bad=$((bad + 1)); echo "      $name $encoding (round $round): Content-Encoding ${got:-none}, decoded body $(cmp -s "$dir/$encoding-$round.decoded" "$dir/direct" && echo same || echo differs)"
      fi
      case $round/$(header_of "$dir/$encoding-$round.head" "$status_header") in 2/HIT | 2/REVALIDATED) hits=$((hits + 1)) ;; esac
    done
  done
  local etags
  etags=$(for encoding in identity gzip br; do header_of "$dir/$encoding-1.head" etag; done | sort -u | wc -l)
  check "$name: identity, gzip and br bodies of /feed.xml are each the feed in its encoding, twice ($hits of 3 repeats from the cache), under $etags distinct ETags" \
    "$name: $bad of 6 responses had the wrong encoding or body ($hits of 3 repeats from the cache, $etags ETags)" \
    test "$bad" = 0 -a "$hits" = 3 -a "$etags" = 3
  check "$name: the three encodings have three different bodies" "$name: two encodings came back with the same body" \
    test "$(md5sum "$dir"/identity-1 "$dir"/gzip-1 "$dir"/br-1 | awk '{ print $1 }' | sort -u | wc -l)" = 3

  local statuses="" etag
  for encoding in identity gzip br; do
    etag=$(header_of "$dir/$encoding-1.head" etag)
    statuses="$statuses $(curl -sS -o /dev/null -w '%{http_code}' -H "Accept-Encoding: $(accept_for "$encoding")" -H "If-None-Match: $etag" "http://127.0.0.1:$port/feed.xml")"
  done
  check "$name: If-None-Match with each encoding's ETag gets 304 ($statuses )" "$name: conditional requests got$statuses" test "$statuses" = " 304 304 304"

  # A browser's navigation gets the HTML view (private, never stored); a reader after it still the feed.
  local navigated reader
  navigated=$(curl -sS -o /dev/null -w '%{content_type}' -H 'Sec-Fetch-Dest: document' -H 'Sec-Fetch-Mode: navigate' "http://127.0.0.1:$port/feed.xml")
  reader=$(curl -sS -o /dev/null -w '%{content_type}' "http://127.0.0.1:$port/feed.xml")
  check "$name: a browser's navigation to /feed.xml gets ${navigated%%;*}, a reader right after it ${reader%%;*}" \
    "$name: navigation got '$navigated', a reader after it '$reader'" \
    test "${navigated%%;*}" = text/html -a "${reader%%;*}" = application/rss+xml

  # Once s-maxage has passed, the cache revalidates its copy and a replica answers 304.
  local before_304 after_304 revalidated_status
  before_304=$(replica_304s)
  sleep "$S_MAXAGE.5"
  revalidated_status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Accept-Encoding: $(accept_for gzip)" "http://127.0.0.1:$port/feed.xml")
  after_304=$(replica_304s)
  check "$name: past s-maxage it revalidated /feed.xml: the replicas answered $((after_304 - before_304)) 304s, the client got $revalidated_status" \
    "$name: past s-maxage the replicas answered no 304 (client got $revalidated_status)" \
    test "$((after_304 - before_304))" -gt 0 -a "$revalidated_status" = 200

  # Kept past max-age (MAX_AGE) for s-maxage (S_MAXAGE): a shared cache uses s-maxage.
  local fresh kept
  fresh=$(curl -sS -o /dev/null -D - "http://127.0.0.1:$port/atom.xml?limit=3" | tr -d '\r' | awk -v name="$status_header:" 'tolower($1) == name { print $2 }')
  sleep "$MAX_AGE.5"
  kept=$(curl -sS -o /dev/null -D - "http://127.0.0.1:$port/atom.xml?limit=3" | tr -d '\r' | awk -v name="$status_header:" 'tolower($1) == name { print $2 }')
  check "$name: a feed fetched ($fresh) is still served from the cache ($kept) ${MAX_AGE}.5 s later, past max-age=$MAX_AGE, within s-maxage=$S_MAXAGE" \
    "$name: past max-age=$MAX_AGE, within s-maxage=$S_MAXAGE, the cache answered $kept (first $fresh)" test "$kept" = HIT

  # A post change reaches the client through the cache within s-maxage of both replicas serving it.
  curl -sS -o /dev/null "http://127.0.0.1:$port/feed.xml"
  local before title_now converged_at seen_ms="" i
  before=$(etag_of "$PORT_A" /feed.xml)
  title_now="Through $name $$"
  printf -- '---\ntitle: "%s"\ndate: %s\n---\n\nWritten by scripts/replicas.sh to time %s.\n' \
    "$title_now" "$(node -e 'console.log(new Date(Date.now() - 30000).toISOString())')" "$name" >"$POSTS/$(date -u +%F)-replicas-$name.md"
  for i in $(seq 1 50); do # up to 10 s for both replicas
    [ "$(etag_of "$PORT_A" /feed.xml)" != "$before" ] && [ "$(etag_of "$PORT_A" /feed.xml)" = "$(etag_of "$PORT_B" /feed.xml)" ] && break
    sleep 0.2
  done
  converged_at=$(date +%s%N)
  for i in $(seq 1 $(((S_MAXAGE + 3) * 5))); do # polls every 0.2 s, up to s-maxage + 3 s
    if curl -sS "http://127.0.0.1:$port/feed.xml" | grep -q "$title_now"; then seen_ms=$((($(date +%s%N) - converged_at) / 1000000)); break; fi
    sleep 0.2
  done
  check "$name: the changed feed reached the client ${seen_ms} ms after both replicas served it (s-maxage=${S_MAXAGE} s)" \
    "$name: the changed feed took ${seen_ms:-more than $((S_MAXAGE + 3))000} ms through the cache (s-maxage=${S_MAXAGE} s)" \
    test -n "$seen_ms" -a "${seen_ms:-0}" -le $((S_MAXAGE * 1000 + 1000))
}

check_cache nginx "$PROXY_PORT" x-cache-status

# ---------------------------------------------------------------- 6. the same through Varnish
mkdir -p "$TMP/varnish"
render "$ROOT/docs/varnish.vcl" "$TMP/varnish/herald.vcl"
"$VARNISHD" -F -n "$TMP/varnish/work" -a "127.0.0.1:$VARNISH_PORT" -T none -f "$TMP/varnish/herald.vcl" \
  -s malloc,32m >"$TMP/varnish/varnishd.log" 2>&1 &
PIDS+=("$!")
echo "varnish: pid $!, http://127.0.0.1:$VARNISH_PORT/ -> 127.0.0.1:$PORT_A, 127.0.0.1:$PORT_B"
wait_http "http://127.0.0.1:$VARNISH_PORT/healthz" || die "varnishd did not answer (log: $TMP/varnish/varnishd.log)"
check_cache varnish "$VARNISH_PORT" x-cache

# ---------------------------------------------------------------- stop
for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
codes=()
for pid in "${PIDS[@]}"; do
  code=0; wait "$pid" 2>/dev/null || code=$?
  codes+=("$code")
done
PIDS=()
check "both instances exited 0 on SIGTERM" "herald exit codes on SIGTERM: a=${codes[0]} b=${codes[1]}" \
  test "${codes[0]}" = 0 -a "${codes[1]}" = 0

if [ "$FAILED" = 0 ]; then echo "replicas: PASS (${SECONDS}s)"; else echo "replicas: FAIL after ${SECONDS}s (logs: KEEP_TMP=1 keeps $TMP)"; fi
exit "$FAILED"
