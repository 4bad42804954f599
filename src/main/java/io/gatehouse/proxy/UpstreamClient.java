package io.gatehouse.proxy;

import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HttpClient 5 async client of the gateway, configured as a proxy's client: it passes
 * bytes through and makes no decisions of its own. No redirects (the client must see them), no
 * cookie store (it would leak one client's cookies to the next), no decompression (bodies and
 * their Content-Encoding go through unchanged), no automatic retries (retries follow
 * {@code service.retries} and are decided by {@link ProxyCall}). The pool is sized from the
 * settings because HttpClient's defaults (25 total, 5 per route) would queue requests.
 */
final class UpstreamClient implements AutoCloseable {

    /** Context attribute: the client sent no User-Agent, so none must be invented upstream. */
    static final String NO_USER_AGENT = UpstreamClient.class.getName() + ".noUserAgent";

    private final CloseableHttpAsyncClient client;

    UpstreamClient(Settings settings) {
        TimeValue keepAlive = TimeValue.ofMilliseconds(settings.getLong(Setting.UPSTREAM_KEEPALIVE_MS));
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.getInt(Setting.UPSTREAM_MAX_CONNECTIONS))
                .setMaxConnPerRoute(settings.getInt(Setting.UPSTREAM_MAX_PER_ROUTE))
                // Lax pooling: per-route locks instead of one global lock, which matters under load.
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(60))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        .setTimeToLive(TimeValue.NEG_ONE_MILLISECOND)
                        .setIdleTimeout(Timeout.of(keepAlive.getDuration(), keepAlive.getTimeUnit()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                // HTTP/1.1 upstream, as Kong: header semantics (hop-by-hop, Via) are defined for it.
                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build();
        client = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setSoKeepAlive(true)
                        .setTcpNoDelay(true)
                        .build())
                .setKeepAliveStrategy((response, context) -> keepAlive)
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .addRequestInterceptorLast((request, entity, context) -> {
                    if (context.getAttribute(NO_USER_AGENT) != null) {
                        request.removeHeaders("User-Agent");
                    }
                })
                .build();
        client.start();
    }

    CloseableHttpAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
