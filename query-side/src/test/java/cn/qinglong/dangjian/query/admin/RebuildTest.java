package cn.qinglong.dangjian.query.admin;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.projection.ProjectionSettings;
import cn.qinglong.dangjian.query.testing.Http;
import com.mongodb.client.MongoDatabase;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RebuildTest extends QuerySideTest {

    @Autowired
    MongoDatabase database;

    @Autowired
    ProjectionSettings settings;

    @Test
    @DisplayName("rebuilding every projection yields views equal to the live ones, and queries answer throughout")
    void rebuildEveryProjection() {
        Scenario scenario = new Scenario("rebuild", LocalDate.now(ZoneId.of("Asia/Shanghai")));
        long position = append(scenario.log);
        List<String> paths = List.of(
                "/members/" + scenario.dual, "/members?branchId=" + scenario.villageBranch, "/organizations/tree",
                "/study-days/" + scenario.communityStudyDay + "/attendance",
                "/attendance/rates?branchId=" + scenario.villageBranch + "&by=month",
                "/dual-management?communityId=" + scenario.community, "/transition?areaId=" + scenario.area,
                "/care/overdue?days=30", "/dashboard/difficulties?organizationId=" + scenario.committee);
        Map<String, JsonNode> live = answers(paths, position);
        Map<String, Integer> generations = generations();

        for (String name : generations.keySet()) {
            Http.Response started = query.post("/admin/projections/" + name + "/rebuild", "");
            assertThat(started.status()).as(started.text()).isEqualTo(202);
        }
        Http.Response again = query.post("/admin/projections/member/rebuild", "");
        if (again.status() != 202) {
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.contentType()).startsWith("application/problem+json");
        }
        assertThat(answers(paths, position)).as("answers while rebuilding").isEqualTo(live);

        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!rebuilt(generations) && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(rebuilt(generations)).as("every projection swapped to its new generation").isTrue();
        assertThat(answers(paths, position)).as("answers after the swap").isEqualTo(live);

        // rebuilt on rebuild-segments (1), then split up to segments (4) once answering
        assertThat(settings.rebuildSegments()).isLessThan(settings.segments());
        while (!split(generations) && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(split(generations)).as("every new generation split up to %d segments", settings.segments())
                .isTrue();
        long later = append(new Scenario("after-split", LocalDate.now(ZoneId.of("Asia/Shanghai"))).log);
        answers(paths.subList(0, 1), later);
    }

    @Test
    @DisplayName("every answering generation, the first build included, ends split up to segments once near the head")
    void firstBuildIsSplitOnceCaughtUp() {
        long position = append(new Scenario("first-build", LocalDate.now(ZoneId.of("Asia/Shanghai"))).log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!split(generations()) && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(split(generations())).as("every answering generation split up to %d segments", settings.segments())
                .isTrue();
        assertThat(query.get("/organizations/tree?minPosition=" + position).header("X-View-Behind")).isNull();
    }

    private boolean split(Map<String, Integer> before) {
        for (JsonNode projection : query.get("/admin/projections").json()) {
            String processor = projection.get("name").asString() + "-g" + projection.get("generation").asInt();
            if (database.getCollection("trackingtokens").countDocuments(eq("processorName", processor))
                    != settings.segments()) {
                return false;
            }
        }
        return true;
    }

    @Test
    @DisplayName("a second rebuild while one runs is refused with 409, an unknown projection with 404")
    void conflictingAndUnknownRebuilds() {
        Http.Response unknown = query.post("/admin/projections/no-such-view/rebuild", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Http.Response first = query.post("/admin/projections/care/rebuild", "");
        Http.Response second = query.post("/admin/projections/care/rebuild", "");
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isIn(202, 409);
        if (second.status() == 409) {
            assertThat(second.json().get("type").asString()).isEqualTo("/problems/rebuild-running");
        }
        JsonNode status = first.json();
        assertThat(status.get("rebuild").get("progress").asDouble()).isBetween(0.0, 1.0);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, JsonNode> answers(List<String> paths, long position) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String path : paths) {
            Http.Response response = query.get(path + (path.contains("?") ? "&" : "?") + "minPosition=" + position);
            assertThat(response.status()).as(path + " " + response.text()).isEqualTo(200);
            assertThat(response.header("X-View-Behind")).as(path).isNull();
            answers.put(path, response.json());
        }
        return answers;
    }

    private Map<String, Integer> generations() {
        Map<String, Integer> generations = new LinkedHashMap<>();
        for (JsonNode projection : query.get("/admin/projections").json()) {
            assertThat(projection.get("replayProgress").asDouble()).isBetween(0.0, 1.0);
            generations.put(projection.get("name").asString(), projection.get("generation").asInt());
        }
        return generations;
    }

    private boolean rebuilt(Map<String, Integer> before) {
        for (JsonNode projection : query.get("/admin/projections").json()) {
            if (projection.get("generation").asInt() <= before.get(projection.get("name").asString())
                    || !projection.get("rebuild").isNull()) {
                return false;
            }
        }
        return true;
    }
}
