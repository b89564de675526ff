package cn.qinglong.dangjian.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.JsonNode;

/** Answers computed over many documents are kept only while the view they were computed from is unchanged. */
class ViewAnswersTest extends QuerySideTest {

    private static final String VIEW = "organization";

    @Autowired
    ViewAnswers answers;

    @Autowired
    ProjectionRuntime runtime;

    @Test
    @DisplayName("a kept answer is used while the view is unchanged and computed afresh once the view has changed")
    void keptUntilTheViewChanges() {
        Scenario scenario = new Scenario("answers-kept", LocalDate.now(ZoneId.of("Asia/Shanghai")));
        long position = append(scenario.log);
        Http.Response first = tree(position);
        JsonNode before = root(first.json(), scenario.committee);
        assertThat(before.get("members").asInt()).isEqualTo(4);
        assertThat(tree(position).text()).isEqualTo(first.text());
        assertThat(answers.kept(VIEW)).isPositive();

        long next = append(new EventLog().add(new MemberRegistered(Scenario.mid("answers-kept-m-new"), "新党员",
                Gender.F, LocalDate.of(1990, 5, 1), LocalDate.of(2015, 7, 1), Scenario.id(scenario.villageBranch),
                Set.of(Category.RETIRED), new Residence(ResidenceStatus.ORIGINAL, null, null), null,
                LocalDate.now().minusDays(1))));
        JsonNode after = root(tree(next).json(), scenario.committee);
        assertThat(after.get("members").asInt()).isEqualTo(5);
        assertThat(after.get("aged60Plus").asInt()).isEqualTo(before.get("aged60Plus").asInt());
    }

    @Test
    @DisplayName("a kept answer is written with an entity tag; If-None-Match with it is 304 without a body until the view changes")
    void keptAnswersCarryAnEntityTag() {
        Scenario scenario = new Scenario("answers-etag", LocalDate.now(ZoneId.of("Asia/Shanghai")));
        long position = append(scenario.log);
        Http.Response first = tree(position);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.contentType()).startsWith("application/json");
        Http.Response again = tree(position);
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(first.header("Content-Length")).isEqualTo(
                String.valueOf(first.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));

        Http.Response notModified = query.get("/organizations/tree", "If-None-Match", "\"other\", " + etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.text()).isEmpty();
        assertThat(query.get("/organizations/tree", "If-None-Match", "\"other\"").status()).isEqualTo(200);

        long next = append(new EventLog().add(new MemberRegistered(Scenario.mid("answers-etag-m-new"), "新党员",
                Gender.F, LocalDate.of(1990, 5, 1), LocalDate.of(2015, 7, 1), Scenario.id(scenario.villageBranch),
                Set.of(Category.RETIRED), new Residence(ResidenceStatus.ORIGINAL, null, null), null,
                LocalDate.now().minusDays(1))));
        Http.Response changed = query.get("/organizations/tree?minPosition=" + next, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(root(changed.json(), scenario.committee).get("members").asInt()).isEqualTo(5);
    }

    @Test
    @DisplayName("a branch's study days are computed from one read of its members, kept as one answer beside each study day's")
    void studyDaysOfABranchShareOneRead() {
        Scenario scenario = new Scenario("answers-branch", LocalDate.now(ZoneId.of("Asia/Shanghai")));
        long position = append(scenario.log);
        Http.Response first = query.get("/study-days/" + scenario.villageStudyDay + "/attendance?minPosition=" + position);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(answers.kept("attendance")).as("the study day's answer and its branch's").isEqualTo(2);
        Http.Response sibling = query.get("/study-days/" + scenario.cancelledStudyDay + "/attendance");
        assertThat(sibling.status()).isEqualTo(200);
        assertThat(sibling.json().get("cancelled").asBoolean()).isTrue();
        assertThat(answers.kept("attendance")).as("the sibling's answer, from the branch's kept answer").isEqualTo(3);
        assertThat(query.get("/study-days/" + scenario.villageStudyDay + "/attendance").text()).isEqualTo(first.text());
    }

