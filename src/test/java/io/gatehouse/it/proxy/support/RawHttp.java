package io.gatehouse.it.proxy.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A raw-socket HTTP/1.1 client for the proxy port: the request target and every header
 * (including Host, Connection, Via) are sent byte for byte, which java.net.http does not allow.
 * One request per connection ({@code Connection: close} is added unless a Connection header is
 * given).
 */
public final class RawHttp {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final int PROXY_PORT = Integer.getInteger("it.proxy.port", 18000);

    private RawHttp() {
    }

    /** A response as read off the wire. Header names keep their case; lookups ignore it. */
    public record Response(int status, String reason, List<String[]> headers, byte[] body) {
        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        public List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    values.add(h[1]);
                }
            }
            return values;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(status).append(' ').append(reason);
            for (String[] h : headers) {
                sb.append("\n  ").append(h[0]).append(": ").append(h[1]);
            }
            String t = text();
            return sb.append("\n\n").append(t.length() > 500 ? t.substring(0, 500) + "..." : t).toString();
        }
    }

    /** GET with headers given as name/value pairs; a Host header is added when none is given. */
    public static Response get(String target, String... headers) {
        return request("GET", target, null, headers);
    }

    public static Response request(String method, String target, byte[] body, String... headers) {
        return exchange(PROXY_PORT, method, target, body, headers);
    }

    public static Response exchange(int port, String method, String target, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean connection = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            host |= headers[i].equalsIgnoreCase("Host");
            connection |= headers[i].equalsIgnoreCase("Connection");
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (!host) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        if (!connection) {
            head.append("Connection: close\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    /** Reads one response: head, then a Content-Length, chunked or read-to-close body. */
    public static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = readHeaders(in);
        Response shell = new Response(status, parts.length > 2 ? parts[2] : "", headers, new byte[0]);
        byte[] body;
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(shell.header("Transfer-Encoding"))) {
            body = readChunked(in);
        } else if (shell.header("Content-Length") != null) {
            body = in.readNBytes(Integer.parseInt(shell.header("Content-Length").trim()));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, shell.reason(), headers, body);
    }

    public static List<String[]> readHeaders(InputStream in) throws IOException {
        List<String[]> headers = new ArrayList<>();
        for (String line; (line = line(in)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return headers;
    }

    public static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("truncated chunked body");
            }
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (true) {
                    String trailer = line(in);
                    if (trailer == null || trailer.isEmpty()) {
                        return out.toByteArray();
                    }
                }
            }
            out.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, or null at end of stream. */
    public static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** An open response whose body is read incrementally; close it to drop the connection. */
    public record Streamed(Socket socket, int status, List<String[]> headers, InputStream body) implements AutoCloseable {
        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Sends a bodiless request and returns as soon as the response head has arrived. */
    public static Streamed open(String method, String target, String... headers) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", PROXY_PORT), 5000);
        socket.setSoTimeout(60_000);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(PROXY_PORT).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("\r\n");
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return openResponse(socket);
    }

    /** Reads a response head off {@code socket}; the body stream is de-chunked or length-bounded. */
    public static Streamed openResponse(Socket socket) throws IOException {
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        List<String[]> headers = readHeaders(in);
        Streamed shell = new Streamed(socket, status, headers, in);
        InputStream body;
        if ("chunked".equalsIgnoreCase(shell.header("Transfer-Encoding"))) {
            body = new TestUpstream.ChunkedInputStream(in);
        } else if (shell.header("Content-Length") != null) {
            body = new TestUpstream.BoundedInputStream(in, Long.parseLong(shell.header("Content-Length").trim()));
        } else {
            body = in;
        }
        return new Streamed(socket, status, headers, body);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
