package cn.qinglong.dangjian.benchmark;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes the subdistrict's events straight into the event store through the same Axon storage engine, serializer
 * and Flyway schema the services use (the event-store module's auto-configuration), skipping HTTP and the command
 * bus: a million events through the command API would take longer than the whole benchmark.
 *
 * <p>Members are written in rounds (everyone's first event, then everyone's second, ...), so a projection batch
 * touches many members, as live traffic would, and each member's events still come in stream order.
 */
final class EventGenerator implements AutoCloseable {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EventStoreOnly {
    }

    private static final int BATCH = 1000;
    private final ConfigurableApplicationContext context;
    private final EventStorageEngine engine;
    private final String traceId = UUID.randomUUID().toString();

    /** Starts the event store wiring against {@code jdbcUrl}; Flyway creates the schema there. */
    EventGenerator(String jdbcUrl, String user, String password, String masterKey) {
        context = new SpringApplicationBuilder(EventStoreOnly.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // Arguments, not default properties: the imported defaults would otherwise win and point at H2.
                .run("--spring.config.import=classpath:eventstore-defaults.properties",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + (password == null ? "" : password),
                        "--eventstore.master-key=" + masterKey,
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN",
                        "--spring.datasource.hikari.maximum-pool-size=4");
        engine = context.getBean(EventStorageEngine.class);
    }

    /**
     * Appends the organisations, study days and the members' events, {@code total} in all (the last members'
     * last events are left out to hit it exactly). Answers how many were written.
     */
    long generate(Subdistrict subdistrict, int members, long total, int threads) throws Exception {
        long written = 0;
        List<GenericDomainEventMessage<?>> fixed = new ArrayList<>();
        subdistrict.organizations.forEach(o -> fixed.add(message("Organization", o.organizationId().value(), 0, o)));
        subdistrict.studyDays.forEach(s -> fixed.add(message("StudyDay", s.studyDayId().value(), 0, s)));
        for (int i = 0; i < fixed.size(); i += BATCH) {
            engine.appendEvents(fixed.subList(i, Math.min(fixed.size(), i + BATCH)));
        }
        written += fixed.size();
        long budget = Math.max(0, total - written);
        long full = (long) members * Subdistrict.MEMBER_EVENTS;
        if (budget > full) {
            throw new IllegalArgumentException(total + " events need more than " + members + " members ("
                    + Subdistrict.MEMBER_EVENTS + " events each)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < Subdistrict.MEMBER_EVENTS && budget > 0; round++) {
                // Members [0, inRound) get their event of this round; the later rounds are cut first.
                int inRound = (int) Math.min(members, budget);
                int finalRound = round;
                List<Future<?>> chunks = new ArrayList<>();
                int chunk = Math.max(BATCH, (inRound + threads - 1) / threads);
                for (int from = 0; from < inRound; from += chunk) {
                    int start = from;
                    int end = Math.min(inRound, from + chunk);
                    chunks.add(pool.submit(() -> {
                        appendRound(subdistrict, finalRound, start, end);
                        return null;
                    }));
                }
                for (Future<?> f : chunks) {
                    f.get();
                }
                budget -= inRound;
                written += inRound;
            }
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    private void appendRound(Subdistrict subdistrict, int round, int from, int to) {
        List<GenericDomainEventMessage<?>> batch = new ArrayList<>(BATCH);
        for (int n = from; n < to; n++) {
            Subdistrict.Member member = subdistrict.member(n);
            MemberEvent event = subdistrict.events(member).get(round);
            batch.add(message("Member", member.id().value(), round, event));
            if (batch.size() == BATCH) {
                engine.appendEvents(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            engine.appendEvents(batch);
        }
    }

    private GenericDomainEventMessage<?> message(String type, String aggregateId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of("actor", "benchmark", "traceId", traceId, "correlationId", traceId));
    }

    @Override
    public void close() {
        context.close();
    }
}
