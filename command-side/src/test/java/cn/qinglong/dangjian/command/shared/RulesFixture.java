package cn.qinglong.dangjian.command.shared;

import cn.qinglong.dangjian.command.organization.MemberDirectory;
import cn.qinglong.dangjian.command.organization.Occupants;
import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An aggregate's test fixture as the rules see it: today is 27 November 2026 in the subdistrict, and the
 * organisations given (and no member) stand in an in-memory event store the directories read.
 */
public final class RulesFixture {

    private RulesFixture() {
    }

    public static <T> FixtureConfiguration<T> of(Class<T> aggregate, OrganizationEstablished... organizations) {
        return of(aggregate, occupants(), organizations);
    }

    /** With the lookup of who sits where given, so a test can seat members and organisations in it. */
    public static <T> FixtureConfiguration<T> of(Class<T> aggregate, Occupants occupants,
                                                 OrganizationEstablished... organizations) {
        EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        for (OrganizationEstablished organization : organizations) {
            store.publish(new GenericDomainEventMessage<>("Organization", organization.organizationId().value(), 0L,
                    organization));
        }
        FixtureConfiguration<T> fixture = new AggregateTestFixture<>(aggregate);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneId.of("Asia/Shanghai")));
        fixture.registerInjectableResource(new OrganizationDirectory(store));
        fixture.registerInjectableResource(new MemberDirectory(store));
        fixture.registerInjectableResource(occupants);
        return fixture;
    }

    /** The lookup of who sits where, on a fresh in-memory H2 database with the store's own migration. */
    public static Occupants occupants() {
        var dataSource = new SingleConnectionDataSource("jdbc:h2:mem:rules-" + UUID.randomUUID(), "sa", "", true);
        var jdbc = new JdbcTemplate(dataSource);
        try (var sql = RulesFixture.class.getResourceAsStream("/db/eventstore/V40__organization_occupants.sql")) {
            for (String statement : new String(sql.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    jdbc.execute(statement);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Occupants(jdbc, EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build());
    }
}
