package cn.qinglong.dangjian.command.organization;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who sits in each organisation now (table {@code organization_occupant}): its active members, by the kernel's
 * {@link MemberState#organizations()}, and its active sub-organisations: Axon's set-based validation by a lookup
 * table. The aggregates write it while they handle a command, in the transaction that appends their events (the
 * member's state is at hand there; an event handler would fold the stream again), so "no organisation with active
 * members or sub-organisations is dissolved" holds on every command node at once.
 */
@Component
public class Occupants implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Occupants.class);
    private static final String MEMBER = "MEMBER";
    private static final String ORGANIZATION = "ORGANIZATION";

    /** Active members and active sub-organisations of one organisation. */
    public record Count(long members, long organizations) {
    }

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    public Occupants(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    public Count count(OrganizationId organization) {
        long members = 0;
        long organizations = 0;
        for (var row : jdbc.queryForList("SELECT kind, COUNT(*) AS n FROM organization_occupant WHERE organization_id = ? "
                + "GROUP BY kind", organization.value())) {
            long n = ((Number) row.get("n")).longValue();
            if (MEMBER.equals(row.get("kind"))) {
                members = n;
            } else {
                organizations = n;
            }
        }
        return new Count(members, organizations);
    }

    /** The member's organisations after a command: none once the membership ended. */
    public void placeMember(MemberId member, MemberState state) {
        Set<String> organizations = new TreeSet<>();
        if (state.status() == MembershipStatus.ACTIVE) {
            state.organizations().forEach(id -> organizations.add(id.value()));
        }
        replace(member.value(), MEMBER, organizations);
    }

    void placeOrganization(OrganizationId organization, OrganizationId parent) {
        replace(organization.value(), ORGANIZATION, parent == null ? Set.of() : Set.of(parent.value()));
    }

    void removeOrganization(OrganizationId organization) {
        replace(organization.value(), ORGANIZATION, Set.of());
    }

    private void replace(String occupant, String kind, Set<String> organizations) {
        Set<String> stored = new TreeSet<>(jdbc.queryForList(
                "SELECT organization_id FROM organization_occupant WHERE occupant_id = ?", String.class, occupant));
        if (stored.equals(organizations)) {
            return;
        }
        jdbc.update("DELETE FROM organization_occupant WHERE occupant_id = ?", occupant);
        for (String organization : organizations) {
            jdbc.update("INSERT INTO organization_occupant (organization_id, occupant_id, kind) VALUES (?, ?, ?)",
                    organization, occupant, kind);
        }
    }

    /** A store that had events before this table existed: every member and organisation placed once, at start-up. */
    @Override
    public void afterSingletonsInstantiated() {
        Long occupants = jdbc.queryForObject("SELECT COUNT(*) FROM organization_occupant", Long.class);
        if (occupants == null || occupants > 0) {
            return;
        }
        List<String> organizations = jdbc.queryForList("SELECT aggregateIdentifier FROM DomainEventEntry "
                + "WHERE sequenceNumber = 0 AND payloadType LIKE ?", String.class, "%$OrganizationEstablished");
        List<String> members = jdbc.queryForList("SELECT aggregateIdentifier FROM DomainEventEntry "
                + "WHERE sequenceNumber = 0 AND payloadType LIKE ?", String.class, "%$MemberRegistered");
        if (organizations.isEmpty() && members.isEmpty()) {
            return;
        }
        log.info("placing {} organisations and {} members in organization_occupant once", organizations.size(), members.size());
        OrganizationDirectory directory = new OrganizationDirectory(eventStore);
        for (String id : organizations) {
            OrganizationFacts facts = directory.require("organization", new OrganizationId(id));
            if (!facts.dissolved()) {
                placeOrganization(facts.id(), facts.parentId());
            }
        }
        int placed = 0;
        for (String id : members) {
            MemberState state = MemberState.none();
            DomainEventStream events = eventStore.readEvents(id, 0);
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (event.getPayload() instanceof MemberEvent memberEvent) {
                    state = state.apply(memberEvent, event.getSequenceNumber());
                }
            }
            placeMember(new MemberId(id), state);
            if (++placed % 10_000 == 0) {
                log.info("placed {} of {} members", placed, members.size());
            }
        }
    }
}
