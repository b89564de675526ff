package cn.qinglong.dangjian.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The names the token endpoint, the exposure warning and the path filter accept; never a DNS lookup. */
class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost:8081", "127.0.0.1", "127.0.0.1:8080", "127.1.2.3:1", "[::1]", "[::1]:8080"})
    void loopbackHosts(String host) {
        assertThat(Loopback.hostHeader(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io", "10.0.0.1",
            "0.0.0.0", "[::]", "[::1", "localhost:99999", "localhost:x", "", " ", "[::ffff:7f00:1]x", "user@localhost"})
    void otherHosts(String host) {
        assertThat(Loopback.hostHeader(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8081", "https://127.0.0.1", "http://[::1]:3000"})
    void loopbackOrigins(String origin) {
        assertThat(Loopback.origin(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "http://attacker.example", "file://", "http://localhost:8081/path", "ftp://localhost",
            "http://user@localhost"})
    void otherOrigins(String origin) {
        assertThat(Loopback.origin(origin)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0.0.0.0", "::", "192.168.1.10"})
    void exposedAddresses(String address) {
        assertThat(ExposureWarning.exposed(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "localhost"})
    void loopbackAddresses(String address) {
        assertThat(ExposureWarning.exposed(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%61pi/members", "/api/%6Dembers", "/api//members", "/api/./members", "/api/x/../members",
            "/api/%2e%2E/members", "/api/members/%zz", "/api/members/%4", "api/members"})
    void pathsNotInNormalForm(String path) {
        assertThat(CanonicalPath.problem(path)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/members", "/api/members/m-1/dues", "/api/members/%E7%8E%8B", "/api/x%20y", "/a.b/c..d"})
    void pathsInNormalForm(String path) {
        assertThat(CanonicalPath.problem(path)).isNull();
    }
}
