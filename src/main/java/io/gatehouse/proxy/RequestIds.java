package io.gatehouse.proxy;

import java.util.concurrent.ThreadLocalRandom;

/** 32 lower-case hex digits, as Kong's {@code X-Kong-Request-Id}. Unpredictability is not needed. */
final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            out[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(out);
    }
}
