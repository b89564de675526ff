package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.query.mongo.MongoConfiguration;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 22 items 3 and 7: the embedded read models' file ({@code readmodels.mv}) holds personal data, so it and its
 * folder are the service user's alone, and it is encrypted with a key that lives only in the query side's process: an
 * erasure leaves nothing readable in old pages, and a stopped run's file is unreadable. Here the query side keeps its
 * read models in that file, as the embedded default does.
 */
@DisabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+", disabledReason = "reads the embedded stand-in's file")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "integration.amqp.enabled=false")
class ReadModelFileTest {

    private static final String ADDRESS = "龙城大道1888号读模型探针";
    private static final String PHONE = "13987654321";

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoDatabase readModels;

    private static final Path DATA = folder();
    private static final TestEventStoreDatabase DATABASE = TestEventStoreDatabase.create();

    @DynamicPropertySource
    static void readModelsInAFile(DynamicPropertyRegistry registry) {
        DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
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

    @Test
    @DisplayName("erased data is gone from the read models' storage: the file's bytes never hold a personal field in clear")
    void theReadModelsFileHoldsNoPersonalDataInClear() throws Exception {
        String member = "m-file-" + UUID.randomUUID().toString().substring(0, 8);
        eventStore.publish(new GenericDomainEventMessage<>("Member", member, 0, new MemberEvent.MemberRegistered(
                MemberId.of(member), "钱读模", Gender.F, LocalDate.of(1950, 5, 1), LocalDate.of(1975, 7, 1),
                OrganizationId.of("changqing-1"), Set.of(Category.RETIRED),
                new Residence(ResidenceStatus.ORIGINAL, null, ADDRESS), PHONE, LocalDate.of(2020, 1, 1))));
        // the member is in the read models with the address in clear, as the views answer it
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!holds(member)) {
            assertThat(System.nanoTime()).as("the member reaches the read models").isLessThan(deadline);
            Thread.sleep(100);
        }
        // MVStore writes its changes to the file within a second
        Thread.sleep(2500);
        Path file = DATA.resolve(MongoConfiguration.FILE);
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(Files.size(file)).isGreaterThan(4096);
        for (String clear : List.of(ADDRESS, PHONE, "钱读模", member, "view_")) {
            assertThat(bytes).as(clear).doesNotContain(new String(clear.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
    }

    private boolean holds(String member) {
        for (String name : readModels.listCollectionNames()) {
            Document document = readModels.getCollection(name).find(new Document("_id", member)).first();
            if (document != null && document.toJson().contains(ADDRESS)) {
                return true;
            }
        }
        return false;
    }
}
