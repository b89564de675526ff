package cn.qinglong.dangjian.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import cn.qinglong.dangjian.query.testing.Scenario;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Answers computed over many documents are kept only while the view they were computed from is unchanged. */
class ViewAnswersTest extends QuerySideTest {

    private static final String VIEW = "organization";

    @Autowired
    ViewAnswers answers;

    @Autowired
    JsonMapper json;

    private final AtomicInteger computed = new AtomicInteger();

    @Test
    @DisplayName("a kept answer is used while the view is unchanged and computed afresh once the view has changed")
    void keptUntilTheViewChanges() {
        Scenario scenario = scenario("answers-kept");
        long position = append(scenario.log);
        JsonNode before = root(keptTree(position).json(), scenario.committee);
        assertThat(before.get("members").asInt()).isEqualTo(4);
        assertThat(answers.kept(VIEW)).isPositive();

        long next = oneMoreMember(scenario, "answers-kept-m-new");
        JsonNode after = root(tree(next).json(), scenario.committee);
        assertThat(after.get("members").asInt()).isEqualTo(5);
        assertThat(after.get("aged60Plus").asInt()).isEqualTo(before.get("aged60Plus").asInt());
    }

    @Test
    @DisplayName("a kept answer is written with an entity tag; If-None-Match with it is 304 without a body until the view changes")
    void keptAnswersCarryAnEntityTag() {
        Scenario scenario = scenario("answers-etag");
        long position = append(scenario.log);
        Http.Response first = keptTree(position);
        String etag = first.header("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(first.header("Content-Length")).isEqualTo(
                String.valueOf(first.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));

        Http.Response notModified = query.get("/organizations/tree", "If-None-Match", "\"other\", " + etag);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.text()).isEmpty();
        assertThat(query.get("/organizations/tree", "If-None-Match", "\"other\"").status()).isEqualTo(200);

        long next = oneMoreMember(scenario, "answers-etag-m-new");
        Http.Response changed = query.get("/organizations/tree?minPosition=" + next, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(root(changed.json(), scenario.committee).get("members").asInt()).isEqualTo(5);
    }

