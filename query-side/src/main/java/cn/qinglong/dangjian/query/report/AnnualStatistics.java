package cn.qinglong.dangjian.query.report;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine.Newest;
import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationDissolved;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.security.problem.NotFound;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Computes the annual statistics straight from the event store, not from a projection: the events are the record,
 * so the report of a past year comes out the same whenever it is asked for (and {@code position} pins it to the
 * events stored at the time). A fact belongs to the year its business date falls in; the situation on 31 December
 * is the fold ({@link MemberState}) of every fact dated up to then. Only the events that move a member between
 * branches or change what the report counts are read ({@link #COUNTED}).
 */
@Service
class AnnualStatistics {

    /**
     * The event types that change what the report counts, the only ones read from the store. An erasure is not
     * among them: it blanks addresses and phone numbers, none of which the report counts.
     */
    static final Set<Class<?>> COUNTED = Set.of(MemberRegistered.class, MemberRelocated.class,
            MemberTransferredToResettlementCommunity.class, OrganizationalRelationTransferred.class,
            MembershipEnded.class, OrganizationEstablished.class, OrganizationDissolved.class);

    private static final int FETCH_SIZE = 1000;
    /** A year at a settled position never changes; a few years at a few positions are all that is asked for. */
    private static final int KEPT_YEARS = 32;

    private final ChainRememberingJdbcEventStorageEngine events;
    /** The report counts no personal data, so it reads none: no member's key is read, nothing decrypted. */
    private final Serializer sealed;
    private final Clock clock;
    /** Keyed by the newest position at or below the one asked for, so a new event makes the next request a miss. */
    private final Cache<Key, Year> kept = Caffeine.newBuilder().maximumSize(KEPT_YEARS).build();

    @Autowired
    AnnualStatistics(ChainRememberingJdbcEventStorageEngine events, PersonalData personalData) {
        this(events, personalData, Clock.systemUTC());
    }

    AnnualStatistics(ChainRememberingJdbcEventStorageEngine events, PersonalData personalData, Clock clock) {
        this.events = events;
        this.sealed = personalData.eventSerializerLeavingPersonalDataSealed();
        this.clock = clock;
    }

    private record Key(int year, long position) {
    }

    AnnualReport compute(String organizationId, int year, Long atPosition) {
        return year(year, atPosition).report(organizationId);
    }

    /**
     * The year's figures over the events stored at or below {@code atPosition} (null: all), kept once no gap below
     * that position can fill any more (Axon's gap timeout), computed afresh before that.
     */
    Year year(int year, Long atPosition) {
        Optional<Newest> newest = events.newestAtOrBelow(atPosition == null ? Long.MAX_VALUE : atPosition);
        if (newest.isEmpty()) {
            return new Year(year).finish(-1);
        }
        long position = newest.get().position();
        return newest.get().settledAt(clock.instant())
                ? kept.get(new Key(year, position), key -> read(year, position))
                : read(year, position);
    }

    private Year read(int year, long position) {
        Year figures = new Year(year);
        events.readInGlobalOrder(COUNTED, position, FETCH_SIZE, sealed, figures::add);
        return figures.finish(position);
    }

    private record Organization(String id, String name, OrganizationLevel level, String parentId,
                                LocalDate establishedOn, LocalDate dissolvedOn) {
    }

    /** A member's situation at the start of the year and on 31 December, folded from the facts dated by then. */
    private static final class Member {
        MemberState start = MemberState.none();
        MemberState end = MemberState.none();
    }

    /**
     * A year's figures of every organisation, folded from events given in global order ({@link #add}); an event of
     * a type the report does not count changes nothing. Not to be changed once {@link #finish finished}.
     */
    static final class Year {

        private final int year;
        private final LocalDate yearStart;
        private final LocalDate yearEnd;
        private final Map<String, Organization> organizations = new LinkedHashMap<>();
        private final Map<String, Figures> own = new HashMap<>();
        private Map<String, Member> members = new HashMap<>();
        private long position;

        Year(int year) {
            this.year = year;
            this.yearStart = LocalDate.of(year, 1, 1);
            this.yearEnd = LocalDate.of(year, 12, 31);
        }

        void add(TrackedEventMessage<?> message) {
            Object payload = message.getPayload();
            if (payload instanceof OrganizationEstablished e) {
                organizations.put(e.organizationId().value(), new Organization(e.organizationId().value(),
                        e.name(), e.level(), id(e.parentId()), e.establishedOn(), null));
            } else if (payload instanceof OrganizationDissolved e) {
                organizations.computeIfPresent(e.organizationId().value(), (id, o) -> new Organization(id,
                        o.name(), o.level(), o.parentId(), o.establishedOn(), e.dissolvedOn()));
            } else if (payload instanceof MemberEvent event && !event.occurredOn().isAfter(yearEnd)) {
                long sequence = ((DomainEventMessage<?>) message).getSequenceNumber();
                Member member = members.computeIfAbsent(event.memberId().value(), id -> new Member());
                if (!event.occurredOn().isBefore(yearStart)) {
                    countChange(event, member.end, own);
                } else {
                    member.start = member.start.apply(event, sequence);
                }
                member.end = member.end.apply(event, sequence);
            }
        }

        /** Counts the members at the start and the end of the year; the figures are of the events up to {@code position}. */
        Year finish(long position) {
            this.position = position;
            for (Member member : members.values()) {
                if (member.start.status() == MembershipStatus.ACTIVE) {
                    figures(own, member.start.branchId()).startOfYear++;
                }
                if (member.end.status() == MembershipStatus.ACTIVE) {
                    figures(own, member.end.branchId()).countAtYearEnd(member.end, yearEnd);
                }
            }
            members = null;
            return this;
        }

        AnnualReport report(String organizationId) {
            return new AnnualReport(organizationId, year, yearEnd, position,
                    rows(organizationId, organizations, own, yearStart, yearEnd));
        }
    }

    /** A change dated in the year, counted where it happened: the member's branch before it. */
    private static void countChange(MemberEvent event, MemberState before, Map<String, Figures> own) {
        if (event instanceof MemberRegistered e) {
            figures(own, e.branchId()).registered++;
        } else if (event instanceof OrganizationalRelationTransferred e) {
            figures(own, e.fromBranchId()).transferredOut++;
            figures(own, e.toBranchId()).transferredIn++;
        } else if (event instanceof MembershipEnded e && before.branchId() != null) {
            figures(own, before.branchId()).ended.merge(e.reason(), 1, Integer::sum);
        }
    }

    private static Figures figures(Map<String, Figures> own, OrganizationId branch) {
        return own.computeIfAbsent(branch.value(), id -> new Figures());
    }

    private static List<AnnualReport.Row> rows(String organizationId, Map<String, Organization> all,
                                               Map<String, Figures> own, LocalDate yearStart, LocalDate yearEnd) {
        Map<String, List<Organization>> children = new HashMap<>();
        List<Organization> tops = new ArrayList<>();
        for (Organization o : all.values()) {
            boolean existed = o.level() != OrganizationLevel.GROUP && !o.establishedOn().isAfter(yearEnd)
                    && (o.dissolvedOn() == null || !o.dissolvedOn().isBefore(yearStart));
            if (!existed) {
                continue;
            }
            if (o.parentId() == null || !all.containsKey(o.parentId())) {
                tops.add(o);
            } else {
                children.computeIfAbsent(o.parentId(), id -> new ArrayList<>()).add(o);
            }
        }
        List<Organization> roots = tops;
        if (organizationId != null) {
            Organization asked = all.get(organizationId);
            if (asked == null || asked.level() == OrganizationLevel.GROUP) {
                throw new NotFound("organization", organizationId);
            }
            roots = List.of(asked);
        }
        List<AnnualReport.Row> rows = new ArrayList<>();
        roots.stream().sorted(Comparator.comparing(Organization::id))
                .forEach(root -> add(root, 0, children, own, rows));
        return rows;
    }

    /** Adds the rows of {@code o} and everything below it, parent first, and answers {@code o}'s totals. */
    private static Figures add(Organization o, int depth, Map<String, List<Organization>> children,
                               Map<String, Figures> own, List<AnnualReport.Row> rows) {
        int at = rows.size();
        rows.add(null);
        Figures total = new Figures();
        total.add(own.getOrDefault(o.id(), new Figures()));
        children.getOrDefault(o.id(), List.of()).stream().sorted(Comparator.comparing(Organization::id))
                .forEach(child -> total.add(add(child, depth + 1, children, own, rows)));
        rows.set(at, AnnualReport.Row.of(o.id(), o.name(), o.level(), o.parentId(), depth, total));
        return total;
    }

    private static String id(OrganizationId id) {
        return id == null ? null : id.value();
    }
}
