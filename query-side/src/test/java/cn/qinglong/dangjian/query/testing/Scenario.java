package cn.qinglong.dangjian.query.testing;

import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.FollowUpMethod;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CareNeedsRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.ContactCardUpdated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesStandardSet;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.HouseholdsLinked;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberJoinedTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberLeftTransitionGroup;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyFollowedUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.LeaderAppointed;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.LeaderRole;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayCancelled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A small subdistrict where every view has something to show, dated relative to {@code today}. Ids carry a prefix
 * so several scenarios can share one event store.
 *
 * <ul>
 *   <li>{@code dual}: village-branch member, relocated, in the transition group, resettled without moving the
 *       relation: dual-managed, so the resettlement branch's study day is theirs; attended it from home.</li>
 *   <li>{@code eldest}: 86, relocated, in no group, never visited; excused from the village study day, and made
 *       it up at home later.</li>
 *   <li>{@code model}: resettlement-branch member with a complete card, a talk, dues, an evaluation and vanguard
 *       work; attended the resettlement study day in person; a dues standard from three months ago, of which only
 *       last month is paid (two months owed).</li>
 *   <li>{@code needy}: relocated, in the transition group, poor, visited last week; left behind at the village
 *       study day, and followed up.</li>
 *   <li>{@code ended}: membership ended; counted nowhere.</li>
 * </ul>
 */
public final class Scenario {

    public final String committee;
    public final String village;
    public final String villageBranch;
    public final String transitionGroup;
    public final String area;
    public final String community;
    public final String communityBranch;
    public final String buildingGroup;
    public final String communityStudyDay;
    public final String villageStudyDay;
    public final String cancelledStudyDay;
    public final String dual;
    public final String eldest;
    public final String model;
    public final String needy;
    public final String ended;
    public final LocalDate today;
    public final LocalDate studyDate;
    public final EventLog log = new EventLog();

