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
        for (int warm = 0; warm < 3; warm++) {
            small.nanosPerMatch(200_000);
            large.nanosPerMatch(200_000);
        }
        List<Double> smallRuns = new ArrayList<>();
        List<Double> largeRuns = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            // Interleaved, so drift in machine load touches both alike.
            smallRuns.add(small.nanosPerMatch(1_000_000));
            largeRuns.add(large.nanosPerMatch(1_000_000));
        }
        double smallMedian = median(smallRuns);
        double largeMedian = median(largeRuns);
        System.out.printf("routes=10     median %.1f ns/match  runs %s%n", smallMedian, smallRuns);
        System.out.printf("routes=10000  median %.1f ns/match  runs %s%n", largeMedian, largeRuns);
        System.out.printf("ratio 10000/10 = %.3f (goal: within 10%%, i.e. <= 1.10)%n", largeMedian / smallMedian);
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
            for (int i = 0; i < count; i++) {
                switch (i % 3) {
                    case 0 -> routes.add(route("p" + i).paths("/svc" + i + "/v1").service(SERVICE).createdAt(i).build());
                    case 1 -> routes.add(route("h" + i).hosts("host" + i + ".example.com").service(SERVICE).createdAt(i).build());
                    default -> routes.add(route("hp" + i).hosts("api" + i + ".example.com").paths("/items", "/orders")
                            .methods("GET").service(SERVICE).createdAt(i).build());
                }
            }
            router = new Router(Fixtures.snapshot(List.of(SERVICE), routes, List.of(), List.of()));
            requests = new RequestFacts[300];
            for (int i = 0; i < requests.length; i++) {
                int target = (int) ((long) (i % distinct) * count / Math.min(distinct, requests.length));
                requests[i] = switch (target % 3) {
                    case 0 -> request("GET", "unknown.test", "/svc" + target + "/v1/x");
                    case 1 -> request("GET", "host" + target + ".example.com", "/anything");
                    default -> request("GET", "api" + target + ".example.com", "/orders/1");
                };
                if (router.match(requests[i]) == null) {
                    throw new IllegalStateException("request " + i + " matches no route");
                }
            }
        }

        double nanosPerMatch(int matches) {
            long start = System.nanoTime();
            for (int i = 0; i < matches; i++) {
                RouteMatch match = router.match(requests[i % requests.length]);
                sink += match.hashCode();
            }
            return (System.nanoTime() - start) / (double) matches + (sink == 42 ? 1e-9 : 0);
        }
    }
}
