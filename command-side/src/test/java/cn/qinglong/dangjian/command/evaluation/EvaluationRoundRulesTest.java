package cn.qinglong.dangjian.command.evaluation;

import static org.hamcrest.Matchers.containsString;

import cn.qinglong.dangjian.command.organization.MemberDirectory;
import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundCommand.OpenEvaluationRound;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundCommand.RateOrganization;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Democratic evaluation as the round's stream records it: the round and the members' ratings of organisations. */
class EvaluationRoundRulesTest {

    static final EvaluationRoundId ROUND = EvaluationRoundId.of("er-changqing-2026");
    static final OrganizationId VILLAGE = OrganizationId.of("changqing");
    static final OrganizationId BRANCH = OrganizationId.of("changqing-1");
    static final OrganizationId OTHER_VILLAGE = OrganizationId.of("dongfeng");
    static final MemberId RATER = MemberId.of("m-zhang");
    static final LocalDate OPENS = LocalDate.of(2026, 11, 1);
    static final LocalDate CLOSES = LocalDate.of(2026, 11, 20);

    final FixtureConfiguration<EvaluationRound> fixture = fixture();

    private static FixtureConfiguration<EvaluationRound> fixture() {
        EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        publish(store, "Organization", VILLAGE.value(), new OrganizationEstablished(VILLAGE, "常青村党总支",
                OrganizationLevel.GENERAL_BRANCH, null, null, null, LocalDate.of(2005, 1, 1)));
        publish(store, "Organization", BRANCH.value(), new OrganizationEstablished(BRANCH, "常青村第一党支部",
                OrganizationLevel.BRANCH, null, null, VILLAGE, LocalDate.of(2005, 1, 1)));
        publish(store, "Organization", OTHER_VILLAGE.value(), new OrganizationEstablished(OTHER_VILLAGE, "东风村党总支",
                OrganizationLevel.GENERAL_BRANCH, null, null, null, LocalDate.of(2005, 1, 1)));
        publish(store, "Member", RATER.value(), new MemberRegistered(RATER, "张建国", Gender.M, LocalDate.of(1948, 3, 1),
                LocalDate.of(1972, 7, 1), BRANCH, Set.of(), new Residence(ResidenceStatus.ORIGINAL, null, null), null,
                LocalDate.of(2020, 1, 1)));
        FixtureConfiguration<EvaluationRound> fixture = new AggregateTestFixture<>(EvaluationRound.class);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-11-27T04:00:00Z"), ZoneId.of("Asia/Shanghai")));
        fixture.registerInjectableResource(new OrganizationDirectory(store));
        fixture.registerInjectableResource(new MemberDirectory(store));
        return fixture;
    }

    private static void publish(EventStore store, String type, String id, Object payload) {
        store.publish(new GenericDomainEventMessage<>(type, id, 0L, payload));
    }

    static EvaluationRoundOpened opened() {
        return new EvaluationRoundOpened(ROUND, VILLAGE, 2026, OPENS, CLOSES);
    }

    static RateOrganization rate(OrganizationId organization, Satisfaction satisfaction, LocalDate on) {
        return new RateOrganization(ROUND, organization, RATER, satisfaction, on, null);
    }

    @Test
    @DisplayName("a round is opened for an organisation and a year; the same opening again records nothing, another is a conflict")
    void opens() {
        fixture.givenNoPriorActivity().when(new OpenEvaluationRound(ROUND, VILLAGE, 2026, OPENS, CLOSES))
                .expectEvents(opened());
        fixture.given(opened()).when(new OpenEvaluationRound(ROUND, VILLAGE, 2026, OPENS, CLOSES))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(opened()).when(new OpenEvaluationRound(ROUND, VILLAGE, 2026, OPENS, CLOSES.plusDays(1)))
                .expectException(IdConflict.class);
    }

    @Test
    @DisplayName("a round closes on or after the day it opens, for an organisation that exists")
    void windowAndOrganisation() {
        fixture.givenNoPriorActivity().when(new OpenEvaluationRound(ROUND, VILLAGE, 2026, OPENS, OPENS))
                .expectEvents(new EvaluationRoundOpened(ROUND, VILLAGE, 2026, OPENS, OPENS));
        fixture.givenNoPriorActivity().when(new OpenEvaluationRound(ROUND, VILLAGE, 2026, OPENS, OPENS.minusDays(1)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("a round closes on or after the day it opens"));
        fixture.givenNoPriorActivity()
                .when(new OpenEvaluationRound(ROUND, OrganizationId.of("nowhere"), 2026, OPENS, CLOSES))
                .expectException(NotFound.class);
    }

    @Test
    @DisplayName("ratings are given only while the round is open: on its first and last day, not the day before or after")
    void organisationRatingsOnlyWhileOpen() {
        fixture.given(opened()).when(rate(BRANCH, Satisfaction.SATISFIED, OPENS))
                .expectEvents(new OrganizationRated(ROUND, BRANCH, RATER, Satisfaction.SATISFIED, OPENS));
        fixture.given(opened()).when(rate(BRANCH, Satisfaction.SATISFIED, CLOSES))
                .expectEvents(new OrganizationRated(ROUND, BRANCH, RATER, Satisfaction.SATISFIED, CLOSES));
        fixture.given(opened()).when(rate(BRANCH, Satisfaction.SATISFIED, OPENS.minusDays(1)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("ratings are given only while the round is open "
                        + "(2026-11-01 to 2026-11-20); 2026-10-31 is outside it"));
        fixture.given(opened()).when(rate(BRANCH, Satisfaction.SATISFIED, CLOSES.plusDays(1)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("2026-11-21 is outside it"));
    }

    @Test
    @DisplayName("a member rates an organisation once per round; the same rating again records nothing")
    void oneRatingPerRaterPerOrganisation() {
        var first = new OrganizationRated(ROUND, BRANCH, RATER, Satisfaction.SATISFIED, OPENS);
        fixture.given(opened(), first).when(rate(BRANCH, Satisfaction.SATISFIED, OPENS))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(opened(), first).when(rate(BRANCH, Satisfaction.DISSATISFIED, OPENS.plusDays(2)))
                .expectException(IdConflict.class)
                .expectExceptionMessage(containsString("a member rates an organisation once per round; member "
                        + "'m-zhang' already rated 'changqing-1' SATISFIED on 2026-11-01"));
        fixture.given(opened(), first).when(rate(VILLAGE, Satisfaction.BASICALLY_SATISFIED, OPENS))
                .expectEvents(new OrganizationRated(ROUND, VILLAGE, RATER, Satisfaction.BASICALLY_SATISFIED, OPENS));
    }

    @Test
    @DisplayName("a round rates its organisation and those under it, by registered members")
    void organisationsOfTheRound() {
        fixture.given(opened()).when(rate(OTHER_VILLAGE, Satisfaction.SATISFIED, OPENS))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("'dongfeng' is not one of them"));
        fixture.given(opened())
                .when(new RateOrganization(ROUND, BRANCH, MemberId.of("m-nobody"), Satisfaction.SATISFIED, OPENS, null))
                .expectException(NotFound.class);
    }
}
