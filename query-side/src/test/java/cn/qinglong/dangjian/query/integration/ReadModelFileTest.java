package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.mongo.MongoConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 22 item 3: the embedded read models' file ({@code readmodels.mv}) holds personal data, so it and its folder
 * are the service user's alone. Here the query side keeps its read models in that file, as the embedded default does.
 */
@DisabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+", disabledReason = "reads the embedded stand-in's file")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "integration.amqp.enabled=false")
class ReadModelFileTest {

    private static final Path DATA = folder();

    @DynamicPropertySource
    static void readModelsInAFile(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "");
        registry.add("query.mongo.embedded", () -> "h2");
        registry.add("query.mongo.data-dir", DATA::toString);
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("readmodels-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("the read models' file and its folder are owner-only")
    void theReadModelsFileIsOwnerOnly() throws IOException {
        Path file = DATA.resolve(MongoConfiguration.FILE);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA))).isEqualTo("rwx------");
    }
}
