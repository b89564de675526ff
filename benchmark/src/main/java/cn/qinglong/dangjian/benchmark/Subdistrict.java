package cn.qinglong.dangjian.benchmark;

import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The demo's Qinglong subdistrict (the same organisation ids, settings and study days as the demo loader: committee
 * {@code ql}, urban communities {@code ql-u1..3}, relocating villages {@code ql-v1..5}, resettlement communities
 * {@code ql-r1..5}, 30 branches, monthly study days {@code sd-<branch>-<yyyy-MM>} for the last four months), with
 * as many members as asked for. Each member's facts are a deterministic function of its number, so the event
 * generator and the command load agree on who belongs where without sharing state.
 *
 * <p>Members attend the study days of months 4, 3 and 2 back; month 1 back is left for the command benchmark.
 */
final class Subdistrict {

    static final String COMMITTEE = "ql";
    static final int STUDY_MONTHS = 4;
    /** Events per member in the plan; the generator trims the last ones to hit an exact total. */
    static final int MEMBER_EVENTS = 10;

    record Branch(String id, String name, String communityId, Setting setting, Set<StudyMode> modes,
                  String transitionGroupId, List<String> areaIds) {
    }

    record Member(MemberId id, Branch branch, LocalDate birthDate, StudyMode mode, boolean relocated, long seed) {
    }

    final LocalDate today;
    final List<Branch> branches = new ArrayList<>();
    final List<OrganizationEstablished> organizations = new ArrayList<>();
    final List<StudyDayScheduled> studyDays = new ArrayList<>();

    Subdistrict(LocalDate today) {
        this.today = today;
        LocalDate founded = LocalDate.of(2005, 1, 1);
        organizations.add(new OrganizationEstablished(OrganizationId.of(COMMITTEE), "青龙街道党工委",
                OrganizationLevel.COMMITTEE, null, null, null, founded));
        community("u", new String[] {"龙锦社区", "青龙东苑社区", "北港社区"}, new int[] {2, 2, 2},
                Setting.URBAN_COMMUNITY, founded);
        community("v", new String[] {"东风村", "常青村", "三里村", "亚新村", "福成北塘村"}, new int[] {2, 2, 2, 1, 1},
                Setting.RELOCATING_VILLAGE, founded);
        community("r", new String[] {"青龙苑北区", "青龙苑南区", "紫云苑", "青竹苑", "新丰苑"}, new int[] {4, 3, 3, 3, 3},
                Setting.RESETTLEMENT_COMMUNITY, founded);
        for (Branch b : branches) {
            for (int back = STUDY_MONTHS; back >= 1; back--) {
                LocalDate date = studyDate(back);
                studyDays.add(new StudyDayScheduled(studyDayId(b, back), OrganizationId.of(b.id()), date,
                        YearMonth.from(date) + "主题党日", b.modes()));
            }
        }
    }

