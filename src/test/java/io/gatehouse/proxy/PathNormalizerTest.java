package io.gatehouse.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/, /",
            "'', /",
            "/f%6f%6f, /foo",
            "/%61%64%6d%69%6e, /admin",
            "/%2E, /",
            "/a/b/c/./../../g, /a/g",
            "/public/../admin, /admin",
            "/public/%2e%2e/admin, /admin",
            "/public/%2E%2E/admin, /admin",
            "/public/./../admin, /admin",
            "/admin/./, /admin/",
            "/a//b///c, /a/b/c",
            "/a/b/, /a/b/",
            "/a/.., /",
            "/.., /",
            "/../../x, /x",
            "/a%2fb, /a%2Fb",
            "/a%2Fb/../c, /c",
            "/x%3bparam, /x%3Bparam",
            "/%41%42%43, /ABC",
            "/caf%C3%A9, /café",
            "/bad%C3, /bad%C3",
            "/pct%zz, /pct%zz",
            "/a%20b, /a b",
    })
    void normalisesLikeKong(String raw, String expected) {
        assertEquals(expected, PathNormalizer.normalize(raw));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/public/..;/private, /private",
            "/public/..;jsessionid=x/private, /private",
            "/public/.;x/private, /public/private",
            "/a;v=1/b, /a;v=1/b",
            "/%2e%2e;/private, /private",
    })
    void treatsDotSegmentsWithParametersAsDotSegments(String raw, String expected) {
        assertEquals(expected, PathNormalizer.normalize(raw));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/a b, /a%20b",
            "/café, /caf%C3%A9",
            "/a%2Fb, /a%2Fb",
            "/x;y=1:@!$&'()*+=, /x;y=1:@!$&'()*+=",
            "/q\"<>, /q%22%3C%3E",
    })
    void escapesForTheWire(String path, String expected) {
        assertEquals(expected, PathNormalizer.escapeForUpstream(path));
    }

    @ParameterizedTest
    @CsvSource({"/a%20b%2Fc", "/caf%C3%A9/x", "/%7Euser"})
    void routedAndForwardedPathsAgree(String raw) {
        String routed = PathNormalizer.normalize(raw);
        assertEquals(routed, PathNormalizer.normalize(PathNormalizer.escapeForUpstream(routed)));
    }
}
