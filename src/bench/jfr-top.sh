#!/usr/bin/env bash
# Summarises a JFR recording's CPU samples: the hottest top frames (self time), and the
# io.gatehouse / Tomcat / HttpClient methods most often on the stack (inclusive time).
# Usage: src/bench/jfr-top.sh recording.jfr [how-many]
set -euo pipefail
jfr_file=$1
top=${2:-25}
jfr print --events jdk.ExecutionSample --stack-depth 96 "$jfr_file" | awk -v top="$top" '
    /^jdk.ExecutionSample/ { samples++; depth = -1; delete seen; next }
    /stackTrace = \[/ { depth = 0; next }
    depth >= 0 && /^[[:space:]]*\]/ { depth = -1; next }
    depth >= 0 {
        frame = $0; sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*/, "", frame)
        if (frame == "...") next
        if (depth == 0) self[frame]++
        if (!(frame in seen)) { seen[frame] = 1; incl[frame]++ }
        depth++
    }
    END {
        printf "%d CPU samples\n\nhottest top frames (self):\n", samples
        n = 0; for (f in self) line[n++] = sprintf("%6d %5.1f%%  %s", self[f], 100 * self[f] / samples, f)
        sortdesc(line, n); for (i = 0; i < n && i < top; i++) print line[i]
        printf "\nmost frequent gateway / container / client frames on the stack (inclusive):\n"
        n = 0; delete line
        for (f in incl) if (f ~ /^(io\.gatehouse|org\.apache\.(catalina|coyote|tomcat|hc))/)
            line[n++] = sprintf("%6d %5.1f%%  %s", incl[f], 100 * incl[f] / samples, f)
        sortdesc(line, n); for (i = 0; i < n && i < top; i++) print line[i]
    }
    function sortdesc(a, n,   i, j, t) {
        for (i = 1; i < n; i++) { t = a[i]; for (j = i - 1; j >= 0 && a[j] + 0 < t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    }'
