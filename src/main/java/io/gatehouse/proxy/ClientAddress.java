package io.gatehouse.proxy;

/**
 * Who the client is, after real-IP processing: the socket peer unless the peer is in
 * {@code trusted_ips} and sent the real-IP header (nginx {@code set_real_ip_from} semantics,
 * without recursion: the last address of the header is taken).
 */
record ClientAddress(String peer, String realIp, boolean trusted) {

    static ClientAddress resolve(String peer, HeaderList headers, TrustedIps trustedIps, String realIpHeader) {
        boolean trusted = trustedIps.contains(peer);
        String realIp = peer;
        if (trusted && realIpHeader != null && !realIpHeader.isEmpty()) {
            String value = headers.first(realIpHeader);
            if (value != null) {
                int comma = value.lastIndexOf(',');
                String last = (comma < 0 ? value : value.substring(comma + 1)).trim();
                if (TrustedIps.literal(last) != null) {
                    realIp = last;
                }
            }
        }
        return new ClientAddress(peer, realIp, trusted);
    }
}
