package cn.qinglong.dangjian.query.integration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberId;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gaps in the global index, made with real concurrent transactions on the event store: one that commits after a
 * later one, and one that rolls back.
 */
// the timeout only stops a stuck transaction from hanging the build; no assertion depends on timing
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EventFeedTest extends IntegrationClientTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    @Autowired
    private EventStorageEngine storage;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void an_event_that_commits_after_a_later_one_is_handed_out_first_and_nothing_above_it_before() throws Exception {
        long start = lastPosition();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> slow = inOpenTransaction("m-feed-slow", appended, commit, false);
        appended.await();
        append("m-feed-fast");
        EventFeed feed = new EventFeed(storage, GRACE, Clock.systemUTC());

        assertThat(feed.next(start, 100)).as("the later event waits for the one still committing").isEmpty();

        commit.countDown();
        slow.join();
        List<EventFeed.Entry> entries = feed.next(start, 100);
        assertThat(entries).extracting(entry -> entry.message().getPayload()).extracting("memberId")
                .containsExactly(MemberId.of("m-feed-slow"), MemberId.of("m-feed-fast"));
        assertThat(entries).extracting(EventFeed.Entry::position).containsExactly(start + 1, start + 2);
    }

    @Test
    void the_gap_of_a_rolled_back_transaction_is_passed_once_the_next_event_is_older_than_the_grace() throws Exception {
        long start = lastPosition();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch rollback = new CountDownLatch(1);
        CompletableFuture<Void> failed = inOpenTransaction("m-feed-rolled-back", appended, rollback, true);
        appended.await();
        append("m-feed-after-rollback");
        rollback.countDown();
        failed.join();

        assertThat(new EventFeed(storage, GRACE, Clock.systemUTC()).next(start, 100)).isEmpty();

        Clock graceLater = Clock.offset(Clock.systemUTC(), GRACE.plusSeconds(1));
        List<EventFeed.Entry> entries = new EventFeed(storage, GRACE, graceLater).next(start, 100);
        assertThat(entries).extracting(entry -> entry.message().getPayload()).extracting("memberId")
                .containsExactly(MemberId.of("m-feed-after-rollback"));
        assertThat(entries.get(0).position()).isGreaterThan(start + 1);
    }

    private CompletableFuture<Void> inOpenTransaction(String memberId, CountDownLatch appended, CountDownLatch finish,
                                                      boolean rollBack) {
        return CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            storage.appendEvents(event(memberId));
            appended.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (rollBack) {
                status.setRollbackOnly();
            }
        }));
    }

    private void append(String memberId) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> storage.appendEvents(event(memberId)));
    }

    private static GenericDomainEventMessage<MemberEvent.ContactRestored> event(String memberId) {
        return new GenericDomainEventMessage<>("Member", memberId, 0,
                new MemberEvent.ContactRestored(MemberId.of(memberId), LocalDate.of(2026, 3, 1)));
    }
}
