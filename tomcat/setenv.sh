# Gatehouse's JVM options for Tomcat: copy to $CATALINA_BASE/bin/setenv.sh (catalina.sh reads it).
#
# The parallel collector: a gateway allocates many short-lived objects per request and keeps
# little, which suits a throughput collector. Measured with src/bench/run.sh on 2 cores it costs
# about 13 % less CPU per request than the default G1, with young pauses of a few milliseconds.
# Size the heap for your configuration: 1 GiB holds 10,000 routes and 100,000 consumers easily.
CATALINA_OPTS="$CATALINA_OPTS -Xmx1g -XX:+UseParallelGC"
# The --add-opens=java.base/java.lang=ALL-UNNAMED that Gatehouse needs is added by catalina.sh
# itself (JDK_JAVA_OPTIONS); a launcher other than catalina.sh must add it too.
export CATALINA_OPTS
