package cn.qinglong.dangjian.query.admin;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.qinglong.dangjian.query.evaluation.EvaluationProjectionTest;
import cn.qinglong.dangjian.query.projection.ProjectionSettings;
import cn.qinglong.dangjian.query.suggestion.SuggestionProjectionTest;
import cn.qinglong.dangjian.query.projection.ProjectionStatus;
import cn.qinglong.dangjian.query.testing.Http;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.OrganizationalLifeScenario;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
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
        Scenario scenario = scenario("rebuild");
        EvaluationProjectionTest.round(scenario);
        SuggestionProjectionTest.suggestions(scenario);
        OrganizationalLifeScenario life = new OrganizationalLifeScenario(scenario, "rebuild");
        long position = append(scenario.log);
        List<String> paths = List.of(
                "/members/" + scenario.dual, "/members?branchId=" + scenario.villageBranch, "/organizations/tree",
                "/study-days/" + scenario.communityStudyDay + "/attendance",
                "/attendance/rates?branchId=" + scenario.villageBranch + "&by=month",
                "/dual-management?communityId=" + scenario.community, "/transition?areaId=" + scenario.area,
                "/care/overdue?days=30", "/dashboard/difficulties?organizationId=" + scenario.committee,
                "/evaluation-rounds/" + EvaluationProjectionTest.roundId(scenario) + "/results",
                "/suggestions?organizationId=" + scenario.committee, "/suggestions/summary",
                "/organizational-life/compliance?organizationId=" + scenario.committee,
                "/organizational-life/summary?organizationId=" + scenario.committee,
                "/notices/" + life.earlyNotice + "/reach", "/meetings?organizationId=" + scenario.village,
                "/meetings/" + life.groupMeeting,
                "/points?organizationId=" + scenario.committee, "/members/" + scenario.model + "/points",
                "/organizations/tree?by=residence");
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

        // the processor of a rebuilt generation continues on segments (4)
        while (!split(generations) && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(split(generations)).as("every new generation split up to %d segments", settings.segments())
                .isTrue();
        long later = append(scenario("after-split").log);
        answers(paths.subList(0, 1), later);
    }

    @Test
    @DisplayName("every answering generation, the first build included, ends split up to segments once near the head")
    void firstBuildIsSplitOnceCaughtUp() {
        long position = append(scenario("first-build").log);
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
    @DisplayName("a second rebuild while one runs is refused with 409 rebuild-running, an unknown projection with 404")
    void conflictingAndUnknownRebuilds() {
        Http.Response unknown = query.post("/admin/projections/no-such-view/rebuild", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        // The rebuild is started, and its swap put out of reach, while holding the runtime's lock, which its
        // supervisor (the only one to swap a caught-up rebuild) takes too: the rebuild is still running when the
        // second request comes, however fast it replays. Its real head is put back afterwards.
        MongoCollection<Document> pointers = database.getCollection("projection_generations");
        long buildingHead;
        synchronized (runtime) {
            ProjectionStatus first = runtime.rebuild("care");
            assertThat(first.rebuild().generation()).isGreaterThan(first.generation());
            buildingHead = pointers.find(eq("_id", "care")).first().getLong("buildingHead");
            pointers.updateOne(eq("_id", "care"), set("buildingHead", Long.MAX_VALUE));
        }
        try {
            Http.Response second = query.post("/admin/projections/care/rebuild", "");
            assertThat(second.status()).as(second.text()).isEqualTo(409);
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(second.json().get("type").asString()).isEqualTo("/problems/rebuild-running");
            JsonNode status = query.get("/admin/projections/care").json();
            assertThat(status.get("status").asString()).isEqualTo("REBUILDING");
            assertProgress(status);
        } finally {
            pointers.updateOne(eq("_id", "care"), set("buildingHead", buildingHead));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!query.get("/admin/projections/care").json().get("rebuild").isNull() && System.nanoTime() < deadline) {
            pause();
        }
        JsonNode swapped = query.get("/admin/projections/care").json();
        assertThat(swapped.get("rebuild").isNull()).as("the rebuild swapped once it could").isTrue();
        assertProgress(swapped);
    }

    /**
     * Progress is how far the replaying generation (or, without a rebuild, the answering one) is through the
     * store's head, read from one status: it would not match if progress were fixed, inverted or of the wrong
     * generation. During the stream-order pass it is the share of the head's events read, and no position yet.
     */
    private static void assertProgress(JsonNode status) {
        JsonNode rebuild = status.get("rebuild");
        if (!rebuild.isNull() && rebuild.get("phase").asString().equals("STREAM_PASS")) {
            assertThat(rebuild.get("position").asLong()).isEqualTo(-1);
            assertThat(status.get("replayProgress").asDouble()).isBetween(0.0, 1.0)
                    .isEqualTo(rebuild.get("progress").asDouble());
            return;
        }
        long position = (rebuild.isNull() ? status : rebuild).get("position").asLong();
        long head = status.get("head").asLong();
        double expected = head <= 0 ? 1.0 : Math.min(1.0, Math.max(0, position) / (double) head);
        assertThat(status.get("replayProgress").asDouble()).as("progress of %s", status).isCloseTo(expected, within(1e-9));
        if (!rebuild.isNull()) {
            assertThat(rebuild.get("progress").asDouble()).isEqualTo(status.get("replayProgress").asDouble());
        }
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
            assertProgress(projection);
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
