package io.gatehouse.demo;

import io.gatehouse.core.Setting;
import io.gatehouse.core.Settings;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Finds how this node can reach its own Admin API and proxy over HTTP, from the connectors that
 * Tomcat registers in the platform MBean server ({@code <domain>:type=Connector,port=N[,address=A]}).
 * <ul>
 *   <li>A plain-HTTP connector whose port is in {@code gatehouse.admin.ports} serves the Admin API
 *       at its root.</li>
 *   <li>Otherwise (single-port mode: a connector in none of the port lists) the Admin API is under
 *       {@code gatehouse.admin.prefix} on that connector.</li>
 *   <li>When no connector can be read, the first admin port on 127.0.0.1 is assumed.</li>
 * </ul>
 */
final class Connectors {

    private static final Logger LOG = Logger.getLogger(Connectors.class.getName());

    /** One HTTP connector: the host to call it on (loopback for wildcard binds) and its port. */
    record Connector(String host, int port) {
        String url() {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final List<Connector> connectors;
    private final List<Integer> proxyPorts;
    private final List<Integer> adminPorts;
    private final List<Integer> consolePorts;
    private final String adminPrefix;

    Connectors(List<Connector> connectors, Settings settings) {
        this.connectors = List.copyOf(connectors);
        this.proxyPorts = settings.getPorts(Setting.PROXY_PORTS);
        this.adminPorts = settings.getPorts(Setting.ADMIN_PORTS);
        this.consolePorts = settings.getPorts(Setting.CONSOLE_PORTS);
        String prefix = settings.get(Setting.ADMIN_PREFIX).trim();
        this.adminPrefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** The connectors of the running Tomcat, read over JMX. */
    static Connectors ofThisServer(Settings settings) {
        return new Connectors(readConnectors(), settings);
    }

    /** The Admin API's base URL, without a trailing slash. */
    URI adminBase() {
        Optional<Connector> admin = connectors.stream()
                .filter(c -> adminPorts.contains(c.port()))
                .min(Comparator.comparingInt(c -> adminPorts.indexOf(c.port())));
        if (admin.isPresent()) {
            return URI.create(admin.get().url());
        }
        Optional<Connector> single = singlePort();
        if (single.isPresent()) {
            return URI.create(single.get().url() + adminPrefix);
        }
        return URI.create("http://127.0.0.1:" + (adminPorts.isEmpty() ? 8001 : adminPorts.get(0)));
    }

    /** The proxy's base URL, as a user on this machine would call it. */
    String proxyBase() {
        Optional<Connector> proxy = connectors.stream()
                .filter(c -> proxyPorts.contains(c.port()))
                .min(Comparator.comparingInt(c -> proxyPorts.indexOf(c.port())));
        Optional<Connector> chosen = proxy.isPresent() ? proxy : singlePort();
        return chosen.map(c -> "http://localhost:" + c.port())
                .orElse("http://localhost:" + (proxyPorts.isEmpty() ? 8000 : proxyPorts.get(0)));
    }

    private Optional<Connector> singlePort() {
        return connectors.stream()
                .filter(c -> !proxyPorts.contains(c.port()) && !adminPorts.contains(c.port())
                        && !consolePorts.contains(c.port()))
                .findFirst();
    }

    private static List<Connector> readConnectors() {
        List<Connector> found = new ArrayList<>();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName name : server.queryNames(new ObjectName("*:type=Connector,*"), null)) {
                Object scheme = attribute(server, name, "scheme");
                Object port = attribute(server, name, "port");
                if (!"http".equals(scheme) || !(port instanceof Integer number) || number <= 0) {
                    continue;
                }
                found.add(new Connector(host(name.getKeyProperty("address")), number));
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.FINE, "Could not read Tomcat's connectors over JMX", e);
        }
        found.sort(Comparator.comparingInt(Connector::port));
        return found;
    }

    private static Object attribute(MBeanServer server, ObjectName name, String attribute) {
        try {
            return server.getAttribute(name, attribute);
        } catch (Exception e) {
            return null;
        }
    }

    /** The ObjectName's quoted address, or loopback for a wildcard or missing one. */
    static String host(String quotedAddress) {
        if (quotedAddress == null || quotedAddress.isBlank()) {
            return "127.0.0.1";
        }
        String address = quotedAddress;
        try {
            address = ObjectName.unquote(quotedAddress);
        } catch (IllegalArgumentException notQuoted) {
            // already plain
        }
        if (address.startsWith("/")) {
            address = address.substring(1);
        }
        int slash = address.indexOf('/');
        if (slash > 0) {
            address = address.substring(slash + 1);
        }
        if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0")) {
            return "127.0.0.1";
        }
        return address;
    }
}
