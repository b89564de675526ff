package cn.qinglong.dangjian.command.member;

import static cn.qinglong.dangjian.command.member.Directory.OTHER_VILLAGE;
import static cn.qinglong.dangjian.command.member.Directory.VILLAGE;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.ID;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.registered;
import static org.hamcrest.Matchers.containsString;

import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RateMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand.RecordEvaluation;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRated;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Democratic evaluation (民主评议) as the member's stream records it: ratings in a round and the concluding grade. */
class EvaluationRulesTest {

    static final EvaluationRoundId ROUND = EvaluationRoundId.of("er-changqing-2026");
    static final EvaluationRoundId LATER_ROUND = EvaluationRoundId.of("er-changqing-2026-b");
    static final EvaluationRoundId OTHER_VILLAGE_ROUND = EvaluationRoundId.of("er-dongfeng-2026");
    static final LocalDate OPENS = LocalDate.of(2026, 11, 1);
    static final LocalDate CLOSES = LocalDate.of(2026, 11, 20);
    static final MemberId PEER = MemberId.of("m-li");

    FixtureConfiguration<Member> fixture;

    @BeforeEach
    void setUp() {
        Directory directory = new Directory();
        round(directory, ROUND, VILLAGE, OPENS, CLOSES);
        round(directory, LATER_ROUND, VILLAGE, OPENS, CLOSES);
        round(directory, OTHER_VILLAGE_ROUND, OTHER_VILLAGE, OPENS, CLOSES);
        directory.store.publish(new GenericDomainEventMessage<>("Member", PEER.value(), 0L,
                new cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered(PEER, "李红", registered().gender(),
                        registered().birthDate(), registered().joinedPartyOn(), registered().branchId(),
                        registered().categories(), registered().residence(), null, registered().registeredOn())));
        fixture = directory.memberFixture(memberId -> { }, RulesFixture.occupants());
    }

    private static void round(Directory directory, EvaluationRoundId id, OrganizationId organization, LocalDate opens,
                              LocalDate closes) {
        directory.store.publish(new GenericDomainEventMessage<>("EvaluationRound", id.value(), 0L,
                new EvaluationRoundOpened(id, organization, 2026, opens, closes)));
    }

    static RateMember masses(String ballot, Rating rating, LocalDate on) {
        return new RateMember(ID, ROUND, RaterKind.MASSES, ballot, rating, on, null);
    }

    static MemberRated massesRated(String ballot, Rating rating, LocalDate on) {
        return new MemberRated(ID, ROUND, RaterKind.MASSES, ballot, rating, on);
    }

    @Nested
    @DisplayName("Ratings are given only while the round is open")
    class RatingsOnlyWhileOpen {

        @Test
        @DisplayName("a rating on the day the round opens and on the day it closes is recorded")
        void onTheBoundaryDaysInside() {
            fixture.given(registered()).when(masses("ballot-1", Rating.EXCELLENT, OPENS))
                    .expectEvents(massesRated("ballot-1", Rating.EXCELLENT, OPENS));
            fixture.given(registered()).when(masses("ballot-1", Rating.EXCELLENT, CLOSES))
                    .expectEvents(massesRated("ballot-1", Rating.EXCELLENT, CLOSES));
        }

