package io.gatehouse.it.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: no fixed sleeps in the tests. */
public final class Await {

    private Await() {
    }

    /**
     * Calls {@code probe} until {@code done} accepts its result, waiting a little longer each
     * time; returns the accepted result, or throws AssertionError with the last one.
     */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 20;
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; last result: " + last);
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 500);
        }
    }
}