    private void community(String prefix, String[] names, int[] branchCounts, Setting setting, LocalDate founded) {
        for (int c = 0; c < names.length; c++) {
            String communityId = COMMITTEE + "-" + prefix + (c + 1);
            organizations.add(new OrganizationEstablished(OrganizationId.of(communityId), names[c] + "党总支",
                    OrganizationLevel.GENERAL_BRANCH, setting, null, OrganizationId.of(COMMITTEE), founded));
            List<String> areas = new ArrayList<>();
            if (setting == Setting.RELOCATING_VILLAGE) {
                for (int a = 1; a <= 2; a++) {
                    String area = communityId + "-area" + a;
                    areas.add(area);
                    organizations.add(new OrganizationEstablished(OrganizationId.of(area), names[c] + "片区" + a,
                            OrganizationLevel.GROUP, null, GroupKind.AREA, OrganizationId.of(communityId), founded));
                }
            }
            Set<StudyMode> modes = setting == Setting.URBAN_COMMUNITY
                    ? EnumSet.of(StudyMode.NEARBY, StudyMode.ONLINE) : EnumSet.allOf(StudyMode.class);
            for (int b = 1; b <= branchCounts[c]; b++) {
                String id = communityId + "-b" + b;
                String name = names[c] + "第" + "一二三四五".charAt(b - 1) + "党支部";
                String transitionGroup = setting == Setting.RELOCATING_VILLAGE ? communityId + "-tg" : null;
                organizations.add(new OrganizationEstablished(OrganizationId.of(id), name, OrganizationLevel.BRANCH,
                        null, null, OrganizationId.of(communityId), founded));
                if (transitionGroup != null && b == 1) {
                    organizations.add(new OrganizationEstablished(OrganizationId.of(transitionGroup),
                            names[c] + "拆迁过渡期党小组", OrganizationLevel.GROUP, null, GroupKind.TRANSITION,
                            OrganizationId.of(id), today.minusYears(8)));
                }
                if (setting == Setting.RESETTLEMENT_COMMUNITY) {
                    organizations.add(new OrganizationEstablished(OrganizationId.of(id + "-bg1"),
                            name.replace("党支部", "") + "1号楼党小组", OrganizationLevel.GROUP, null, GroupKind.BUILDING,
                            OrganizationId.of(id), today.minusYears(3)));
                }
                branches.add(new Branch(id, name, communityId, setting, modes, transitionGroup, areas));
            }
        }
    }

    LocalDate studyDate(int back) {
        return YearMonth.from(today).minusMonths(back).atDay(15);
    }

    StudyDayId studyDayId(Branch b, int back) {
        return StudyDayId.of("sd-" + b.id() + "-" + YearMonth.from(studyDate(back)));
    }

    /** Half the members are 60 or older, one in twenty 80 or older, as in the study's figures. */
    Member member(int n) {
        Random r = new Random(0x9E3779B97F4A7C15L * (n + 1));
        Branch branch = branches.get(n % branches.size());
        int roll = r.nextInt(100);
        int age = roll < 5 ? 80 + r.nextInt(12) : roll < 50 ? 60 + r.nextInt(20) : 25 + r.nextInt(35);
        LocalDate birthDate = today.minusYears(age).minusDays(1 + r.nextInt(300));
        boolean relocated = branch.setting() == Setting.RELOCATING_VILLAGE && r.nextInt(100) < 25;
        StudyMode mode;
        if (age >= 80) {
            mode = branch.modes().contains(StudyMode.HOME_DELIVERY) ? StudyMode.HOME_DELIVERY : StudyMode.NEARBY;
        } else if (relocated) {
            mode = StudyMode.ONLINE;
        } else {
            mode = r.nextInt(100) < 70 ? StudyMode.NEARBY : StudyMode.ONLINE;
        }
        return new Member(MemberId.of(String.format("m-b-%06d", n + 1)), branch, birthDate, mode, relocated, r.nextLong());
    }

