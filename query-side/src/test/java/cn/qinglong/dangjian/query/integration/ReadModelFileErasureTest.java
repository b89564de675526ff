package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.mongo.MongoConfiguration;
import cn.qinglong.dangjian.query.testing.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 22 item 7: after an erasure the member's address and phone were still in the embedded read models' file
 * ({@code readmodels.mv}) minutes later, the views over the API clean. Here the query side keeps its read models in
 * that file, as the embedded default does, and the file's bytes are searched after the erasure.
 */
@DisabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+", disabledReason = "reads the embedded stand-in's file")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "integration.amqp.enabled=false")
class ReadModelFileErasureTest {

    private static final Path DATA = folder();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static CommandSide commands;

    @BeforeAll
    static void commandSide() {
        commands = CommandSide.on(IntegrationClientTest.DATABASE);
    }

    private long lastPosition() {
        Long last = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return last == null ? 0 : last;
    }

    /** The integration suites' event store (and command side); the read models in a file of this test's own. */
    @DynamicPropertySource
    static void readModelsInAFile(DynamicPropertyRegistry registry) {
        IntegrationClientTest.DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.mongodb.uri", () -> "");
        registry.add("query.mongo.embedded", () -> "h2");
        registry.add("query.mongo.data-dir", DATA::toString);
        registry.add("query.mongo.erasure-check-interval", () -> "200ms");
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("readmodels-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("after an erasure none of the erased values is in the read models' file; the file is owner-only")
    void erasedValuesAreGoneFromTheFileBytes() throws IOException {
        String member = "m-file-" + UUID.randomUUID().toString().substring(0, 8);
        String tag = member.substring(7);
        // values of this member alone (other suites' members on this event store carry CommandSide's)
        String phone = "139" + String.format("%08d", Math.abs(tag.hashCode()) % 100_000_000);
        List<String> personal = List.of(phone, "常青村" + tag + "号", "红梅新村" + tag + "幢", "血压偏高" + tag);
        Http query = new Http("http://localhost:" + port + "/api");
        commands.post("/api/members", """
                {"memberId":"%s","name":"张建国","gender":"M","birthDate":"1948-03-01","joinedPartyOn":"1972-07-01",
                 "branchId":"changqing-1","categories":["FARMER"],"residence":{"status":"ORIGINAL","address":"%s"},
                 "phone":"%s","registeredOn":"2020-01-01"}""".formatted(member, personal.get(1), phone));
        commands.post("/api/members/" + member + "/relocation",
                "{\"transitionAddress\":\"" + personal.get(2) + "\",\"relocatedOn\":\"2026-01-10\"}");
        commands.post("/api/members/" + member + "/care-visits", "{\"helperName\":\"王芳\",\"kind\":\"CARE_VISIT\","
                + "\"visitedOn\":\"2026-02-01\",\"notes\":\"" + personal.get(3) + "\"}");
        commands.post("/api/members/" + member + "/membership-end", "{\"reason\":\"DECEASED\",\"endedOn\":\"2026-03-01\"}");
        long ended = lastPosition();
        assertThat(query.get("/members/" + member + "?minPosition=" + ended).status()).isEqualTo(200);
        Path file = DATA.resolve(MongoConfiguration.FILE);
        within(Duration.ofSeconds(30), () -> assertThat(found(file, List.of(personal.get(2)))).as("the address, before").hasSize(1));

        Http.Response erased = commands.api().post("/members/" + member + "/erasure", "");
        assertThat(erased.status()).as(erased.text()).isEqualTo(200);
        long position = erased.json().get("position").asLong();
        assertThat(query.get("/members/" + member + "?minPosition=" + position).json().get("personalDataErased").asBoolean()).isTrue();

        within(Duration.ofSeconds(30), () -> assertThat(found(file, personal)).as("erased values in " + file).isEmpty());
        assertThat(query.get("/members/" + member).json().get("name").asString()).isEqualTo("张建国");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA))).isEqualTo("rwx------");
    }

    interface Check {
        void run() throws Exception;
    }

    /** Retries the check until it passes or the time is up (then its last failure is the test's). */
    private static void within(Duration limit, Check check) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e instanceof AssertionError a ? a : new AssertionError(e);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Which of the values the file's bytes hold, as UTF-8 (how BSON stores strings). */
    private static List<String> found(Path file, List<String> values) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return values.stream()
                .filter(value -> text.contains(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
                .toList();
    }
}
