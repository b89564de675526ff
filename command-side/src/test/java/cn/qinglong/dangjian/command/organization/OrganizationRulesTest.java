package cn.qinglong.dangjian.command.organization;

import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.LeaderRole;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.AppointLeader;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.DissolveOrganization;
import cn.qinglong.dangjian.kernel.organization.OrganizationCommand.EstablishOrganization;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationDissolved;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrganizationRulesTest {

    static final OrganizationId COMMITTEE = OrganizationId.of("qinglong");
    static final OrganizationId BRANCH = OrganizationId.of("dongfeng-1");
    static final LocalDate FOUNDED = LocalDate.of(2005, 1, 1);

    final Occupants occupants = RulesFixture.occupants();
    final FixtureConfiguration<Organization> fixture = RulesFixture.of(Organization.class, occupants,
            new OrganizationEstablished(COMMITTEE, "青龙街道党工委", OrganizationLevel.COMMITTEE, null, null, null, FOUNDED));

    static OrganizationEstablished branch() {
        return new OrganizationEstablished(BRANCH, "东风村第一党支部", OrganizationLevel.BRANCH, Setting.RELOCATING_VILLAGE,
                null, COMMITTEE, FOUNDED);
    }

    static EstablishOrganization establish(OrganizationEstablished e) {
        return new EstablishOrganization(e.organizationId(), e.name(), e.level(), e.setting(), e.groupKind(), e.parentId(),
                e.establishedOn());
    }

    private void refused(EstablishOrganization command, Class<? extends Exception> refusal) {
        fixture.givenNoPriorActivity().when(command).expectException(refusal);
    }

    @Test
    @DisplayName("an organisation is established under an existing parent of a higher level")
    void establishes() {
        fixture.givenNoPriorActivity().when(establish(branch())).expectEvents(branch());
    }

    @Test
    @DisplayName("the same establishment repeated is a no-op, with other details it is refused")
    void idempotentEstablishment() {
        fixture.given(branch()).when(establish(branch())).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(branch())
                .when(new EstablishOrganization(BRANCH, "改名", OrganizationLevel.BRANCH, null, null, COMMITTEE, FOUNDED))
                .expectException(IdConflict.class);
    }

    @Test
    @DisplayName("a group needs a group kind and only a group has one")
    void groupKinds() {
        refused(new EstablishOrganization(BRANCH, "小组", OrganizationLevel.GROUP, null, null, COMMITTEE, FOUNDED),
                RuleViolation.class);
        refused(new EstablishOrganization(BRANCH, "支部", OrganizationLevel.BRANCH, null, GroupKind.AREA, COMMITTEE, FOUNDED),
                RuleViolation.class);
    }

    @Test
    @DisplayName("every organisation below the committee has an existing parent of a higher level")
    void parents() {
        refused(new EstablishOrganization(BRANCH, "支部", OrganizationLevel.BRANCH, null, null, null, FOUNDED),
                RuleViolation.class);
        refused(new EstablishOrganization(BRANCH, "支部", OrganizationLevel.BRANCH, null, null, OrganizationId.of("nowhere"), FOUNDED),
                NotFound.class);
        refused(new EstablishOrganization(BRANCH, "党工委", OrganizationLevel.COMMITTEE, null, null, COMMITTEE, FOUNDED),
                RuleViolation.class);
    }

    @Test
    @DisplayName("a dissolved organisation takes no leader and cannot be dissolved again")
    void dissolvedIsClosed() {
        var dissolved = new OrganizationDissolved(BRANCH, LocalDate.of(2020, 1, 1), null);
        fixture.given(branch()).when(new DissolveOrganization(BRANCH, LocalDate.of(2020, 1, 1), null, null))
                .expectEvents(dissolved);
        fixture.given(branch(), dissolved)
                .when(new AppointLeader(BRANCH, MemberId.of("m-1"), LeaderRole.SECRETARY, LocalDate.of(2021, 1, 1), null))
                .expectException(RuleViolation.class);
        fixture.given(branch(), dissolved).when(new DissolveOrganization(BRANCH, LocalDate.of(2021, 1, 1), null, null))
                .expectException(RuleViolation.class);
    }

    @Test
    @DisplayName("a leader must be a registered member")
    void leaderMustExist() {
        fixture.given(branch())
                .when(new AppointLeader(BRANCH, MemberId.of("m-unknown"), LeaderRole.SECRETARY, LocalDate.of(2021, 1, 1), null))
                .expectException(NotFound.class);
    }

    @Test
    @DisplayName("an organisation with active members cannot be dissolved; once they have moved on it can")
    void anOrganisationWithActiveMembersCannotBeDissolved() {
        MemberId member = MemberId.of("m-dissolve");
        MemberState inBranch = MemberState.none().apply(new MemberRegistered(member, "张建国", Gender.M,
                LocalDate.of(1950, 1, 1), LocalDate.of(1975, 7, 1), BRANCH, Set.of(Category.FARMER),
                new Residence(ResidenceStatus.ORIGINAL, null, null), null, FOUNDED), 0);
        occupants.placeMember(member, inBranch);
        var dissolve = new DissolveOrganization(BRANCH, LocalDate.of(2020, 1, 1), null, null);
        fixture.given(branch()).when(dissolve).expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("an organization with active members or active sub-organizations cannot be dissolved"),
                        org.hamcrest.Matchers.containsString("1 active member(s) and 0 active sub-organization(s)")));
        MemberState ended = inBranch.apply(new MembershipEnded(member, MembershipEndReason.DECEASED, LocalDate.of(2019, 1, 1)), 1);
        occupants.placeMember(member, ended);
        fixture.given(branch()).when(dissolve).expectEvents(new OrganizationDissolved(BRANCH, LocalDate.of(2020, 1, 1), null));
    }

    @Test
    @DisplayName("an organisation with active sub-organisations cannot be dissolved; once they are dissolved it can")
    void anOrganisationWithActiveSubOrganisationsCannotBeDissolved() {
        OrganizationId group = OrganizationId.of("dongfeng-1-g1");
        occupants.placeOrganization(group, BRANCH);
        var dissolveBranch = new DissolveOrganization(BRANCH, LocalDate.of(2020, 1, 1), null, null);
        fixture.given(branch()).when(dissolveBranch).expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("0 active member(s) and 1 active sub-organization(s)"));
        RulesFixture.of(Organization.class, occupants)
                .given(new OrganizationEstablished(group, "东风村第一党小组", OrganizationLevel.GROUP, null,
                        GroupKind.TRANSITION, BRANCH, FOUNDED))
                .when(new DissolveOrganization(group, LocalDate.of(2019, 6, 1), null, null))
                .expectSuccessfulHandlerExecution();
        fixture.given(branch()).when(dissolveBranch).expectEvents(new OrganizationDissolved(BRANCH, LocalDate.of(2020, 1, 1), null));
    }
}
