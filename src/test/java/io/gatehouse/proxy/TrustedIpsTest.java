package io.gatehouse.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedIpsTest {

    @Test
    void trustsNothingByDefault() {
        assertFalse(TrustedIps.parse(List.of()).contains("127.0.0.1"));
    }

    @Test
    void matchesSingleAddresses() {
        TrustedIps ips = TrustedIps.parse(List.of("10.1.2.3", "::1"));
        assertTrue(ips.contains("10.1.2.3"));
        assertFalse(ips.contains("10.1.2.4"));
        assertTrue(ips.contains("0:0:0:0:0:0:0:1"));
    }

    @Test
    void matchesCidrBlocksOnBitBoundaries() {
        TrustedIps ips = TrustedIps.parse(List.of("192.168.0.0/16", "10.0.0.0/9", "fd00::/8"));
        assertTrue(ips.contains("192.168.255.1"));
        assertFalse(ips.contains("192.169.0.1"));
        assertTrue(ips.contains("10.127.0.1"));
        assertFalse(ips.contains("10.128.0.1"));
        assertTrue(ips.contains("fd12:3456::1"));
        assertFalse(ips.contains("fe80::1"));
    }

    @Test
    void matchesEverythingWithZeroPrefix() {
        TrustedIps ips = TrustedIps.parse(List.of("0.0.0.0/0"));
        assertTrue(ips.contains("8.8.8.8"));
    }

    @Test
    void matchesIpv4MappedPeers() {
        assertTrue(TrustedIps.parse(List.of("127.0.0.0/8")).contains("::ffff:127.0.0.1"));
    }

    @Test
    void neverResolvesHostnames() {
        TrustedIps ips = TrustedIps.parse(List.of("127.0.0.1"));
        assertFalse(ips.contains("localhost"));
        assertThrows(IllegalArgumentException.class, () -> TrustedIps.parse(List.of("localhost")));
        assertThrows(IllegalArgumentException.class, () -> TrustedIps.parse(List.of("10.0.0.0/33")));
    }

    @Test
    void realIpComesFromTheHeaderOnlyForTrustedPeers() {
        HeaderList headers = new HeaderList();
        headers.add("X-Real-IP", "203.0.113.9");
        TrustedIps trusted = TrustedIps.parse(List.of("127.0.0.1"));
        assertEquals("203.0.113.9", ClientAddress.resolve("127.0.0.1", headers, trusted, "X-Real-IP").realIp());
        assertEquals("198.51.100.1", ClientAddress.resolve("198.51.100.1", headers, trusted, "X-Real-IP").realIp());
    }
}
