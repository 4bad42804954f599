package io.gatehouse.proxy;

import static io.gatehouse.proxy.Fixtures.request;
import static io.gatehouse.proxy.Fixtures.route;
import static io.gatehouse.proxy.Fixtures.service;

import io.gatehouse.model.Route;
import io.gatehouse.model.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's matching cost with 10 and with 10,000 routes (a benchmark, not a test: run it with
 * {@code src/bench/router.sh}). Both routers get the same mix of host, path and host+path+method
 * routes and the same kind of requests, each of which must match; the ratio is what counts.
 * It is measured twice: through the match cache (what requests get) and walking the index alone
 * (the cost of a request shape the cache has not seen).
 */
public final class RouterBenchmark {

    private static final Service SERVICE = service("bench");

    private RouterBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int distinct = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Workload small = new Workload(10, distinct);
        Workload large = new Workload(10_000, distinct);
        System.out.printf("%d distinct requests per router, hitting %d distinct routes of the 10,000%n",
                Math.max(300, distinct), distinct);
        for (boolean cached : new boolean[] {true, false}) {
            for (int warm = 0; warm < 3; warm++) {
                small.nanosPerMatch(200_000, cached);
                large.nanosPerMatch(200_000, cached);
            }
            List<Double> smallRuns = new ArrayList<>();
            List<Double> largeRuns = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // Interleaved, so drift in machine load touches both alike.
                smallRuns.add(small.nanosPerMatch(1_000_000, cached));
                largeRuns.add(large.nanosPerMatch(1_000_000, cached));
            }
            double smallMedian = median(smallRuns);
            double largeMedian = median(largeRuns);
            String what = cached ? "match (cache)" : "index only   ";
            System.out.printf("%s routes=10     median %6.1f ns/match  runs %s%n", what, smallMedian, smallRuns);
            System.out.printf("%s routes=10000  median %6.1f ns/match  runs %s%n", what, largeMedian, largeRuns);
            System.out.printf("%s ratio 10000/10 = %.3f (goal: within 10%%, i.e. <= 1.10)%n", what, largeMedian / smallMedian);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return Math.round(sorted.get(sorted.size() / 2) * 10) / 10.0;
    }

    /** A router over {@code count} routes and 300 requests that each match one of them. */
    private static final class Workload {
        private final Router router;
        private final RequestFacts[] requests;
        private long sink;

        Workload(int count, int distinct) {
            List<Route> routes = new ArrayList<>();
            // Fixed-width numbers: both routers then hash and compare strings of the same length,
            // so the ratio measures the number of routes and nothing else.
            for (int i = 0; i < count; i++) {
                String n = String.format("%05d", i);
                switch (i % 3) {
                    case 0 -> routes.add(route("p" + n).paths("/svc" + n + "/v1").service(SERVICE).createdAt(i).build());
                    case 1 -> routes.add(route("h" + n).hosts("host" + n + ".example.com").service(SERVICE).createdAt(i).build());
                    default -> routes.add(route("hp" + n).hosts("api" + n + ".example.com").paths("/items", "/orders")
                            .methods("GET").service(SERVICE).createdAt(i).build());
                }
            }
            router = new Router(Fixtures.snapshot(List.of(SERVICE), routes, List.of(), List.of()));
            requests = new RequestFacts[Math.max(300, distinct)];
            for (int i = 0; i < requests.length; i++) {
                int target = (int) ((long) (i % distinct) * count / distinct);
                String n = String.format("%05d", target);
                // Every request differs (its last path segment), so both routers see the same
                // number of distinct request shapes whatever the number of routes they hit.
                String tail = String.format("%05d", i);
                requests[i] = switch (target % 3) {
                    case 0 -> request("GET", "unknown.test", "/svc" + n + "/v1/" + tail);
                    case 1 -> request("GET", "host" + n + ".example.com", "/anything/" + tail);
                    default -> request("GET", "api" + n + ".example.com", "/orders/" + tail);
                };
                if (router.match(requests[i]) == null) {
                    throw new IllegalStateException("request " + i + " matches no route");
                }
            }
        }

        double nanosPerMatch(int matches, boolean cached) {
            long start = System.nanoTime();
            for (int i = 0; i < matches; i++) {
                RequestFacts request = requests[i % requests.length];
                RouteMatch match = cached ? router.match(request) : router.matchUncached(request);
                sink += System.identityHashCode(match); // not hashCode(): a record hashes every field of the route
            }
            return (System.nanoTime() - start) / (double) matches + (sink == 42 ? 1e-9 : 0);
        }
    }
}
