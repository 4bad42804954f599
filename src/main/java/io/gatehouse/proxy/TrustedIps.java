package io.gatehouse.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code trusted_ips} setting: addresses and CIDR blocks whose {@code X-Forwarded-*} and
 * real-IP headers are believed. Nothing is trusted by default, as in Kong since 0.11.
 */
public final class TrustedIps {

    private record Block(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int remaining = prefixBits % 8;
            if (remaining == 0) {
                return true;
            }
            int mask = (0xff << (8 - remaining)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedIps(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses entries such as {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}, or {@code 0.0.0.0/0}. */
    public static TrustedIps parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (trimmed.equals("unix:")) {
                continue;
            }
            int slash = trimmed.indexOf('/');
            byte[] network = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("trusted_ips: '" + trimmed + "' is not an IP address or CIDR");
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("trusted_ips: bad prefix length in '" + trimmed + "'");
            }
            blocks.add(new Block(network, bits));
        }
        return new TrustedIps(List.copyOf(blocks));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public boolean contains(String ip) {
        if (blocks.isEmpty() || ip == null) {
            return false;
        }
        byte[] address = literal(ip);
        if (address == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        // An IPv4 peer may show up as ::ffff:a.b.c.d on a dual-stack socket.
        if (address.length == 16 && isMapped(address)) {
            byte[] v4 = new byte[] {address[12], address[13], address[14], address[15]};
            for (Block block : blocks) {
                if (block.contains(v4)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
    }

    /** Parses an IP literal without ever doing a DNS lookup; null when it is not one. */
    static byte[] literal(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty()) {
            return null;
        }
        boolean v4 = s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
        boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        if (v4) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3) {
                    return null;
                }
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return null;
                }
                out[i] = (byte) value;
            }
            return out;
        }
        if (!v6) {
            return null;
        }
        try {
            // Safe: InetAddress does not resolve a string that contains ':'; it parses it.
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
