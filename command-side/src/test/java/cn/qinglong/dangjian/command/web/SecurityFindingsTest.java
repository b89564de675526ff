package cn.qinglong.dangjian.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.security.LocalSigningKey;
import cn.qinglong.dangjian.security.TestTokens;
import cn.qinglong.dangjian.security.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 22's findings on the command side, each through real HTTP: the loopback token endpoint's trust in any Host,
 * the embedded default's open doors (every interface, world-readable files), a token without {@code exp}, and a
 * write whose path was spelled so that the write limit did not see it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityFindingsTest extends EventStoreBackedTest {

    private static final String TOKEN_REQUEST = "{\"role\":\"COMMITTEE\",\"subject\":\"mallory\"}";

    @Autowired
    LocalSigningKey key;

    @BeforeAll
    void subdistrict() {
        Subdistrict.create(http());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Host: attacker.example", "Host: attacker.example:8080", "Host: 127.0.0.1.nip.io",
            "Host: localhost.attacker.example", "Host: 10.0.0.1", "Host: ", "Origin: http://attacker.example",
            "Origin: null", "Origin: http://localhost.attacker.example", "X-Real-IP: 203.0.113.7",
            "X-Forwarded-Host: attacker.example", "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https",
            "Forwarded: for=203.0.113.7;host=attacker.example"})
    @DisplayName("item 2: the loopback token endpoint refuses a foreign Host or Origin and any proxy header")
    void tokenEndpointRefusesWhatIsNotADirectLoopbackClient(String header) {
        var reply = RawHttp.send(port, "POST", "/api/auth/token", TOKEN_REQUEST, header);
        assertThat(reply.status()).as(header + " -> " + reply.body()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body()).doesNotContain("access_token");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]", "LOCALHOST"})
    @DisplayName("item 2: a browser or curl on this machine still gets its token")
    void tokenEndpointAnswersALoopbackClient(String host) {
        var reply = RawHttp.send(port, "POST", "/api/auth/token", TOKEN_REQUEST, "Host: " + host + ":" + port,
                "Origin: http://" + host.toLowerCase() + ":" + port);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("access_token");
    }

    @Test
    @DisplayName("item 3: the embedded default listens on loopback only, not on this machine's other addresses")
    void listensOnLoopbackOnly() throws IOException {
        InetAddress other = otherAddress();
        assumeTrue(other != null, "this machine has no address but loopback");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(other, port), 2000);
            throw new AssertionError("the service answered on " + other.getHostAddress() + ":" + port);
        } catch (java.net.ConnectException | java.net.SocketTimeoutException refused) {
            // nobody listens there
        }
        assertThat(RawHttp.send(port, "GET", "/actuator/health", null).status()).isEqualTo(200);
    }

    /** An IPv4 address of this machine other than loopback, or null when it has none. */
    private static InetAddress otherAddress() throws IOException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst().orElse(null);
    }

    @Test
    @DisplayName("item 3: the H2 event store's folder and files (the local signing key among them) are owner-only; AUTO_SERVER is on loopback")
    void eventStoreFilesAreOwnerOnly() throws IOException {
        assumeTrue(!TestEventStoreDatabase.postgres(), "the H2 embedded default only");
        String url = DATABASE.url();
        Path database = Path.of(url.substring("jdbc:h2:file:".length(), url.indexOf(';')));
        Path folder = database.getParent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("events.")))
                    .isNotEmpty()
                    .allSatisfy(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .as(file.toString()).isEqualTo("rw-------"));
        }
        Path lock = folder.resolve("events.lock.db");
        if (Files.exists(lock)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(lock)) {
                properties.load(in);
            }
            String server = properties.getProperty("server");
            if (server != null) {
                // H2 writes a loopback bind address as "localhost"
                assertThat(server).as("AUTO_SERVER's address").matches("(localhost|127\\.0\\.0\\.1):\\d+");
                int h2Port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
                InetAddress other = otherAddress();
                if (other != null) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(other, h2Port), 2000);
                        throw new AssertionError("H2's AUTO_SERVER answered on " + other.getHostAddress() + ":" + h2Port);
                    } catch (java.net.ConnectException | java.net.SocketTimeoutException refused) {
                        // loopback only
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("item 6: a token without exp, or with an exp further away than the longest lifetime, is refused")
    void tokenWithoutOrWithAFarExpIsRefused() {
        String registration = Subdistrict.registration("exp-test");
        for (Instant exp : new Instant[]{null, Instant.now().plus(Duration.ofDays(400)), Instant.now().plus(Duration.ofHours(25))}) {
            var reply = http().anonymous().send("POST", "/api/members", registration,
                    "Authorization", "Bearer " + TestTokens.committee(key, exp));
            assertThat(reply.status()).as("exp " + exp + " -> " + reply.text()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        var fine = http().anonymous().send("POST", "/api/members", registration,
                "Authorization", "Bearer " + TestTokens.committee(key, Instant.now().plus(Duration.ofHours(1))));
        assertThat(fine.status()).as(fine.text()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/%61pi/members", "/api/%6dembers", "/%2561pi/members", "/api//members", "/api/./members",
            "/api/members/../members", "/api/members/%2e/x", "/API/members"})
    @DisplayName("item 4: a write path not in normal form is refused before any filter counts or routes it; nothing is recorded")
    void writePathsNotInNormalFormAreRefused(String path) {
        long before = storedEvents();
        var reply = RawHttp.send(port, "POST", path, Subdistrict.registration("path-" + Math.abs(path.hashCode())),
                "Authorization: Bearer " + http().token("paths"));
        assertThat(reply.status()).as(path + " -> " + reply.body()).isBetween(400, 499);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    @DisplayName("item 4: strict JSON: 1.5 fen, a duplicate key (either order), a lone surrogate, a C1 control, a period in year 1 or 9999")
    void strictJson() {
        Subdistrict.register(http(), "strict-json");
        long before = storedEvents();
        String dues = "/api/members/strict-json/dues";
        for (String body : new String[]{
                "{\"period\":\"2026-01\",\"amountFen\":1.5,\"paidOn\":\"2026-02-01\"}",
                "{\"period\":\"2026-01\",\"amountFen\":1.0,\"paidOn\":\"2026-02-01\"}",
                "{\"period\":\"2026-01\",\"amountFen\":200,\"amountFen\":1,\"paidOn\":\"2026-02-01\"}",
                "{\"amountFen\":1,\"period\":\"2026-01\",\"amountFen\":200,\"paidOn\":\"2026-02-01\"}"}) {
            assertRefused("POST", dues, body);
        }
        String visits = "/api/members/strict-json/care-visits";
        for (String helper : new String[]{"\\ud800", "王\\udc00芳", "\\u0085", "王\\u009b芳", "\\u001b[31m", "a\\rb"}) {
            assertRefused("POST", visits, "{\"helperName\":\"" + helper + "\",\"kind\":\"CARE_VISIT\",\"visitedOn\":\"2026-02-01\"}");
        }
        for (String period : new String[]{"0001-01", "9999-12", "0001", "9999-H1", "1899-12", "2101"}) {
            assertRefused("POST", "/api/members/strict-json/evaluations",
                    "{\"period\":\"" + period + "\",\"rating\":\"EXCELLENT\",\"evaluatedOn\":\"2026-02-01\"}");
        }
        assertThat(storedEvents()).as("nothing recorded").isEqualTo(before);
        var fine = http().post(visits, "{\"helperName\":\"王芳\",\"kind\":\"CARE_VISIT\",\"visitedOn\":\"2026-02-01\",\"notes\":\"第一行\\n第二行\\t完\"}");
        assertThat(fine.status()).as(fine.text()).isIn(200, 201);
    }

    private void assertRefused(String method, String path, String body) {
        var reply = http().send(method, path, body);
        assertThat(reply.status()).as(body + " -> " + reply.text()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(JsonMapper.builder().build().readTree(reply.text()).get("type").asString())
                .isIn("/problems/invalid-request", "/problems/malformed-json");
    }
}
