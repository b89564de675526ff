package cn.qinglong.dangjian.command.member;

import static cn.qinglong.dangjian.command.member.Directory.BUILDING_GROUP;
import static cn.qinglong.dangjian.command.member.Directory.COMMUNITY;
import static cn.qinglong.dangjian.command.member.Directory.OTHER_BUILDING_GROUP;
import static cn.qinglong.dangjian.command.member.Directory.RESIDENCE_BRANCH;
import static cn.qinglong.dangjian.command.member.Directory.TRANSITION_GROUP;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.ID;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.MOVED_IN_ON;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.registered;
import static cn.qinglong.dangjian.command.member.MemberRulesTest.relocated;
import static org.hamcrest.Matchers.containsString;

import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.member.MemberCommand.DesignateCentralHousehold;
import cn.qinglong.dangjian.kernel.member.MemberCommand.DisplayIdentity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.IdentityDisplayed;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Given/when/then tests of the bottom of the pyramid: 楼道亮身份 and 党员中心户 (docs/points.md). */
class BottomOfPyramidRulesTest {

    static final LocalDate SHOWN_ON = LocalDate.of(2026, 7, 1);

    FixtureConfiguration<Member> fixture;

    @BeforeEach
    void setUp() {
        Directory directory = new Directory();
        fixture = directory.memberFixture(id -> { }, RulesFixture.occupants());
    }

    static MemberTransferredToResettlementCommunity resettled() {
        return new MemberTransferredToResettlementCommunity(ID, COMMUNITY, RESIDENCE_BRANCH, BUILDING_GROUP,
                MOVED_IN_ON, true);
    }

    @Nested
    @DisplayName("A member's identity is displayed once")
    class IdentityDisplayedOnce {

        @Test
        @DisplayName("a resettled member's identity is displayed in a stairwell of their own community")
        void displayed() {
            fixture.given(registered(), relocated(), resettled())
                    .when(new DisplayIdentity(ID, SHOWN_ON, BUILDING_GROUP, null))
                    .expectEvents(new IdentityDisplayed(ID, SHOWN_ON, BUILDING_GROUP));
        }

        @Test
        @DisplayName("without a stairwell named, any member's display is recorded")
        void displayedWithoutStairwell() {
            fixture.given(registered())
                    .when(new DisplayIdentity(ID, SHOWN_ON, null, null))
                    .expectEvents(new IdentityDisplayed(ID, SHOWN_ON, null));
        }

        @Test
        @DisplayName("the same display again records nothing")
        void identicalRepeatIsANoOp() {
            fixture.given(registered(), relocated(), resettled(), new IdentityDisplayed(ID, SHOWN_ON, BUILDING_GROUP))
                    .when(new DisplayIdentity(ID, SHOWN_ON, BUILDING_GROUP, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        @DisplayName("a second, different display is refused, saying what was recorded")
        void secondDisplayRefused() {
            fixture.given(registered(), relocated(), resettled(), new IdentityDisplayed(ID, SHOWN_ON, BUILDING_GROUP))
                    .when(new DisplayIdentity(ID, SHOWN_ON.plusDays(1), BUILDING_GROUP, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("a member's identity is displayed once; member '" + ID
                            + "' displayed it on 2026-07-01 in building group '" + BUILDING_GROUP + "'"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a stairwell of another community is refused")
        void otherCommunitysStairwellRefused() {
            fixture.given(registered(), relocated(), resettled())
                    .when(new DisplayIdentity(ID, SHOWN_ON, OTHER_BUILDING_GROUP, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("an identity display serves a building group of the "
                            + "member's own resettlement community '" + COMMUNITY + "'; '" + OTHER_BUILDING_GROUP
                            + "' is not under it"))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("A central household serves a building group of the member's own resettlement community, once")
    class CentralHouseholdOfOwnCommunity {

        @Test
        @DisplayName("a resettled member's household is designated for a building group of their community")
        void designated() {
            fixture.given(registered(), relocated(), resettled())
                    .when(new DesignateCentralHousehold(ID, BUILDING_GROUP, 12, SHOWN_ON, null))
                    .expectEvents(new CentralHouseholdDesignated(ID, BUILDING_GROUP, 12, SHOWN_ON));
        }

        @Test
        @DisplayName("a building group of another resettlement community is refused")
        void otherCommunityRefused() {
            fixture.given(registered(), relocated(), resettled())
                    .when(new DesignateCentralHousehold(ID, OTHER_BUILDING_GROUP, 12, SHOWN_ON, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a central household serves a building group of the "
                            + "member's own resettlement community '" + COMMUNITY + "'; '" + OTHER_BUILDING_GROUP
                            + "' is not under it"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a member not living in a resettlement community is refused")
        void notResettledRefused() {
            fixture.given(registered(), relocated())
                    .when(new DesignateCentralHousehold(ID, BUILDING_GROUP, 12, SHOWN_ON, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a central household is for a member living in a "
                            + "resettlement community; this member is TRANSITION"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a group that is not a building group is refused")
        void notABuildingGroupRefused() {
            fixture.given(registered(), relocated(), resettled())
                    .when(new DesignateCentralHousehold(ID, TRANSITION_GROUP, 12, SHOWN_ON, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("building group '" + TRANSITION_GROUP
                            + "' is not a BUILDING group"))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a central household serves at least one household: 1 is accepted, 0 refused")
        void atLeastOneHousehold() {
            fixture.given(registered(), relocated(), resettled())
                    .when(new DesignateCentralHousehold(ID, BUILDING_GROUP, 0, SHOWN_ON, null))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("a central household serves at least one household"))
                    .expectNoEvents();
            fixture.given(registered(), relocated(), resettled())
                    .when(new DesignateCentralHousehold(ID, BUILDING_GROUP, 1, SHOWN_ON, null))
                    .expectEvents(new CentralHouseholdDesignated(ID, BUILDING_GROUP, 1, SHOWN_ON));
        }

        @Test
        @DisplayName("the same designation again records nothing; another is refused, saying what was recorded")
        void designatedOnce() {
            CentralHouseholdDesignated recorded = new CentralHouseholdDesignated(ID, BUILDING_GROUP, 12, SHOWN_ON);
            fixture.given(registered(), relocated(), resettled(), recorded)
                    .when(new DesignateCentralHousehold(ID, BUILDING_GROUP, 12, SHOWN_ON, null))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.given(registered(), relocated(), resettled(), recorded)
                    .when(new DesignateCentralHousehold(ID, BUILDING_GROUP, 15, SHOWN_ON, null))
                    .expectException(IdConflict.class)
                    .expectExceptionMessage(containsString("a member's household is designated a central household "
                            + "once; member '" + ID + "' serves 12 households of building group '" + BUILDING_GROUP
                            + "' since 2026-07-01"))
                    .expectNoEvents();
        }
    }
}
