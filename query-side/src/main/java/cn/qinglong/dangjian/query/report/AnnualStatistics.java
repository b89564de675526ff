package cn.qinglong.dangjian.query.report;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Service;

/**
 * Computes the annual statistics straight from the event store, not from a projection: the events are the record,
 * so the report of a past year comes out the same whenever it is asked for (and {@code position} pins it to the
 * events stored at the time). A fact belongs to the year its business date falls in; the situation on 31 December
 * is the fold ({@link MemberState}) of every fact dated up to then. Only the events that move a member between
 * branches or change what the report counts are decoded.
 */
@Service
class AnnualStatistics {

    private static final Set<Class<?>> COUNTED = Set.of(MemberRegistered.class, MemberRelocated.class,
            MemberTransferredToResettlementCommunity.class, OrganizationalRelationTransferred.class,
            MembershipEnded.class, MemberPersonalDataErased.class, OrganizationEstablished.class,
            OrganizationDissolved.class);

    private final EventStorageEngine events;

    AnnualStatistics(EventStorageEngine events) {
        this.events = events;
    }

    private record Organization(String id, String name, OrganizationLevel level, String parentId,
                                LocalDate establishedOn, LocalDate dissolvedOn) {
    }

    /** A member's situation at the start of the year and on 31 December, folded from the facts dated by then. */
    private static final class Member {
        MemberState start = MemberState.none();
        MemberState end = MemberState.none();
    }

    AnnualReport compute(String organizationId, int year, Long atPosition) {
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        LocalDate yearEnd = LocalDate.of(year, 12, 31);
        Map<String, Organization> organizations = new LinkedHashMap<>();
        Map<String, Member> members = new HashMap<>();
        Map<String, Figures> own = new HashMap<>();
        long position = -1;
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents((TrackingToken) null, false)) {
            for (var iterator = stream.iterator(); iterator.hasNext(); ) {
                TrackedEventMessage<?> message = iterator.next();
                long index = message.trackingToken().position().orElse(position);
                if (atPosition != null && index > atPosition) {
                    break;
                }
                position = Math.max(position, index);
                if (!COUNTED.contains(message.getPayloadType())) {
                    continue;
                }
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
        }
        for (Member member : members.values()) {
            if (member.start.status() == MembershipStatus.ACTIVE) {
                figures(own, member.start.branchId()).startOfYear++;
            }
            if (member.end.status() == MembershipStatus.ACTIVE) {
                figures(own, member.end.branchId()).countAtYearEnd(member.end, yearEnd);
            }
        }
        return new AnnualReport(organizationId, year, yearEnd, position,
                rows(organizationId, organizations, own, yearStart, yearEnd));
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