    @Test
    @DisplayName("an answer is computed once per state of the view, however many ask for it at the same time")
    void computedOncePerState() throws Exception {
        long position = append(new Scenario("answers-once", LocalDate.now(ZoneId.of("Asia/Shanghai"))).log);
        runtime.awaitPosition(List.of(VIEW), position, java.time.Duration.ofSeconds(15));
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> answers.answer(VIEW, () -> {
            computed.incrementAndGet();
            computing.countDown();
            await(release);
            return new Object();
        }, "once", position));
        assertThat(computing.await(15, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> answers.answer(VIEW, () -> {
            computed.incrementAndGet();
            return new Object();
        }, "once", position));
        release.countDown();
        assertThat(second.get(15, TimeUnit.SECONDS)).isSameAs(first.get(15, TimeUnit.SECONDS));
        assertThat(computed).hasValue(1);
    }

    @Test
    @DisplayName("a failed computation is not kept: the next request computes again")
    void failuresAreNotKept() {
        long position = append(new Scenario("answers-failed", LocalDate.now(ZoneId.of("Asia/Shanghai"))).log);
        runtime.awaitPosition(List.of(VIEW), position, java.time.Duration.ofSeconds(15));
        AtomicInteger computed = new AtomicInteger();
        try {
            answers.answer(VIEW, () -> {
                computed.incrementAndGet();
                throw new IllegalStateException("store unreachable");
            }, "failing", position);
        } catch (IllegalStateException expected) {
            // the caller sees the failure
        }
        assertThat(answers.<String>answer(VIEW, () -> {
            computed.incrementAndGet();
            return "ok";
        }, "failing", position)).isEqualTo("ok");
        assertThat(computed).hasValue(2);
    }

    @Test
    @DisplayName("answers are kept per caller's scope: a secretary is never served the committee's or another scope's answer; committee and auditors share theirs")
    void keptPerScope() {
        long position = append(new Scenario("answers-scope", LocalDate.now(ZoneId.of("Asia/Shanghai"))).log);
        runtime.awaitPosition(List.of(VIEW), position, java.time.Duration.ofSeconds(15));
        AtomicInteger computed = new AtomicInteger();
        java.util.function.Function<String, String> ask = who -> answers.answer(VIEW, () -> {
            computed.incrementAndGet();
            return who;
        }, "scoped", position);
        try {
            signIn("COMMITTEE");
            assertThat(ask.apply("committee")).isEqualTo("committee");
            signIn("AUDITOR");
            assertThat(ask.apply("auditor")).isEqualTo("committee");
            signIn("BRANCH_SECRETARY", "branch-x");
            assertThat(ask.apply("secretary of x")).isEqualTo("secretary of x");
            signIn("BRANCH_SECRETARY", "branch-y");
            assertThat(ask.apply("secretary of y")).isEqualTo("secretary of y");
            signIn("BRANCH_SECRETARY", "branch-x", "branch-y");
            assertThat(ask.apply("secretary of x and y")).isEqualTo("secretary of x and y");
            signIn("BRANCH_SECRETARY", "branch-x");
            assertThat(ask.apply("again")).isEqualTo("secretary of x");
            signIn("COMMITTEE");
            assertThat(ask.apply("again")).isEqualTo("committee");
            assertThat(computed).hasValue(4);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static void signIn(String role, String... orgScope) {
        Jwt jwt = Jwt.withTokenValue("test").header("alg", "none").subject("test-" + role)
                .claim("roles", List.of(role)).claim("org_scope", List.of(orgScope)).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    private Http.Response tree(long position) {
        Http.Response response = query.get("/organizations/tree?minPosition=" + position);
        assertThat(response.header("X-View-Behind")).isNull();
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response;
    }

    private static JsonNode root(JsonNode tree, String id) {
        return tree.get("roots").valueStream().filter(n -> n.get("id").asString().equals(id)).findFirst().orElseThrow();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