    /** The member's facts in stream order; every one is something the command side would have accepted. */
    List<MemberEvent> events(Member m) {
        Random r = new Random(m.seed());
        MemberId id = m.id();
        Branch b = m.branch();
        OrganizationId branchId = OrganizationId.of(b.id());
        LocalDate registered = today.minusYears(3).minusDays(r.nextInt(200));
        List<MemberEvent> events = new ArrayList<>(MEMBER_EVENTS);
        boolean senior = !m.birthDate().isAfter(today.minusYears(60));
        Category category = senior ? Category.RETIRED
                : List.of(Category.EMPLOYED, Category.FARMER, Category.UNEMPLOYED, Category.FLOATING,
                        Category.NON_PUBLIC_ENTERPRISE).get(r.nextInt(5));
        ResidenceStatus status = switch (b.setting()) {
            case URBAN_COMMUNITY -> ResidenceStatus.URBAN;
            case RELOCATING_VILLAGE -> ResidenceStatus.ORIGINAL;
            case RESETTLEMENT_COMMUNITY -> ResidenceStatus.RESETTLED;
        };
        events.add(new MemberEvent.MemberRegistered(id, Names.of(r), r.nextInt(100) < 62 ? Gender.M : Gender.F,
                m.birthDate(), m.birthDate().plusYears(20 + r.nextInt(20)), branchId, Set.of(category),
                new Residence(status, OrganizationId.of(b.communityId()), null),
                "139" + String.format("%08d", r.nextInt(100_000_000)), registered));
        events.add(new MemberEvent.StudyModeAssigned(id, m.mode(), "按本人情况", registered.plusDays(1)));
        events.add(new MemberEvent.ContactCardUpdated(id, new ContactCard("本村", "139" + String.format("%08d",
                r.nextInt(100_000_000)), m.relocated() ? "租住" : "自有住房", "稳定", senior ? "退休" : "在岗",
                "与家人同住", today.minusDays(10 + r.nextInt(400)))));
        if (m.relocated()) {
            LocalDate relocatedOn = today.minusYears(2).minusDays(r.nextInt(300));
            String area = b.areaIds().get(r.nextInt(b.areaIds().size()));
            events.add(new MemberEvent.MemberRelocated(id, "青龙街道租住点" + r.nextInt(200) + "号",
                    OrganizationId.of(area), relocatedOn));
            if (r.nextInt(100) < 80) {
                events.add(new MemberEvent.MemberJoinedTransitionGroup(id, OrganizationId.of(b.transitionGroupId()),
                        relocatedOn.plusDays(30)));
            } else {
                events.add(new MemberEvent.HouseholdsLinked(id, List.of("户" + r.nextInt(1000)), registered.plusDays(60)));
            }
        } else {
            if (senior && r.nextInt(100) < 40) {
                events.add(new MemberEvent.CareNeedsRecorded(id, Set.of(r.nextBoolean() ? CareNeed.ELDERLY
                        : CareNeed.FRAIL), registered.plusDays(40)));
            } else {
                events.add(new MemberEvent.VanguardActivityRecorded(id, VanguardKind.values()[r.nextInt(6)],
                        today.minusDays(20 + r.nextInt(300)), "楼道亮身份"));
            }
            events.add(new MemberEvent.EvaluationRecorded(id, Integer.toString(today.getYear() - 1),
                    r.nextInt(100) < 70 ? Rating.EXCELLENT : Rating.QUALIFIED, today.minusMonths(10), null));
        }
        for (int back = STUDY_MONTHS; back >= 2; back--) {
            int roll = r.nextInt(100);
            LocalDate date = studyDate(back);
            if (roll < 85) {
                events.add(new MemberEvent.MemberAttendedStudyDay(id, studyDayId(b, back), branchId, m.mode(), date));
            } else if (roll < 90) {
                events.add(new MemberEvent.StudyAbsenceExcused(id, studyDayId(b, back), branchId, "外出务工", date));
            } else {
                events.add(visit(id, VisitKind.TALK, date.plusDays(2)));
            }
        }
        YearMonth dues = YearMonth.from(today).minusMonths(2);
        events.add(new MemberEvent.DuesPaid(id, dues, 200, dues.atDay(20)));
        events.add(visit(id, VisitKind.CARE_VISIT, today.minusDays(1 + r.nextInt(200))));
        return events;
    }

    static MemberEvent.MemberVisitedByHelper visit(MemberId id, VisitKind kind, LocalDate on) {
        return new MemberEvent.MemberVisitedByHelper(id, "支部书记", null, kind, on, null);
    }

    /** Plain Chinese names from a seed: a surname and one or two given characters. */
    static final class Names {
        private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
        private static final String GIVEN = "建国华明丽英军平芳秀兰伟强敏静杰磊洋勇艳娟涛超霞刚玲桂珍红梅文辉斌宇鹏飞志忠春雪海波云林";

        private Names() {
        }

        static String of(Random r) {
            StringBuilder name = new StringBuilder().append(SURNAMES.charAt(r.nextInt(SURNAMES.length())));
            int given = r.nextInt(100) < 70 ? 2 : 1;
            for (int i = 0; i < given; i++) {
                name.append(GIVEN.charAt(r.nextInt(GIVEN.length())));
            }
            return name.toString();
        }
    }
}
