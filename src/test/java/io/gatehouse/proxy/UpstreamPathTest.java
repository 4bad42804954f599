package io.gatehouse.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kong's path_handling v0 table (§3.3), plus the branches the table does not show. */
class UpstreamPathTest {

    @ParameterizedTest(name = "service {0}, route {1}, request {2}, strip {3} -> {4}")
    @CsvSource(nullValues = "null", value = {
            "/s,   /p, /p/x, true,  /s/x",
            "/s,   /p, /p,   true,  /s",
            "/s,   /p, /px,  true,  /s/x",
            "/s/,  /p, /p,   true,  /s",
            "/s/,  /p, /p/,  true,  /s/",
            "/,    /p, /p/x, true,  /x",
            "/s,   /p, /p/x, false, /s/p/x",
            "null, /p, /p/x, false, /p/x",
            // base ending in '/', the other branches
            "/,    /p, /p,   true,  /",
            "/s/,  /p, /p/x, true,  /s/x",
            "/s/,  /p, /px,  true,  /s/x",
            "/s/,  /p, /p/x, false, /s/p/x",
            "/,    /p, /p/x, false, /p/x",
            // base without '/', the other branches
            "/s,   /p, /p/,  true,  /s/",
            "/s,   /p/, /p/, true,  /s/",
            "/s,   /p, /,    false, /s",
            "null, /,  /,    true,  /",
            "null, /,  /a/b, true,  /a/b",
    })
    void followsPathHandlingV0(String servicePath, String routePath, String request, boolean strip, String expected) {
        assertEquals(expected, UpstreamPath.build(servicePath, request, strip ? routePath : null));
    }
}
