package cn.qinglong.dangjian.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** A member with 10,000 facts: the history still pages exactly and the whole chain verifies. Times are logged only. */
class LongHistoryTest extends HistoryTestSupport {

    private static final Logger log = LoggerFactory.getLogger(LongHistoryTest.class);
    private static final int EVENTS = 10_000;
    private static final int BATCH = 1_000;

    @Test
    void a_member_with_ten_thousand_events_pages_through_all_of_them_and_the_chain_verifies() {
        String branch = organization("三里村党支部", "BRANCH", null, null,
                organization("三里村党总支", "GENERAL_BRANCH", "RELOCATING_VILLAGE", null,
                        organization("青龙街道党工委", "COMMITTEE", null, null, null)));
        String member = registerMember("周德华", branch, "2024-02-01", "volunteer.zhou");
        // Appended in batches through the command side's own storage engine, so the chain hashing is the production
        // one; one command per event through the gateway took minutes on the embedded store, and the aggregate's rules
        // are not what this test is about.
        EventStorageEngine engine = commandSide().getBean(EventStorageEngine.class);
        long appendStarted = System.nanoTime();
        for (int from = 1; from < EVENTS; from += BATCH) {
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(from + BATCH, EVENTS); i++) {
                batch.add(new GenericDomainEventMessage<>("Member", member, i, new VanguardActivityRecorded(
                        MemberId.of(member), VanguardKind.VOLUNTEER, LocalDate.of(2024, 3, 1).plusDays(i % 600),
                        "楼道志愿服务第" + i + "次"), MetaData.from(Map.of("actor", "volunteer.zhou"))));
            }
            engine.appendEvents(batch);
        }
        long appendMillis = (System.nanoTime() - appendStarted) / 1_000_000;

        long pagingStarted = System.nanoTime();
        List<JsonNode> items = allItems(member, 1000);
        long pagingMillis = (System.nanoTime() - pagingStarted) / 1_000_000;
        JsonNode lastPage = getJson("/members/" + member + "/history?page=99&size=100");
        JsonNode beyond = getJson("/members/" + member + "/history?page=100&size=100");
        long verifyStarted = System.nanoTime();
        JsonNode verification = getJson("/members/" + member + "/history/verify");
        long verifyMillis = (System.nanoTime() - verifyStarted) / 1_000_000;
        log.info("{} events on {}: appended in {} ms, read in pages of 1000 in {} ms, verified in {} ms",
                EVENTS, Services.DATABASE.backend(), appendMillis, pagingMillis, verifyMillis);

        List<Long> sequences = new ArrayList<>();
        items.forEach(item -> sequences.add(item.get("sequence").asLong()));
        assertThat(sequences).hasSize(EVENTS);
        assertThat(sequences).isSorted().doesNotHaveDuplicates().startsWith(0L).endsWith((long) EVENTS - 1);
        assertThat(lastPage.get("total").asLong()).isEqualTo(EVENTS);
        assertThat(lastPage.get("items")).hasSize(100);
        assertThat(lastPage.get("items").get(99).get("sequence").asLong()).isEqualTo(EVENTS - 1);
        assertThat(beyond.get("items")).isEmpty();
        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(EVENTS);
        assertThat(verification.get("headSequence").asLong()).isEqualTo(EVENTS - 1);
    }
}
