package cn.qinglong.dangjian.eventstore.testing;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.FollowUpMethod;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.LeaderRole;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCategory;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionId;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/** One example of every event type of the published language. */
public final class SampleEvents {

    private static final MemberId MEMBER = MemberId.of("m-zhang");
    private static final OrganizationId BRANCH = OrganizationId.of("changqing-1");
    private static final OrganizationId RESIDENCE_BRANCH = OrganizationId.of("qingzhuyuan-1");
    private static final StudyDayId STUDY_DAY = StudyDayId.of("sd-changqing-1-2026-11");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 10);
    private static final EvaluationRoundId ROUND = EvaluationRoundId.of("er-changqing-2025");
    private static final SuggestionId SUGGESTION = SuggestionId.of("sg-qingzhuyuan-001");

    private SampleEvents() {
    }

    public static List<Object> all() {
        return List.of(
                new MemberEvent.MemberRegistered(MEMBER, "张建国", Gender.M, LocalDate.of(1948, 3, 1), LocalDate.of(1972, 7, 1),
                        BRANCH, Set.of(Category.RETIRED, Category.FARMER),
                        new Residence(ResidenceStatus.ORIGINAL, null, "常青村12号"), "13800000000", LocalDate.of(2020, 1, 1)),
                new MemberEvent.ContactCardUpdated(MEMBER, new ContactCard("红梅新村", "13800000000", "租房", "思想稳定",
                        "退休", "与老伴同住", DAY)),
                new MemberEvent.MemberRelocated(MEMBER, "天宁区红梅新村5幢", OrganizationId.of("changqing-area-2"), DAY),
                new MemberEvent.MemberJoinedTransitionGroup(MEMBER, OrganizationId.of("changqing-t1"), DAY),
                new MemberEvent.MemberLeftTransitionGroup(MEMBER, OrganizationId.of("changqing-t1"), DAY, "resettled"),
                new MemberEvent.StudyModeAssigned(MEMBER, StudyMode.HOME_DELIVERY, "行动不便", DAY),
                new MemberEvent.MemberAttendedStudyDay(MEMBER, STUDY_DAY, BRANCH, StudyMode.ONLINE, DAY),
                new MemberEvent.StudyAbsenceExcused(MEMBER, STUDY_DAY, BRANCH, "住院", DAY),
                new MemberEvent.StudyFollowedUp(MEMBER, STUDY_DAY, BRANCH, "王芳", FollowUpMethod.VISIT, DAY.plusDays(3),
                        "病后在家休养"),
                new MemberEvent.StudyMadeUp(MEMBER, STUDY_DAY, BRANCH, StudyMode.ONLINE, DAY.plusDays(5)),
                new MemberEvent.MemberTransferredToResettlementCommunity(MEMBER, OrganizationId.of("qingzhuyuan"),
                        RESIDENCE_BRANCH, OrganizationId.of("qingzhuyuan-b3"), DAY, false),
                new MemberEvent.DualManagementEstablished(MEMBER, BRANCH, RESIDENCE_BRANCH, DAY),
                new MemberEvent.DualManagementEnded(MEMBER, BRANCH, RESIDENCE_BRANCH, DAY),
                new MemberEvent.OrganizationalRelationTransferred(MEMBER, BRANCH, RESIDENCE_BRANCH, DAY),
                new MemberEvent.CareNeedsRecorded(MEMBER, Set.of(CareNeed.FRAIL, CareNeed.EMPTY_NEST), DAY),
                new MemberEvent.MemberVisitedByHelper(MEMBER, "王芳", MemberId.of("m-wang"), VisitKind.CARE_VISIT, DAY, "身体尚好"),
                new MemberEvent.DuesPaid(MEMBER, YearMonth.of(2026, 10), 200, DAY),
                new MemberEvent.DuesStandardSet(MEMBER, 200, YearMonth.of(2026, 1), "党支部核定", DAY),
                new MemberEvent.ContactLost(MEMBER, DAY, "外出打工"),
                new MemberEvent.ContactRestored(MEMBER, DAY),
                new MemberEvent.HouseholdsLinked(MEMBER, List.of("青竹苑3幢101", "青竹苑3幢102"), DAY),
                new MemberEvent.VanguardActivityRecorded(MEMBER, VanguardKind.MEDIATION, DAY, "调解邻里纠纷"),
                new MemberEvent.EvaluationRecorded(MEMBER, "2025", Rating.EXCELLENT, DAY, ROUND),
                new MemberEvent.MembershipEnded(MEMBER, MembershipEndReason.DECEASED, DAY),
                new MemberEvent.MemberPersonalDataErased(MEMBER, DAY),
                new OrganizationEvent.OrganizationEstablished(BRANCH, "常青村第一党支部", OrganizationLevel.GROUP, null,
                        GroupKind.TRANSITION, OrganizationId.of("changqing"), LocalDate.of(2005, 1, 1)),
                new OrganizationEvent.LeaderAppointed(BRANCH, MEMBER, LeaderRole.SECRETARY, DAY),
                new OrganizationEvent.OrganizationDissolved(BRANCH, DAY, RESIDENCE_BRANCH),
                new StudyDayEvent.StudyDayScheduled(STUDY_DAY, BRANCH, DAY, "学习党的二十大精神",
                        Set.of(StudyMode.ONLINE, StudyMode.NEARBY)),
                new StudyDayEvent.StudyDayRescheduled(STUDY_DAY, BRANCH, DAY, DAY.plusDays(2), "与选举冲突"),
                new StudyDayEvent.StudyDayCancelled(STUDY_DAY, BRANCH, "台风", DAY),
                new MemberEvent.MemberRated(MEMBER, ROUND, RaterKind.MASSES, "ballot-017", Rating.EXCELLENT, DAY),
                new EvaluationRoundEvent.EvaluationRoundOpened(ROUND, BRANCH, 2025, DAY, DAY.plusDays(20)),
                new EvaluationRoundEvent.OrganizationRated(ROUND, BRANCH, MEMBER, Satisfaction.BASICALLY_SATISFIED, DAY),
                new SuggestionEvent.SuggestionSubmitted(SUGGESTION, RESIDENCE_BRANCH, SuggestionCategory.GREENING,
                        "3幢北侧绿地常年积水，建议疏通排水", DAY, null, "李秀英"),
                new SuggestionEvent.SuggestionAnswered(SUGGESTION, RESIDENCE_BRANCH, "已请物业疏通，下周完工", DAY),
                new SuggestionEvent.SuggestionDeliberated(SUGGESTION, RESIDENCE_BRANCH, DAY, "议事会决定由物业牵头改造排水"),
                new MemberEvent.NoticeDelivered(MEMBER, NoticeId.of("notice-changqing-2026-11"),
                        OrganizationId.of("changqing"), NoticeChannel.WECHAT, DAY),
                new MemberEvent.NoticeAcknowledged(MEMBER, NoticeId.of("notice-changqing-2026-11"), DAY),
                new MemberEvent.MemberAttendedMeeting(MEMBER, MeetingId.of("mtg-changqing-1-2026-11"), BRANCH,
                        MeetingKind.BRANCH_COMMITTEE, DAY),
                new NoticeEvent.NoticeIssued(NoticeId.of("notice-changqing-2026-11"), OrganizationId.of("changqing"),
                        "十一月主题党日通知", "11月10日上午九点村委会三楼", DAY),
                new MeetingEvent.MeetingHeld(MeetingId.of("mtg-changqing-1-2026-11"), BRANCH,
                        MeetingKind.BRANCH_COMMITTEE, DAY, "研究党员积分"),
                new MemberEvent.IdentityDisplayed(MEMBER, DAY, OrganizationId.of("qingzhuyuan-b3")),
                new MemberEvent.CentralHouseholdDesignated(MEMBER, OrganizationId.of("qingzhuyuan-b3"), 12, DAY));
    }
}
