package io.gatehouse.core;

/**
 * Every configuration setting, with its default. Each resolves from the system property
 * {@code gatehouse.<key>}, then the environment variable {@code GATEHOUSE_<KEY>} (dots and
 * dashes become underscores), then the servlet context parameter {@code gatehouse.<key>}.
 */
public enum Setting {
    HOME("home", "${user.home}/.gatehouse", "Directory for the embedded database's data and binaries."),
    DATABASE_URL("database.url", "", "JDBC URL of an external PostgreSQL. Empty starts the embedded PostgreSQL."),
    DATABASE_USER("database.user", "postgres", "Database user for the external PostgreSQL."),
    DATABASE_PASSWORD("database.password", "", "Database password for the external PostgreSQL."),
    DATABASE_POOL_SIZE("database.pool_size", "10", "Maximum number of pooled database connections."),
    EMBEDDED_PORT("embedded.port", "0", "Port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one."),
    EMBEDDED_DATA_DIR("embedded.data_dir", "", "Data directory of the embedded PostgreSQL; empty means <home>/pgdata."),
    MIGRATE("migrate", "true", "Apply pending migrations at start-up."),
    PROXY_PORTS("proxy.ports", "8000,8443", "Connector ports whose requests are proxied."),
    ADMIN_PORTS("admin.ports", "8001,8444", "Connector ports that serve the Admin API."),
    CONSOLE_PORTS("console.ports", "8002,8445", "Connector ports that serve the console."),
    ADMIN_PREFIX("admin.prefix", "/_admin", "In single-port mode (a port not listed above), the path prefix of the Admin API."),
    CONSOLE_PREFIX("console.prefix", "/_console", "In single-port mode, the path prefix of the console."),
    ADMIN_TOKEN("admin.token", "", "When set, every Admin API call must send it as Kong-Admin-Token or Authorization: Bearer."),
    ADMIN_ORIGINS("admin.origins", "", "Comma-separated Origins allowed to make Admin API writes from a browser."),
    KONG_VERSION("kong_version", "3.10.0", "The Kong version reported by GET / (set 0.13.1 for legacy dashboards)."),
    PLUGINS("plugins", "bundled", "Comma-separated plugin names to enable; 'bundled' enables every plugin on the class path."),
    TRUSTED_IPS("trusted_ips", "", "Comma-separated IPs or CIDRs whose X-Forwarded-* headers are trusted."),
    REAL_IP_HEADER("real_ip_header", "X-Real-IP", "Header that carries the client address when the peer is trusted."),
    MAX_HEADER_SIZE("max_header_size", "8192", "Largest request header block the proxy accepts, in bytes (400 beyond)."),
    MAX_URI_LENGTH("max_uri_length", "4096", "Longest request URI the proxy accepts, in bytes (414 beyond)."),
    MAX_BODY_SIZE("max_body_size", "0", "Largest request body the proxy accepts, in bytes (413 beyond); 0 means unlimited."),
    UPSTREAM_MAX_CONNECTIONS("upstream.max_connections", "2048", "Size of the upstream connection pool in total."),
    UPSTREAM_MAX_PER_ROUTE("upstream.max_per_route", "1024", "Upstream connections per host:port."),
    UPSTREAM_KEEPALIVE_MS("upstream.keepalive_ms", "60000", "How long an idle upstream connection is kept."),
    POLL_INTERVAL_MS("poll_interval_ms", "5000", "How often the configuration version is polled, as a fallback for missed NOTIFYs."),
    DEMO("demo", "false", "Start the three demo upstream APIs and register them through the Admin API."),
    DEMO_PORTS("demo.ports", "9001,9002,9003", "Ports of the three demo upstream APIs on 127.0.0.1 (0 picks a free one).");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public String propertyName() {
        return "gatehouse." + key;
    }

    public String environmentName() {
        return "GATEHOUSE_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
