package io.gatehouse.it.support;

/** A client for the proxy port (Kong's 8000; 18000 in the integration tests). */
public class ProxyClient extends AdminClient {

    public static final int DEFAULT_PORT = Integer.getInteger("it.proxy.port", 18000);

    public ProxyClient() {
        this("http://127.0.0.1:" + DEFAULT_PORT);
    }

    public ProxyClient(String base) {
        super(base);
    }
}
