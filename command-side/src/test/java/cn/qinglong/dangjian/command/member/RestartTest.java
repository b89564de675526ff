package cn.qinglong.dangjian.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.command.CommandSideApplication;
import cn.qinglong.dangjian.command.web.Http;
import cn.qinglong.dangjian.command.web.Subdistrict;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stop the service and start it again on the same store: every member's state is intact, with snapshots in play. */
class RestartTest {

    private static final List<String> MEMBERS = IntStream.range(0, 6).mapToObj(i -> "m-restart-" + i).toList();

    private final TestEventStoreDatabase database = TestEventStoreDatabase.create();

    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new LinkedHashMap<>(database.springProperties());
        properties.put("server.port", "0");
        properties.put("member.snapshot-threshold", "3");
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CommandSideApplication.class).run(arguments);
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static void record(Http http, String member) {
        Subdistrict.register(http, member);
        List.of("2026-01", "2026-02", "2026-03", "2026-04", "2026-05").forEach(period -> assertThat(
                http.post("/api/members/" + member + "/dues", "{\"period\":\"" + period + "\",\"amountFen\":200,\"paidOn\":\"2026-06-01\"}")
                        .status()).isEqualTo(200));
        assertThat(http.post("/api/members/" + member + "/relocation",
                "{\"transitionAddress\":\"红梅新村\",\"relocatedOn\":\"2019-05-01\"}").status()).isEqualTo(200);
        assertThat(http.post("/api/members/" + member + "/transition-group",
                "{\"groupId\":\"" + Subdistrict.TRANSITION_GROUP + "\",\"joinedOn\":\"2019-06-01\"}").status()).isEqualTo(200);
        assertThat(http.post("/api/members/" + member + "/resettlement", "{\"communityId\":\"" + Subdistrict.COMMUNITY
                + "\",\"residenceBranchId\":\"" + Subdistrict.RESIDENCE_BRANCH + "\",\"movedInOn\":\"2026-06-01\",\"transferRelation\":false}")
                .status()).isEqualTo(200);
    }

    /** The aggregate as the repository loads it (snapshot plus later events), in the serializer's stored form. */
    private static Map<String, String> loadAll(ConfigurableApplicationContext context) {
        var repository = context.getBean(Configuration.class).repository(Member.class);
        Serializer serializer = context.getBean("serializer", Serializer.class);
        Map<String, String> states = new LinkedHashMap<>();
        for (String id : MEMBERS) {
            var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(() ->
                    repository.load(id).invoke(member -> serializer.serialize(member, String.class).getData()));
            states.put(id, (String) result.getPayload());
        }
        return states;
    }

    @Test
    @DisplayName("after a restart every member's state is intact, loaded from snapshots or from events alone")
    void stateSurvivesRestart() {
        Map<String, String> before;
        try (ConfigurableApplicationContext first = start()) {
            Subdistrict.create(http(first));
            MEMBERS.forEach(member -> record(http(first), member));
            before = loadAll(first);
        }
        JdbcTemplate jdbc = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                database.url(), database.springProperties().get("spring.datasource.username"),
                database.springProperties().get("spring.datasource.password")));
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT aggregateIdentifier) FROM SnapshotEventEntry WHERE aggregateIdentifier LIKE 'm-restart-%'",
                Integer.class)).as("snapshots were taken").isEqualTo(MEMBERS.size());

        try (ConfigurableApplicationContext second = start()) {
            assertThat(loadAll(second)).isEqualTo(before);
            assertThat(before.get(MEMBERS.get(0))).contains("\"dualManaged\":true", "2026-05");

            Http http = http(second);
            var repeatDues = http.post("/api/members/m-restart-0/dues", "{\"period\":\"2026-03\",\"amountFen\":200,\"paidOn\":\"2026-06-01\"}");
            assertThat(repeatDues.status()).as("paid periods are remembered").isEqualTo(422);
            var rejoin = http.post("/api/members/m-restart-1/transition-group",
                    "{\"groupId\":\"" + Subdistrict.TRANSITION_GROUP + "\",\"joinedOn\":\"2026-07-01\"}");
            assertThat(rejoin.status()).as("resettlement is remembered").isEqualTo(422);

            jdbc.update("DELETE FROM SnapshotEventEntry");
            assertThat(loadAll(second)).as("snapshots agree with a replay of the events alone").isEqualTo(before);
        }
    }
}
