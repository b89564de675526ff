package cn.qinglong.dangjian.command.shared;

import cn.qinglong.dangjian.command.organization.MemberDirectory;
import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * An aggregate's test fixture as the rules see it: today is 27 November 2026 in the subdistrict, and the
 * organisations given (and no member) stand in an in-memory event store the directories read.
 */
public final class RulesFixture {

    private RulesFixture() {
    }

    public static <T> FixtureConfiguration<T> of(Class<T> aggregate, OrganizationEstablished... organizations) {
        EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        for (OrganizationEstablished organization : organizations) {
            store.publish(new GenericDomainEventMessage<>("Organization", organization.organizationId().value(), 0L,
                    organization));
        }
        FixtureConfiguration<T> fixture = new AggregateTestFixture<>(aggregate);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneId.of("Asia/Shanghai")));
        fixture.registerInjectableResource(new OrganizationDirectory(store));
        fixture.registerInjectableResource(new MemberDirectory(store));
        return fixture;
    }
}