    public Scenario(String prefix, LocalDate today) {
        this.today = today;
        committee = prefix + "-committee";
        village = prefix + "-dongfeng";
        villageBranch = prefix + "-dongfeng-1";
        transitionGroup = prefix + "-dongfeng-tg";
        area = prefix + "-dongfeng-area";
        community = prefix + "-ziyunyuan";
        communityBranch = prefix + "-ziyunyuan-1";
        buildingGroup = prefix + "-ziyunyuan-b3";
        communityStudyDay = prefix + "-sd-ziyun";
        villageStudyDay = prefix + "-sd-dongfeng";
        cancelledStudyDay = prefix + "-sd-cancelled";
        dual = prefix + "-m-dual";
        eldest = prefix + "-m-eldest";
        model = prefix + "-m-model";
        needy = prefix + "-m-needy";
        ended = prefix + "-m-ended";
        LocalDate longAgo = today.minusYears(3);
        LocalDate moved = today.minusMonths(2);
        studyDate = today.minusMonths(1);

        log.add(org(committee, "青龙街道党工委", OrganizationLevel.COMMITTEE, null, null, null, longAgo),
                org(village, "东风村党总支", OrganizationLevel.GENERAL_BRANCH, Setting.RELOCATING_VILLAGE, null, committee, longAgo),
                org(villageBranch, "东风村第一党支部", OrganizationLevel.BRANCH, null, null, village, longAgo),
                org(transitionGroup, "东风拆迁过渡期党小组", OrganizationLevel.GROUP, null, GroupKind.TRANSITION, villageBranch, longAgo),
                org(area, "东风一片区", OrganizationLevel.GROUP, null, GroupKind.AREA, village, longAgo),
                org(community, "紫云苑党总支", OrganizationLevel.GENERAL_BRANCH, Setting.RESETTLEMENT_COMMUNITY, null, committee, longAgo),
                org(communityBranch, "紫云苑第一党支部", OrganizationLevel.BRANCH, null, null, community, longAgo),
                org(buildingGroup, "紫云苑3号楼党小组", OrganizationLevel.GROUP, null, GroupKind.BUILDING, communityBranch, longAgo));
        log.add(new StudyDayScheduled(StudyDayId.of(communityStudyDay), id(communityBranch), studyDate, "主题党日",
                        EnumSet.allOf(StudyMode.class)),
                new StudyDayScheduled(StudyDayId.of(villageStudyDay), id(villageBranch), studyDate, "主题党日",
                        EnumSet.of(StudyMode.NEARBY, StudyMode.ONLINE)),
                new StudyDayScheduled(StudyDayId.of(cancelledStudyDay), id(villageBranch), studyDate.plusDays(7), "补学",
                        EnumSet.of(StudyMode.ONLINE)),
                new StudyDayCancelled(StudyDayId.of(cancelledStudyDay), id(villageBranch), "暴雨", studyDate));

        log.add(register(dual, "王建国", 1950, villageBranch, ResidenceStatus.ORIGINAL, longAgo),
                new MemberRelocated(mid(dual), "青龙东路12号出租屋", id(area), moved.minusMonths(6)),
                new MemberJoinedTransitionGroup(mid(dual), id(transitionGroup), moved.minusMonths(6)),
                new MemberTransferredToResettlementCommunity(mid(dual), id(community), id(communityBranch),
                        id(buildingGroup), moved, false),
                new MemberLeftTransitionGroup(mid(dual), id(transitionGroup), moved, "resettled"),
                new DualManagementEstablished(mid(dual), id(villageBranch), id(communityBranch), moved),
                new MemberAttendedStudyDay(mid(dual), StudyDayId.of(communityStudyDay), id(communityBranch),
                        StudyMode.HOME_DELIVERY, studyDate));
        log.add(register(eldest, "李秀英", today.getYear() - 86, villageBranch, ResidenceStatus.ORIGINAL, longAgo),
                new MemberRelocated(mid(eldest), "三井街道亲戚家", id(area), today.minusYears(2)),
                new StudyAbsenceExcused(mid(eldest), StudyDayId.of(villageStudyDay), id(villageBranch), "住院", studyDate));
        log.add(register(model, "张伟", 1980, communityBranch, ResidenceStatus.RESETTLED, longAgo),
                new ContactCardUpdated(mid(model), new ContactCard("紫云苑3幢", "13800000000", "安置房", "积极",
                        "在职", "三口之家", today.minusMonths(3))),
                new MemberVisitedByHelper(mid(model), "赵书记", null, VisitKind.TALK, today.minusMonths(2), "谈心"),
                new DuesPaid(mid(model), YearMonth.from(today).minusMonths(1), 2000, today.minusDays(20)),
                new EvaluationRecorded(mid(model), String.valueOf(today.getYear() - 1), Rating.EXCELLENT, today.minusMonths(4), null),
                new VanguardActivityRecorded(mid(model), VanguardKind.VOLUNTEER, today.minusMonths(1), "楼道清洁"),
                new HouseholdsLinked(mid(model), List.of("3-101", "3-102"), today.minusMonths(1)),
                new MemberAttendedStudyDay(mid(model), StudyDayId.of(communityStudyDay), id(communityBranch),
                        StudyMode.NEARBY, studyDate));
        log.add(register(needy, "陈明", 1970, villageBranch, ResidenceStatus.ORIGINAL, longAgo),
                new MemberRelocated(mid(needy), "北塘河路5号", id(area), today.minusDays(400)),
                new MemberJoinedTransitionGroup(mid(needy), id(transitionGroup), today.minusDays(380)),
                new CareNeedsRecorded(mid(needy), Set.of(CareNeed.POOR), today.minusMonths(6)),
                new MemberVisitedByHelper(mid(needy), "赵书记", null, VisitKind.CARE_VISIT, today.minusDays(7), null));
        log.add(register(ended, "刘强", 1945, villageBranch, ResidenceStatus.ORIGINAL, longAgo),
                new MembershipEnded(mid(ended), MembershipEndReason.DECEASED, today.minusMonths(5)));
        log.add(new LeaderAppointed(id(villageBranch), mid(needy), LeaderRole.GROUP_LEADER, today.minusDays(300)));
        log.add(new StudyFollowedUp(mid(needy), StudyDayId.of(villageStudyDay), id(villageBranch), "赵书记",
                        FollowUpMethod.VISIT, studyDate.plusDays(3), "生病在家"),
                new StudyMadeUp(mid(eldest), StudyDayId.of(villageStudyDay), id(villageBranch), StudyMode.HOME_DELIVERY,
                        studyDate.plusDays(10)),
                new DuesStandardSet(mid(model), 2000, YearMonth.from(today).minusMonths(3), "在职党员",
                        today.minusMonths(3)));
    }

    private static OrganizationEstablished org(String id, String name, OrganizationLevel level, Setting setting,
                                               GroupKind kind, String parent, LocalDate on) {
        return new OrganizationEstablished(id(id), name, level, setting, kind, parent == null ? null : id(parent), on);
    }

    private static MemberRegistered register(String id, String name, int birthYear, String branch,
                                             ResidenceStatus status, LocalDate on) {
        return new MemberRegistered(mid(id), name, Gender.M, LocalDate.of(birthYear, 3, 1),
                LocalDate.of(birthYear + 25, 7, 1), id(branch), Set.of(Category.RETIRED),
                new Residence(status, null, null), null, on);
    }

    public static OrganizationId id(String value) {
        return OrganizationId.of(value);
    }

    public static MemberId mid(String value) {
        return MemberId.of(value);
    }
}
