package cn.qinglong.dangjian.benchmark;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Which of the subdistrict's events are written, and in which order, for exactly {@code total} events: every stream
 * that is not a member's in full (organisations, study days, meetings, notices, the evaluation round, suggestions),
 * then the members' events. The members' meeting attendance is what gives: it is kept newest first, back to the
 * day where the budget runs out (on that day, for the first members only). Should the budget not even hold the rest
 * of the members' plans, there is no attendance and the last members' last events are left out (never a
 * registration). Either way each member's events are their plan less some facts nothing else depends on, or a prefix
 * of it, so the command side would have accepted every one.
 *
 * <p>Members are written in rounds (everyone's first event, then everyone's second, ...), so a projection batch
 * touches many members, as live traffic would, and each member's events still come in stream order.
 */
final class EventPlan {

    private static final String MEMBER = "Member";
    private static final int BATCH = 1000;

    /** Events written, by aggregate type and event. */
    record Count(String stream, String event, long events) {
    }

    private final List<Subdistrict.Stream> streams;
    /** Each member's events as written; computed before writing, so the writing is all that is timed. */
    private final List<List<MemberEvent>> members;
    /** The day from which members' meeting attendance is kept (on it, for the first members only). */
    private final LocalDate attendedFrom;
    /** How many members lost more than meeting attendance: the last ones, when the budget is that small. */
    private final int cut;
    private final String traceId = UUID.randomUUID().toString();
    private final Map<String, LongAdder> written = new ConcurrentHashMap<>();

    EventPlan(Subdistrict subdistrict, long total) {
        this.streams = subdistrict.streams();
        long streamEvents = streams.stream().mapToLong(s -> s.events().size()).sum();
        List<List<MemberEvent>> plans = new ArrayList<>(subdistrict.members);
        long others = 0;
        TreeMap<LocalDate, Long> attendanceByDay = new TreeMap<>(Comparator.reverseOrder());
        for (int n = 0; n < subdistrict.members; n++) {
            List<MemberEvent> plan = subdistrict.events(subdistrict.member(n));
            plans.add(plan);
            for (MemberEvent event : plan) {
                if (event instanceof MemberAttendedMeeting attended) {
                    attendanceByDay.merge(attended.attendedOn(), 1L, Long::sum);
                } else {
                    others++;
                }
            }
        }
        long budget = total - streamEvents;
        long attendance = attendanceByDay.values().stream().mapToLong(Long::longValue).sum();
        if (budget < plans.size()) {
            throw new IllegalArgumentException(total + " events cannot register " + plans.size() + " members "
                    + "besides the " + streamEvents + " events of the organisations, study days, meetings, notices, "
                    + "evaluation round and suggestions");
        }
        if (budget > others + attendance) {
            throw new IllegalArgumentException(total + " events need more than " + plans.size() + " members (their "
                    + "plans hold " + (others + attendance) + " events besides the " + streamEvents + " of the other "
                    + "streams)");
        }
        long room = Math.max(0, budget - others);
        LocalDate day = subdistrict.today.plusDays(1);
        long onTheDay = 0;
        for (var entry : attendanceByDay.entrySet()) {
            day = entry.getKey();
            onTheDay = Math.min(room, entry.getValue());
            room -= onTheDay;
            if (room == 0) {
                break;
            }
        }
        attendedFrom = day;
        members = new ArrayList<>(plans.size());
        long excess = -budget;
        for (List<MemberEvent> plan : plans) {
            List<MemberEvent> kept = new ArrayList<>(plan.size());
            for (MemberEvent event : plan) {
                if (!(event instanceof MemberAttendedMeeting attended) || attended.attendedOn().isAfter(attendedFrom)
                        || attended.attendedOn().equals(attendedFrom) && onTheDay-- > 0) {
                    kept.add(event);
                }
            }
            members.add(kept);
            excess += kept.size();
        }
        int shortened = 0;
        for (int n = members.size() - 1; n >= 0 && excess > 0; n--) {
            List<MemberEvent> kept = members.get(n);
            int drop = (int) Math.min(excess, kept.size() - 1);
            if (drop > 0) {
                members.set(n, kept.subList(0, kept.size() - drop));
                excess -= drop;
                shortened++;
            }
        }
        cut = shortened;
    }

    /** Member n's events as written. */
    List<MemberEvent> memberEvents(int n) {
        return members.get(n);
    }

    /** How many members lost more than their oldest meeting attendance: the last ones, when the budget is small. */
    int shortenedMembers() {
        return cut;
    }

    /** The day from which the members' meeting attendance is kept (on it, for the first members only). */
    LocalDate attendedFrom() {
        return attendedFrom;
    }

    /**
     * Appends every event through {@code append} (batches of 1,000 in stream order; the members' rounds on
     * {@code threads} threads) and answers how many were written.
     */
    long write(Consumer<List<GenericDomainEventMessage<?>>> append, int threads) throws Exception {
        List<GenericDomainEventMessage<?>> batch = new ArrayList<>(BATCH);
        for (Subdistrict.Stream stream : streams) {
            for (int sequence = 0; sequence < stream.events().size(); sequence++) {
                batch.add(message(stream.type(), stream.id(), sequence, stream.events().get(sequence)));
                if (batch.size() == BATCH) {
                    append.accept(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            append.accept(batch);
        }
        int rounds = members.stream().mapToInt(List::size).max().orElse(0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                int finalRound = round;
                List<Future<?>> chunks = new ArrayList<>();
                int chunk = Math.max(BATCH, (members.size() + threads - 1) / threads);
                for (int from = 0; from < members.size(); from += chunk) {
                    int start = from;
                    int end = Math.min(members.size(), from + chunk);
                    chunks.add(pool.submit(() -> {
                        appendRound(append, finalRound, start, end);
                        return null;
                    }));
                }
                for (Future<?> f : chunks) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return written.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private void appendRound(Consumer<List<GenericDomainEventMessage<?>>> append, int round, int from, int to) {
        List<GenericDomainEventMessage<?>> batch = new ArrayList<>(BATCH);
        for (int n = from; n < to; n++) {
            List<MemberEvent> events = members.get(n);
            if (round >= events.size()) {
                continue;
            }
            batch.add(message(MEMBER, events.get(0).memberId().value(), round, events.get(round)));
            if (batch.size() == BATCH) {
                append.accept(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            append.accept(batch);
        }
    }

    private GenericDomainEventMessage<?> message(String type, String aggregateId, long sequence, Object payload) {
        written.computeIfAbsent(type + " " + payload.getClass().getSimpleName(), k -> new LongAdder()).increment();
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of("actor", "benchmark", "traceId", traceId, "correlationId", traceId));
    }

    /** The events written so far, by stream and event, sorted by stream then event. */
    List<Count> mix() {
        List<Count> counts = new ArrayList<>();
        new TreeMap<>(written).forEach((key, n) -> {
            String[] parts = key.split(" ", 2);
            counts.add(new Count(parts[0], parts[1], n.sum()));
        });
        return counts;
    }
}
