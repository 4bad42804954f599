package io.gatehouse.it.proxy.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.it.support.AdminClient;
import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.HttpResult;
import io.gatehouse.it.support.Json;
import io.gatehouse.it.support.Names;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Admin API shortcuts for the proxy tests, and a way to wait until the proxy serves a write. */
public final class Gateway {

    public static final Duration SNAPSHOT_WAIT = Duration.ofSeconds(30);

    private final AdminClient admin = new AdminClient();

    public AdminClient admin() {
        return admin;
    }

    /** POST a JSON body built from key/value pairs; asserts 201 and returns the result. */
    public HttpResult create(String path, Object... fields) {
        HttpResult result = admin.post(path, Json.obj(fields));
        assertEquals(201, result.status(), () -> "POST " + path + " " + Json.obj(fields) + " -> " + result);
        return result;
    }

    /** A service named {@code name} with {@code url}, plus extra fields; returns its id. */
    public String service(String name, String url, Object... extra) {
        Object[] fields = new Object[extra.length + 4];
        fields[0] = "name";
        fields[1] = name;
        fields[2] = "url";
        fields[3] = url;
        System.arraycopy(extra, 0, fields, 4, extra.length);
        return create("/services", fields).id();
    }

    /** A route under service {@code service} (null: a route without service); returns its id. */
    public String route(String service, Object... fields) {
        return create(service == null ? "/routes" : "/services/" + service + "/routes", fields).id();
    }

    /** A consumer; returns its id. */
    public String consumer(String username, Object... extra) {
        Object[] fields = new Object[extra.length + 2];
        fields[0] = "username";
        fields[1] = username;
        System.arraycopy(extra, 0, fields, 2, extra.length);
        return create("/consumers", fields).id();
    }

    /**
     * Waits until every Admin API write made so far is served by the proxy: a fresh route without
     * a service is created and polled until it answers 503 (snapshots are built from the whole
     * store, so a later write being visible means the earlier ones are).
     */
    public void sync() {
        String path = "/" + Names.unique("sync");
        route(null, "paths", List.of(path));
        Await.until(SNAPSHOT_WAIT, () -> RawHttp.get(path), r -> r.status() == 503,
                "the proxy to serve the latest snapshot (probe " + path + ")");
    }

    public static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        return Await.until(SNAPSHOT_WAIT, probe, done, what);
    }

    public static String unique(String prefix) {
        return Names.unique(prefix);
    }
}
