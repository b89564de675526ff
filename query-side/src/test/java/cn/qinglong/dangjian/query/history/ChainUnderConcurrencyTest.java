package cn.qinglong.dangjian.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What two command nodes do when they append to one member at the same moment, played directly on the storage
 * engine: both chain onto the same predecessor and write the same sequence number.
 */
class ChainUnderConcurrencyTest extends HistoryTestSupport {

    @Test
    void of_two_writers_racing_for_the_same_sequence_one_wins_and_the_loser_retrying_keeps_the_chain_whole()
            throws Exception {
        String branch = organization("亚新村党支部", "BRANCH", null, null,
                organization("亚新村党总支", "GENERAL_BRANCH", "RELOCATING_VILLAGE", null,
                        organization("青龙街道党工委", "COMMITTEE", null, null, null)));
        String member = registerMember("赵兰芳", branch, "2025-01-02", "secretary.zhao");
        EventStorageEngine engine = commandSide().getBean(EventStorageEngine.class);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        Callable<Boolean> writer = () -> {
            start.await();
            try {
                engine.appendEvents(activity(member, 1, Thread.currentThread().getName()));
                return true;
            } catch (ConcurrencyException duplicateSequence) {
                // what makes the command gateway retry the loser's command
                return false;
            }
        };
        List<Future<Boolean>> outcomes;
        try {
            outcomes = List.of(writers.submit(writer), writers.submit(writer));
            start.countDown();
            long winners = 0;
            for (Future<Boolean> outcome : outcomes) {
                winners += outcome.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            writers.shutdownNow();
        }
        // the loser's retry: the command is decided again on the reloaded stream and appended after the winner
        engine.appendEvents(activity(member, 2, "retry"));

        JsonNode verification = getJson("/members/" + member + "/history/verify");

        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(3);
    }

    private static GenericDomainEventMessage<VanguardActivityRecorded> activity(String member, long sequence,
                                                                                 String writer) {
        return new GenericDomainEventMessage<>("Member", member, sequence, new VanguardActivityRecorded(
                MemberId.of(member), VanguardKind.COORDINATION, LocalDate.of(2025, 2, 1), "协调邻里纠纷 by " + writer),
                MetaData.from(Map.of("actor", writer)));
    }
}
