#!/usr/bin/env bash
# Router matching cost with 10 and with 10,000 routes, interleaved in one JVM.
# Usage: src/bench/router.sh [rounds]   (builds the test classes first; needs only a JDK and Maven)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.gatehouse.proxy.RouterBenchmark "${1:-7}" "${2:-300}"
