package io.gatehouse.it.probe;

import io.gatehouse.schema.Describe;

/** exchange-probe's configuration; this record is its schema. */
public record ProbeConfig(
        @Describe("Where the log phase POSTs its JSON record of the request.")
        String logUrl,
        @Describe(value = "How long the log phase waits before reporting, to show it never holds up a response.",
                defaultJson = "0", required = true)
        int logDelayMs,
        @Describe(value = "body_filter: upper-case every response chunk.", defaultJson = "false", required = true)
        boolean upperCaseBody,
        @Describe("body_filter: text appended after the last chunk.")
        String bodySuffix) {
}
