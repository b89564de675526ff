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
        OpenTransaction slow = heldOpenBefore("m-feed-slow", false, "m-feed-fast");
        long start = slow.start();
        EventFeed feed = new EventFeed(storage, GRACE, Clock.systemUTC());

        assertThat(feed.next(start, 100)).as("the later event waits for the one still committing").isEmpty();

        slow.end();
        List<EventFeed.Entry> entries = feed.next(start, 100);
        assertThat(entries).extracting(entry -> entry.message().getPayload()).extracting("memberId")
                .containsExactly(MemberId.of("m-feed-slow"), MemberId.of("m-feed-fast"));
        assertThat(entries).extracting(EventFeed.Entry::position).containsExactly(start + 1, start + 2);
    }

    @Test
    void the_gap_of_a_rolled_back_transaction_is_passed_once_the_next_event_is_older_than_the_grace() throws Exception {
        OpenTransaction failed = heldOpenBefore("m-feed-rolled-back", true, "m-feed-after-rollback");
        long start = failed.start();
        failed.end();

        assertThat(new EventFeed(storage, GRACE, Clock.systemUTC()).next(start, 100)).isEmpty();

        Clock graceLater = Clock.offset(Clock.systemUTC(), GRACE.plusSeconds(1));
        List<EventFeed.Entry> entries = new EventFeed(storage, GRACE, graceLater).next(start, 100);
        assertThat(entries).extracting(entry -> entry.message().getPayload()).extracting("memberId")
                .containsExactly(MemberId.of("m-feed-after-rollback"));
        assertThat(entries.get(0).position()).isGreaterThan(start + 1);
    }

    /** A transaction holding an appended event open; {@link #end} commits it (or rolls it back) and waits. */
    private record OpenTransaction(long start, CountDownLatch finish, CompletableFuture<Void> transaction) {

        void end() {
            finish.countDown();
            transaction.join();
        }
    }

    /**
     * Appends the {@code held} member's event in a transaction left open, then the {@code later} member's event in
     * one that commits; {@code start} is the position before both.
     */
    private OpenTransaction heldOpenBefore(String held, boolean rollBack, String later) throws InterruptedException {
        long start = lastPosition();
        CountDownLatch finish = new CountDownLatch(1);
        CountDownLatch appended = new CountDownLatch(1);
        CompletableFuture<Void> transaction = CompletableFuture.runAsync(
                () -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            storage.appendEvents(event(held));
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
        appended.await();
        append(later);
        return new OpenTransaction(start, finish, transaction);
    }

    private void append(String memberId) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> storage.appendEvents(event(memberId)));
    }

    private static GenericDomainEventMessage<MemberEvent.ContactRestored> event(String memberId) {
        return new GenericDomainEventMessage<>("Member", memberId, 0,
                new MemberEvent.ContactRestored(MemberId.of(memberId), LocalDate.of(2026, 3, 1)));
    }
}
