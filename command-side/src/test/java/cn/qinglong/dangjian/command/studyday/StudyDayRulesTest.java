package cn.qinglong.dangjian.command.studyday;

import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.CancelStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.RescheduleStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayCommand.ScheduleStudyDay;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayCancelled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayRescheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StudyDayRulesTest {

    static final OrganizationId BRANCH = OrganizationId.of("yaxin-1");
    static final OrganizationId GROUP = OrganizationId.of("yaxin-t1");
    static final StudyDayId ID = StudyDayId.of("sd-yaxin-1-2026-12");
    static final LocalDate DATE = LocalDate.of(2026, 12, 10);

    final FixtureConfiguration<StudyDay> fixture = RulesFixture.of(StudyDay.class,
            new OrganizationEstablished(BRANCH, "亚新村第一党支部", OrganizationLevel.BRANCH, null, null,
                    OrganizationId.of("yaxin"), LocalDate.of(2005, 1, 1)),
            new OrganizationEstablished(GROUP, "亚新村过渡期党小组", OrganizationLevel.GROUP, null, GroupKind.TRANSITION,
                    BRANCH, LocalDate.of(2015, 1, 1)));

    static StudyDayScheduled scheduled() {
        return new StudyDayScheduled(ID, BRANCH, DATE, "党章学习", Set.of(StudyMode.NEARBY, StudyMode.HOME_DELIVERY, StudyMode.ONLINE));
    }

    @Test
    @DisplayName("a branch schedules a study day offering all three modes")
    void schedules() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleStudyDay(ID, BRANCH, DATE, "党章学习", Set.of(StudyMode.ONLINE, StudyMode.NEARBY, StudyMode.HOME_DELIVERY)))
                .expectEvents(scheduled());
    }

    @Test
    @DisplayName("only a branch holds study days, and a study day offers at least one mode")
    void onlyBranchesWithModes() {
        fixture.givenNoPriorActivity().when(new ScheduleStudyDay(ID, GROUP, DATE, "党章学习", Set.of(StudyMode.NEARBY)))
                .expectException(RuleViolation.class);
        fixture.givenNoPriorActivity().when(new ScheduleStudyDay(ID, BRANCH, DATE, "党章学习", Set.of()))
                .expectException(RuleViolation.class);
    }

    @Test
    @DisplayName("a study day is rescheduled to another date and a cancelled one can be neither rescheduled nor cancelled again")
    void rescheduleAndCancel() {
        fixture.given(scheduled()).when(new RescheduleStudyDay(ID, DATE.plusDays(2), "与选举冲突", null))
                .expectEvents(new StudyDayRescheduled(ID, BRANCH, DATE, DATE.plusDays(2), "与选举冲突"));
        var cancelled = new StudyDayCancelled(ID, BRANCH, "台风", LocalDate.of(2026, 11, 27));
        fixture.given(scheduled()).when(new CancelStudyDay(ID, "台风", null, null)).expectEvents(cancelled);
        fixture.given(scheduled(), cancelled).when(new CancelStudyDay(ID, "台风", null, null))
                .expectException(RuleViolation.class);
        fixture.given(scheduled(), cancelled).when(new RescheduleStudyDay(ID, DATE.plusDays(2), "x", null))
                .expectException(RuleViolation.class);
    }
}