        @Test
        @DisplayName("a rating the day before the round opens or the day after it closes is refused, naming the window")
        void onTheDaysOutside() {
            fixture.given(registered()).when(masses("ballot-1", Rating.EXCELLENT, OPENS.minusDays(1)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("ratings are given only while the round is open "
                            + "(2026-11-01 to 2026-11-20); 2026-10-31 is outside it"))
                    .expectNoEvents();
            fixture.given(registered()).when(masses("ballot-1", Rating.EXCELLENT, CLOSES.plusDays(1)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("2026-11-21 is outside it"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("an unknown round is not found, and a round of another organisation does not rate the member")
        void unknownOrForeignRound() {
            fixture.given(registered())
                    .when(new RateMember(ID, EvaluationRoundId.of("er-none"), RaterKind.SELF, null, Rating.QUALIFIED,
                            OPENS, null))
                    .expectException(NotFound.class);
            fixture.given(registered())
                    .when(new RateMember(ID, OTHER_VILLAGE_ROUND, RaterKind.SELF, null, Rating.QUALIFIED, OPENS, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("evaluates the members of 'dongfeng'"));
        }
    }

    @Nested
    @DisplayName("A rater rates a member once per round")
    class OneRatingPerRaterPerRound {

        @Test
        @DisplayName("the same rating again records nothing; another rating by the same rater is a conflict naming the first")
        void onceperRater() {
            fixture.given(registered(), massesRated("ballot-1", Rating.EXCELLENT, OPENS))
                    .when(masses("ballot-1", Rating.EXCELLENT, OPENS))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
            fixture.given(registered(), massesRated("ballot-1", Rating.EXCELLENT, OPENS))
                    .when(masses("ballot-1", Rating.QUALIFIED, OPENS.plusDays(1)))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("a rater rates a member once per round; MASSES rater "
                            + "'ballot-1' already rated member 'm-zhang' EXCELLENT on 2026-11-01"));
        }

        @Test
        @DisplayName("another rater, or the same rater in another round, rates the member")
        void otherRaterOrRound() {
            fixture.given(registered(), massesRated("ballot-1", Rating.EXCELLENT, OPENS))
                    .when(masses("ballot-2", Rating.QUALIFIED, OPENS))
                    .expectEvents(massesRated("ballot-2", Rating.QUALIFIED, OPENS));
            fixture.given(registered(), massesRated("ballot-1", Rating.EXCELLENT, OPENS))
                    .when(new RateMember(ID, LATER_ROUND, RaterKind.MASSES, "ballot-1", Rating.QUALIFIED, OPENS, null))
                    .expectEvents(new MemberRated(ID, LATER_ROUND, RaterKind.MASSES, "ballot-1", Rating.QUALIFIED, OPENS));
        }

        @Test
        @DisplayName("a self-rating's rater is the member; a peer is another registered member")
        void selfAndPeer() {
            fixture.given(registered()).when(new RateMember(ID, ROUND, RaterKind.SELF, null, Rating.QUALIFIED, OPENS, null))
                    .expectEvents(new MemberRated(ID, ROUND, RaterKind.SELF, ID.value(), Rating.QUALIFIED, OPENS));
            fixture.given(registered()).when(new RateMember(ID, ROUND, RaterKind.SELF, "m-li", Rating.QUALIFIED, OPENS, null))
                    .expectException(RuleViolation.class);
            fixture.given(registered()).when(new RateMember(ID, ROUND, RaterKind.PEER, PEER.value(), Rating.EXCELLENT, OPENS, null))
                    .expectEvents(new MemberRated(ID, ROUND, RaterKind.PEER, PEER.value(), Rating.EXCELLENT, OPENS));
            fixture.given(registered()).when(new RateMember(ID, ROUND, RaterKind.PEER, "m-nobody", Rating.EXCELLENT, OPENS, null))
                    .expectException(NotFound.class);
            fixture.given(registered()).when(new RateMember(ID, ROUND, RaterKind.PEER, ID.value(), Rating.EXCELLENT, OPENS, null))
                    .expectException(RuleViolation.class);
        }
    }

    @Nested
    @DisplayName("One concluding grade per member per evaluation round")
    class OneGradePerMemberPerRound {

        EvaluationRecorded graded() {
            return new EvaluationRecorded(ID, "2026", Rating.EXCELLENT, CLOSES, ROUND);
        }

        @Test
        @DisplayName("a round's grade is recorded once; the same grade again records nothing")
        void gradedOnce() {
            fixture.given(registered()).when(new RecordEvaluation(ID, "2026", Rating.EXCELLENT, CLOSES, ROUND, null))
                    .expectEvents(graded());
            fixture.given(registered(), graded())
                    .when(new RecordEvaluation(ID, "2026", Rating.EXCELLENT, CLOSES, ROUND, null))
                    .expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("a second, different grade in the same round is refused, saying what was recorded; another round grades anew")
        void secondGradeRefused() {
            fixture.given(registered(), graded())
                    .when(new RecordEvaluation(ID, "2026", Rating.QUALIFIED, CLOSES, ROUND, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("a member is graded once per evaluation round; round "
                            + "'er-changqing-2026' of member 'm-zhang' is already graded EXCELLENT on 2026-11-20"))
                    .expectNoEvents();
            fixture.given(registered(), graded())
                    .when(new RecordEvaluation(ID, "2026", Rating.QUALIFIED, CLOSES, LATER_ROUND, null))
                    .expectEvents(new EvaluationRecorded(ID, "2026", Rating.QUALIFIED, CLOSES, LATER_ROUND));
        }

        @Test
        @DisplayName("a round's grade is for the round's year and concluded once the round opened")
        void yearAndDate() {
            fixture.given(registered()).when(new RecordEvaluation(ID, "2025", Rating.EXCELLENT, CLOSES, ROUND, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("the period of a round's grade is the round's year, 2026"));
            fixture.given(registered()).when(new RecordEvaluation(ID, "2026", Rating.EXCELLENT, OPENS.minusDays(1), ROUND, null))
                    .expectException(RuleViolation.class);
            fixture.given(registered()).when(new RecordEvaluation(ID, "2026", Rating.EXCELLENT, OPENS, ROUND, null))
                    .expectEvents(new EvaluationRecorded(ID, "2026", Rating.EXCELLENT, OPENS, ROUND));
        }

        @Test
        @DisplayName("a period's grade without a round is kept apart, as before rounds existed")
        void periodGradeApart() {
            fixture.given(registered(), graded())
                    .when(new RecordEvaluation(ID, "2026", Rating.QUALIFIED, CLOSES, null, null))
                    .expectEvents(new EvaluationRecorded(ID, "2026", Rating.QUALIFIED, CLOSES, null));
        }
    }
}
