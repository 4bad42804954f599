package io.gatehouse.it;

import static io.gatehouse.it.support.KongAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Deployments;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Concurrent writes of one unique name: exactly one 201 and one 409, every time (issue: Data). */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    private static final int ROUNDS = 10;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.gatehouseRoot();
    }

    private final AdminClient admin = new AdminClient();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void parallelServicesWithOneNameGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = Names.unique("race");
            List<HttpResult> results = race(n -> admin.post("/services", Json.obj("name", name, "host", "example.com")));
            assertOneCreatedOneConflict(results, "name", name);
            assertStatus(200, admin.get("/services/" + name));
        }
    }

    @Test
    void parallelConsumersWithOneUsernameGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String username = Names.unique("race");
            List<HttpResult> results = race(n -> admin.post("/consumers", "username=" + username));
            assertOneCreatedOneConflict(results, "username", username);
        }
    }

    /**
     * Many writers at once all queue on the configuration version row and succeed, even on
     * connections that a snapshot rebuild (REPEATABLE READ) used before them.
     */
    @Test
    void manyParallelWritesOfDifferentEntitiesAllSucceed() throws Exception {
        int writers = 32;
        ExecutorService many = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 3; round++) {
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<HttpResult>> futures = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    String name = Names.unique("crowd");
                    futures.add(many.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return admin.post("/services", Json.obj("name", name, "host", "example.com"));
                    }));
                }
                for (Future<HttpResult> future : futures) {
                    HttpResult result = future.get(120, TimeUnit.SECONDS);
                    assertEquals(201, result.status(), () -> "every concurrent create succeeds: " + result);
                }
            }
        } finally {
            many.shutdownNow();
        }
    }

    /** Sends two requests released together by a barrier. */
    private List<HttpResult> race(Function<Integer, HttpResult> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<HttpResult>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return request.apply(n);
            }));
        }
        List<HttpResult> results = new ArrayList<>();
        for (Future<HttpResult> future : futures) {
            results.add(future.get(120, TimeUnit.SECONDS));
        }
        return results;
    }

    private static void assertOneCreatedOneConflict(List<HttpResult> results, String field, String value) {
        List<Integer> statuses = results.stream().map(HttpResult::status).sorted().toList();
        assertEquals(List.of(201, 409), statuses, () -> "one winner, one conflict: " + results);
        HttpResult conflict = results.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertEquals(Json.parse("""
                {"code":5,"name":"unique constraint violation",
                 "message":"UNIQUE violation detected on '{%s=\\"%s\\"}'",
                 "fields":{"%s":"%s"}}""".formatted(field, value, field, value)), conflict.json(),
                () -> "409 body: " + conflict);
    }
}