    @Test
    @DisplayName("a kept answer of a kilobyte or more goes compressed to a client that accepts gzip: the same JSON, an entity tag of its own, either tag 304")
    void keptAnswersGoGzipToThoseWhoAcceptIt() throws IOException {
        Scenario scenario = scenario("answers-gzip");
        long position = append(scenario.log);
        Http.Response plain = keptTree(position);
        assertThat(plain.text().getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(KeptJson.MIN_GZIP_BYTES);
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.header("Vary")).contains("Accept-Encoding");

        String tree = "/organizations/tree?minPosition=" + position;
        Http.Response gzipped = query.get(tree, "Accept-Encoding", "br;q=1.0, gzip;q=0.8");
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.header("Vary")).contains("Accept-Encoding");
        assertThat(gzipped.header("ETag")).isEqualTo(KeptJson.gzipTag(plain.header("ETag")))
                .isNotEqualTo(plain.header("ETag"));
        byte[] compressed = query.getBytes(tree, "Accept-Encoding", "gzip");
        assertThat(gzipped.header("Content-Length")).isEqualTo(String.valueOf(compressed.length));
        assertThat(compressed.length).isLessThan(plain.text().length() / 2);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain.text());
        }
        for (String etag : List.of(plain.header("ETag"), gzipped.header("ETag"))) {
            assertThat(query.get(tree, "Accept-Encoding", "gzip", "If-None-Match", etag).status()).isEqualTo(304);
            assertThat(query.get(tree, "If-None-Match", etag).status()).isEqualTo(304);
        }
        for (String refused : List.of("gzip;q=0", "identity", "*;q=0", "gzip; q=0.000, *")) {
            assertThat(query.get(tree, "Accept-Encoding", refused).header("Content-Encoding")).as(refused).isNull();
        }
        assertThat(query.get(tree, "Accept-Encoding", "*").header("Content-Encoding")).isEqualTo("gzip");

        String small = "/dues/collection?organizationId=" + scenario.community + "&minPosition=" + position;
        Http.Response smallAnswer = query.get(small, "Accept-Encoding", "gzip");
        assertThat(smallAnswer.text().length()).isLessThan(KeptJson.MIN_GZIP_BYTES);
        assertThat(smallAnswer.header("Content-Encoding")).as("too small to gain from compression").isNull();
        assertThat(smallAnswer.header("Vary")).isNull();
    }

    @Test
    @DisplayName("a branch's study days are computed from one read of its members, kept as one answer beside each study day's")
    void studyDaysOfABranchShareOneRead() {
        Scenario scenario = scenario("answers-branch");
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
    @DisplayName("the left-behind list is kept like the other figures: asked again, the same bytes and entity tag; with another min, an answer of its own")
    void leftBehindIsKept() {
        Scenario scenario = scenario("answers-left-behind");
        long position = append(scenario.log);
        String path = "/attendance/left-behind?min=1&organizationId=" + scenario.village;
        Http.Response first = query.get(path + "&minPosition=" + position);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.header("ETag")).isNotNull();
        int kept = answers.kept("attendance");
        assertThat(kept).isPositive();
        Http.Response again = query.get(path);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(answers.kept("attendance")).isEqualTo(kept);
        assertThat(query.get(path.replace("min=1", "min=2")).json().get("items").size()).isZero();
        assertThat(answers.kept("attendance")).isEqualTo(kept + 1);
    }

    @Test
    @DisplayName("an answer is computed once per state of the view, however many ask for it at the same time")
    void computedOncePerState() throws Exception {
        long position = settled("answers-once");
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> ask(() -> {
            computing.countDown();
            await(release);
            return new Object();
        }, "once", position));
        assertThat(computing.await(15, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Object> second = CompletableFuture.supplyAsync(() -> ask(Object::new, "once", position));
        release.countDown();
        assertThat(second.get(15, TimeUnit.SECONDS)).isSameAs(first.get(15, TimeUnit.SECONDS));
        assertThat(computed).hasValue(1);
    }

    @Test
    @DisplayName("a failed computation is not kept: the next request computes again")
    void failuresAreNotKept() {
        long position = settled("answers-failed");
        assertThatThrownBy(() -> ask(() -> {
            throw new IllegalStateException("store unreachable");
        }, "failing", position)).as("the caller sees the failure").isInstanceOf(IllegalStateException.class);
        assertThat(ask(() -> "ok", "failing", position)).isEqualTo("ok");
        assertThat(computed).hasValue(2);
    }

    @Test
    @DisplayName("answers are kept per caller's scope: a secretary is never served the committee's or another scope's answer; committee and auditors share theirs")
    void keptPerScope() {
        long position = settled("answers-scope");
        Function<String, String> as = who -> ask(() -> who, "scoped", position);
        try {
            signIn("COMMITTEE");
            assertThat(as.apply("committee")).isEqualTo("committee");
            signIn("AUDITOR");
            assertThat(as.apply("auditor")).isEqualTo("committee");
            signIn("BRANCH_SECRETARY", "branch-x");
            assertThat(as.apply("secretary of x")).isEqualTo("secretary of x");
            signIn("BRANCH_SECRETARY", "branch-y");
            assertThat(as.apply("secretary of y")).isEqualTo("secretary of y");
            signIn("BRANCH_SECRETARY", "branch-x", "branch-y");
            assertThat(as.apply("secretary of x and y")).isEqualTo("secretary of x and y");
            signIn("BRANCH_SECRETARY", "branch-x");
            assertThat(as.apply("again")).isEqualTo("secretary of x");
            signIn("COMMITTEE");
            assertThat(as.apply("again")).isEqualTo("committee");
            assertThat(computed).hasValue(4);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    @DisplayName("the view's state is read at most every few milliseconds, yet once a write's position is reached the state includes it, even read right after the state before")
    void theStateReadOnceAPositionIsReachedIncludesIt() {
        long position = settled("answers-state");
        String before = runtime.state(VIEW);
        assertThat(before).isNotNull().isEqualTo(runtime.state(VIEW));
        long next = append(scenario("answers-state-next").log);
        // the state asked for all along, so a token-store read a few milliseconds old is at hand when P is reached
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (runtime.position(VIEW) < next && System.nanoTime() < deadline) {
            runtime.state(VIEW);
        }
        assertThat(runtime.position(VIEW)).isGreaterThanOrEqualTo(next);
        String after = runtime.state(VIEW);
        assertThat(after).as("the state once %d is reached, %d before", next, position).isNotEqualTo(before);
        assertThat(ask(() -> "at the new state", "state", next)).isEqualTo("at the new state");
        assertThat(ask(() -> "computed again", "state", next)).as("kept at that state").isEqualTo("at the new state");
    }

    @Test
    @DisplayName("once the view moves on, its answers of the state before are dropped, not only passed over")
    void answersOfAnEarlierStateAreDropped() {
        long position = settled("answers-dropped");
        ask(() -> "a", "dropped-a", position);
        ask(() -> "b", "dropped-b", position);
        assertThat(answers.kept(VIEW)).isGreaterThanOrEqualTo(2);
        long next = settled("answers-dropped-next");
        ask(() -> "c", "dropped-c", next);
        assertThat(answers.kept(VIEW)).as("only the answer at the view's new state").isEqualTo(1);
        assertThat(ask(() -> "a again", "dropped-a", position)).as("computed afresh").isEqualTo("a again");
    }

    @Test
    @DisplayName("kept answers never weigh more than their bound in JSON: three of 400 KB in 1 MB keep at most two, each served as it was computed")
    void boundedByTheSizeOfTheirJson() {
        ViewAnswers small = new ViewAnswers(runtime, json, 1, 0);
        long position = settled("answers-bounded");
        List<String> large = List.of("甲", "乙", "丙").stream().map(c -> c.repeat(400_000 / 3)).toList();
        for (String answer : large) {
            assertThat(small.<String>answer(VIEW, () -> answer, "large", answer.charAt(0), position)).isSameAs(answer);
        }
        assertThat(small.kept(VIEW)).isBetween(1, 2);
        List<String> tiny = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        for (String answer : tiny) {
            small.answer(VIEW, () -> answer, "tiny", answer, position);
        }
        for (String answer : tiny) {
            assertThat(small.<String>answer(VIEW, () -> answer + " computed again", "tiny", answer, position))
                    .as("a small answer is kept beside the large ones").isEqualTo(answer);
        }
        assertThat(new ViewAnswers(runtime, json, 0, 0).<String>answer(VIEW, () -> "afresh", "off", position))
                .isEqualTo("afresh");
    }

    @Test
    @DisplayName("at most max-computing answers are computed at once; the others asked for meanwhile wait their turn and then compute")
    void computedAtMostSoManyAtOnce() throws Exception {
        ViewAnswers two = new ViewAnswers(runtime, json, 64, 2);
        long position = settled("answers-at-once");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<String>> asked = new ArrayList<>();
        ExecutorService four = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 4; i++) {
                String answer = "answer " + i;
                asked.add(CompletableFuture.supplyAsync(() -> two.<String>answer(VIEW, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    await(release);
                    running.decrementAndGet();
                    return answer;
                }, "at once", answer, position), four));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (running.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertThat(running).as("two computing, two waiting").hasValue(2);
            release.countDown();
            for (int i = 0; i < 4; i++) {
                assertThat(asked.get(i).get(15, TimeUnit.SECONDS)).isEqualTo("answer " + i);
            }
        } finally {
            four.shutdownNow();
        }
        assertThat(most).hasValue(2);
    }

    @Test
    @DisplayName("an answer computed inside another takes no turn of its own, so one at a time still answers both")
    void anAnswerInsideAnotherTakesNoTurn() throws Exception {
        ViewAnswers one = new ViewAnswers(runtime, json, 64, 1);
        long position = settled("answers-inside");
        CompletableFuture<String> outer = CompletableFuture.supplyAsync(() -> one.<String>answer(VIEW,
                () -> "outer with " + one.<String>answer(VIEW, () -> "inner", "inside", position), "outside", position));
        assertThat(outer.get(15, TimeUnit.SECONDS)).isEqualTo("outer with inner");
    }

    /** Registers one more member in the scenario's village branch; answers the event's position. */
    private long oneMoreMember(Scenario scenario, String id) {
        return append(new EventLog().add(new MemberRegistered(Scenario.mid(id), "新党员", Gender.F,
                LocalDate.of(1990, 5, 1), LocalDate.of(2015, 7, 1), Scenario.id(scenario.villageBranch),
                Set.of(Category.RETIRED), new Residence(ResidenceStatus.ORIGINAL, null, null), null,
                LocalDate.now().minusDays(1))));
    }

    /** Appends a scenario of its own and waits until the view includes it; answers its position. */
    private long settled(String name) {
        long position = append(scenario(name).log);
        runtime.awaitPosition(List.of(VIEW), position, Duration.ofSeconds(15));
        return position;
    }

    /** The view's answer, counting each time it is computed. */
    private <T> T ask(Supplier<T> compute, Object... inputs) {
        return answers.answer(VIEW, () -> {
            computed.incrementAndGet();
            return compute.get();
        }, inputs);
    }

    private static void signIn(String role, String... orgScope) {
        Jwt jwt = Jwt.withTokenValue("test").header("alg", "none").subject("test-" + role)
                .claim("roles", List.of(role)).claim("org_scope", List.of(orgScope)).build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    /** Reads the tree twice: the second answer is the first one kept, the same bytes with the same entity tag. */
    private Http.Response keptTree(long position) {
        Http.Response first = tree(position);
        Http.Response again = tree(position);
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        return first;
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
