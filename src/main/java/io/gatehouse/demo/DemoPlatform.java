package io.gatehouse.demo;

import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo platform of the article "Kong, manage your Flask APIs", on one machine: three demo
 * upstream APIs on 127.0.0.1 ({@code gatehouse.demo.ports}, default 9001, 9002, 9003) and the
 * registration of {@code api-no-auth}, {@code api-key-auth} and {@code api-basic-auth} through
 * the Admin API from the declarative file {@code demo/gatehouse-demo.yml}, or from
 * {@code <gatehouse.home>/gatehouse-demo.yml} when the user has put an adapted copy there.
 *
 * <p>Started by {@code Gatehouse} when {@code gatehouse.demo=true}. Registration runs on a
 * background thread and never delays Tomcat's start-up. A demo that cannot start (a port in use,
 * a broken file) is logged as SEVERE and never stops the gateway itself.
 */
public final class DemoPlatform implements AutoCloseable {

    /** The three demo APIs, in the order of {@code gatehouse.demo.ports}. */
    public static final List<DemoApi.Spec> SPECS = List.of(
            new DemoApi.Spec("no-auth", "Open to everyone behind the gateway (api-no-auth). Also a geek jokes API: GET /joke.",
                    Map.<String, Supplier<Object>>of("/joke", DemoContent::joke)),
            new DemoApi.Spec("key-auth", "Behind key-auth on the gateway (api-key-auth). Also a profile generator: GET /profile.",
                    Map.<String, Supplier<Object>>of("/profile", DemoContent::profile)),
            new DemoApi.Spec("basic-auth", "Behind basic-auth on the gateway (api-basic-auth).", Map.of()));

    /** The name of an adapted demo file in {@code gatehouse.home}, applied instead of the built-in one. */
    public static final String USER_FILE = "gatehouse-demo.yml";

    private static final Logger LOG = Logger.getLogger(DemoPlatform.class.getName());
    private static final Duration ADMIN_DEADLINE = Duration.ofMinutes(5);

    private final List<DemoApi> apis = new ArrayList<>();
    private final ExecutorService executor;
    private final AtomicReference<DemoRegistrar.Outcome> outcome = new AtomicReference<>();
    private volatile Thread registration;

    private DemoPlatform() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(6, runnable -> {
            Thread thread = new Thread(runnable, "gatehouse-demo-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the demo APIs and, in the background, their registration. Never throws. */
    public static DemoPlatform start(Settings settings) {
        DemoPlatform platform = new DemoPlatform();
        try {
            platform.startApis(settings.getPorts(Setting.DEMO_PORTS));
            Path userFile = Path.of(settings.get(Setting.HOME), USER_FILE);
            String source;
            List<DemoFile.Call> calls;
            if (Files.isRegularFile(userFile)) {
                source = userFile.toString();
                calls = DemoFile.parse(Files.readString(userFile, StandardCharsets.UTF_8), source, platform.variables());
            } else {
                source = "the built-in " + DemoFile.RESOURCE;
                calls = DemoFile.builtIn(platform.variables());
            }
            Connectors connectors = Connectors.ofThisServer(settings);
            DemoRegistrar registrar = new DemoRegistrar(connectors.adminBase(), settings.get(Setting.ADMIN_TOKEN),
                    calls, source, ADMIN_DEADLINE);
            platform.register(registrar, connectors.proxyBase());
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Demo platform NOT started: " + e.getMessage()
                    + " (the gateway itself runs; set gatehouse.demo=false to turn the demo off)", e);
            platform.close();
        }
        return platform;
    }

    private void startApis(List<Integer> ports) throws IOException {
        if (ports.size() != SPECS.size()) {
            throw new IllegalArgumentException(Setting.DEMO_PORTS.propertyName() + " must list " + SPECS.size()
                    + " ports, got " + ports);
        }
        for (int i = 0; i < SPECS.size(); i++) {
            DemoApi.Spec spec = SPECS.get(i);
            try {
                apis.add(DemoApi.start(spec, ports.get(i), executor));
            } catch (BindException e) {
                throw new IOException("127.0.0.1:" + ports.get(i) + " for the " + spec.name() + " demo API is not free ("
                        + e.getMessage() + "); choose other ports with " + Setting.DEMO_PORTS.propertyName(), e);
            }
        }
        for (DemoApi api : apis) {
            LOG.info("Demo API " + api.spec().name() + " listening on " + api.url());
        }
    }

    /**
     * The variables of the demo file: {@code ${demo.<name>}} is the base URL of a demo API and
     * {@code ${demo.<name>.port}} its port, for the names no-auth, key-auth and basic-auth.
     */
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (DemoApi api : apis) {
            variables.put("demo." + api.spec().name(), api.url());
            variables.put("demo." + api.spec().name() + ".port", Integer.toString(api.port()));
        }
        return variables;
    }

    private void register(DemoRegistrar registrar, String proxyBase) {
        Thread thread = new Thread(() -> {
            try {
                DemoRegistrar.Outcome result = registrar.run();
                outcome.set(result);
                if (result == DemoRegistrar.Outcome.APPLIED) {
                    LOG.info("Demo platform ready. Try: curl -i " + proxyBase + "/no-auth -H 'Host: no-auth.com'");
                }
            } catch (InterruptedException e) {
                LOG.info("Demo platform: registration interrupted by shutdown");
            } catch (RuntimeException e) {
                outcome.set(DemoRegistrar.Outcome.FAILED);
                LOG.log(Level.SEVERE, "Demo platform: registration failed", e);
            }
        }, "gatehouse-demo-registrar");
        thread.setDaemon(true);
        // The HTTP client's selector thread inherits this loader; never pin the web application's.
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        registration = thread;
        thread.start();
    }

    /** The running demo APIs (empty when the demo could not start). */
    public List<DemoApi> apis() {
        return List.copyOf(apis);
    }

    /** How the registration ended, or null while it runs (or when it never started). */
    public DemoRegistrar.Outcome outcome() {
        return outcome.get();
    }

    @Override
    public void close() {
        Thread thread = registration;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (DemoApi api : apis) {
            api.close();
        }
        apis.clear();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
