package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.query.testing.CommandSideLauncher;
import cn.qinglong.dangjian.query.testing.Http;
import cn.qinglong.dangjian.eventstore.testing.TestEventStoreDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real command side, booted in the test JVM on a random port against the test's event store, so the events
 * integration clients receive are produced the way production produces them.
 */
public final class CommandSide {

    /** Values that must never reach an integration client. */
    public static final List<String> PERSONAL_DETAILS = List.of("13912345678", "常青村12号", "红梅新村5幢",
            "思想稳定", "与老伴同住", "租房在外", "退休在家", "去向红梅", "血压偏高", "青竹苑3幢101", "外出打工");

    private static CommandSide running;

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    private CommandSide(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + CommandSideLauncher.port(context);
    }

    /** One command side per test JVM; the database is the one the query side's test context uses. */
    public static synchronized CommandSide on(TestEventStoreDatabase database) {
        if (running == null) {
            running = new CommandSide(CommandSideLauncher.start(database));
            running.seed();
        }
        return running;
    }

    private void seed() {
        post("/api/organizations", org("qinglong", "青龙街道党工委", "COMMITTEE", null, null));
        post("/api/organizations", org("changqing", "常青村党总支", "GENERAL_BRANCH", "RELOCATING_VILLAGE", "qinglong"));
        post("/api/organizations", org("changqing-1", "常青村第一党支部", "BRANCH", "RELOCATING_VILLAGE", "changqing"));
    }

    private static String org(String id, String name, String level, String setting, String parent) {
        return """
                {"organizationId":"%s","name":"%s","level":"%s","setting":%s,"parentId":%s,"establishedOn":"2005-01-01"}"""
                .formatted(id, name, level, setting == null ? "null" : "\"" + setting + "\"",
                        parent == null ? "null" : "\"" + parent + "\"");
    }

    /** A member and a few facts about them, every one carrying personal details the feed must leave out. */
    public int memberWithPersonalDetails(String memberId) {
        post("/api/members", """
                {"memberId":"%s","name":"张建国","gender":"M","birthDate":"1948-03-01","joinedPartyOn":"1972-07-01",
                 "branchId":"changqing-1","categories":["FARMER","RETIRED"],
                 "residence":{"status":"ORIGINAL","address":"常青村12号"},"phone":"13912345678","registeredOn":"2020-01-01"}"""
                .formatted(memberId));
        post("/api/members/" + memberId + "/contact-card", """
                {"whereabouts":"去向红梅","phone":"13912345678","housing":"租房在外","ideology":"思想稳定",
                 "employment":"退休在家","family":"与老伴同住","verifiedOn":"2026-01-05"}""", "PUT");
        post("/api/members/" + memberId + "/relocation",
                "{\"transitionAddress\":\"红梅新村5幢\",\"relocatedOn\":\"2026-01-10\"}");
        post("/api/members/" + memberId + "/care-visits",
                "{\"helperName\":\"王芳\",\"kind\":\"CARE_VISIT\",\"visitedOn\":\"2026-02-01\",\"notes\":\"血压偏高\"}");
        post("/api/members/" + memberId + "/households",
                "{\"households\":[\"青竹苑3幢101\"],\"linkedOn\":\"2026-02-02\"}");
        post("/api/members/" + memberId + "/contact-lost", "{\"since\":\"2026-02-03\",\"lastKnown\":\"外出打工\"}");
        post("/api/members/" + memberId + "/dues", "{\"period\":\"2026-01\",\"amountFen\":200,\"paidOn\":\"2026-02-04\"}");
        return 7;
    }

    /**
     * A registered member with {@code count - 1} vanguard activities, appended straight to the command side's event
     * store in transactions of 25 events: the volume of a busy day without the cost of 5,000 HTTP round trips.
     */
    public void appendMemberHistory(String memberId, int count) {
        appendMemberHistory(memberId, count, 25);
    }

    public void appendMemberHistory(String memberId, int count, int perTransaction) {
        EventStore store = context.getBean(EventStore.class);
        MemberId member = MemberId.of(memberId);
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int sequence = 0; sequence < count; sequence++) {
            Object payload = sequence == 0
                    ? new MemberEvent.MemberRegistered(member, "李明", Gender.F, LocalDate.of(1960, 5, 1),
                    LocalDate.of(1985, 7, 1), OrganizationId.of("changqing-1"), Set.of(Category.RETIRED),
                    new Residence(ResidenceStatus.ORIGINAL, null, null), null, LocalDate.of(2020, 1, 1))
                    : new MemberEvent.VanguardActivityRecorded(member, VanguardKind.VOLUNTEER, LocalDate.of(2026, 3, 1),
                    "志愿服务 " + sequence);
            batch.add(new GenericDomainEventMessage<>("Member", memberId, sequence, payload,
                    MetaData.with("actor", "integration-test")));
            if (batch.size() == perTransaction || sequence == count - 1) {
                store.publish(batch);
                batch = new ArrayList<>();
            }
        }
    }

    public void post(String path, String json) {
        post(path, json, "POST");
    }

    private void post(String path, String json, String method) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").header("Authorization", cn.qinglong.dangjian.query.testing.Http.committeeAuthorization(base + "/api", "integration-test")).build();
        try {
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(reply.statusCode()).as(method + " " + path + ": " + reply.body()).isIn(200, 201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client of the command API, for answers other than success. */
    public Http api() {
        return new Http(base + "/api");
    }

    public ConfigurableApplicationContext context() {
        return context;
    }
}
