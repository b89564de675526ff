package cn.qinglong.dangjian.benchmark;

import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundId;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.evaluation.Satisfaction;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.ContactCard;
import cn.qinglong.dangjian.kernel.member.FollowUpMethod;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.Rating;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCategory;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionAnswered;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionDeliberated;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionId;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The demo's Qinglong subdistrict (the same organisation ids, settings and study days as the demo loader: committee
 * {@code ql}, urban communities {@code ql-u1..3}, relocating villages {@code ql-v1..5}, resettlement communities
 * {@code ql-r1..5}, 30 branches, monthly study days {@code sd-<branch>-<yyyy-MM>} for the last four months), with
 * as many members as asked for, and what the demo loader's organisational life holds: a year of 三会一课, its four
 * notices, its round of 民主评议 in {@code ql-r1} and its share of suggestions. Each member's facts are a
 * deterministic function of its number, so the event generator, the command load and the query checks agree on who
 * belongs where without sharing state.
 *
 * <p>Members attend the study days of months 4, 3 and 2 back; month 1 back is left for the command benchmark. Dues
 * are owed for {@value #DUES_MONTHS} month(s) only, and {@link EventPlan} keeps as much of the year's meeting
 * attendance, newest first, as the budget leaves: a member's year at the demo's shares holds about sixteen events,
 * the full size's budget ten.
 */
final class Subdistrict {

    static final String COMMITTEE = "ql";
    static final int STUDY_MONTHS = 4;
    /** Months of dues owed under the standard, up to last month. */
    static final int DUES_MONTHS = 1;
    static final String ROUND_COMMUNITY = COMMITTEE + "-r1";
    private static final Rating[] RATINGS = {Rating.EXCELLENT, Rating.EXCELLENT, Rating.QUALIFIED, Rating.QUALIFIED,
            Rating.QUALIFIED, Rating.BASICALLY_QUALIFIED};
    private static final Satisfaction[] SATISFACTIONS = {Satisfaction.SATISFIED, Satisfaction.SATISFIED,
            Satisfaction.SATISFIED, Satisfaction.BASICALLY_SATISFIED, Satisfaction.DISSATISFIED};

    /** One aggregate's stream as the command side writes it: its aggregate type, its id, its events in order. */
    record Stream(String type, String id, List<?> events) {
    }

    record Branch(String id, String name, String communityId, Setting setting, Set<StudyMode> modes,
                  String transitionGroupId, List<String> areaIds, String buildingGroupId) {
    }

    record Member(int number, MemberId id, Branch branch, LocalDate birthDate, StudyMode mode, boolean relocated,
                  long seed) {
        int age(LocalDate on) {
            return Period.between(birthDate, on).getYears();
        }
    }

    /** A notice and the shares of its audience it was delivered to and acknowledged by. */
    record Notice(NoticeIssued issued, int deliveredPercent, int acknowledgedPercent) {
    }

    final LocalDate today;
    final int members;
    final List<Branch> branches = new ArrayList<>();
    final List<OrganizationEstablished> organizations = new ArrayList<>();
    final List<StudyDayScheduled> studyDays = new ArrayList<>();
    final List<MeetingHeld> meetings = new ArrayList<>();
    private final Map<String, List<MeetingHeld>> meetingsOf = new LinkedHashMap<>();
    final List<Notice> notices = new ArrayList<>();
    final EvaluationRoundOpened round;

    Subdistrict(LocalDate today, int members) {
        this.today = today;
        this.members = members;
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
        holdMeetings(new Random(20_261_206L));
        notice(COMMITTEE + "-v1", "关于参加东风村主题党日活动的通知", 40, 92, 80);
        notice(COMMITTEE + "-r3", "紫云苑党总支关于楼道亮身份活动的通知", 20, 95, 85);
        notice(COMMITTEE + "-v2", "常青村党总支关于缴纳党费的通知", 10, 75, 55);
        notice(COMMITTEE + "-v3", "三里村党总支关于返迁安置政策宣讲的通知", 3, 45, 20);
        round = new EvaluationRoundOpened(EvaluationRoundId.of("er-" + ROUND_COMMUNITY + "-" + today.getYear()),
                OrganizationId.of(ROUND_COMMUNITY), today.getYear(), today.minusDays(20), today.plusDays(10));
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
                String buildingGroup = setting == Setting.RESETTLEMENT_COMMUNITY ? id + "-bg1" : null;
                organizations.add(new OrganizationEstablished(OrganizationId.of(id), name, OrganizationLevel.BRANCH,
                        null, null, OrganizationId.of(communityId), founded));
                if (transitionGroup != null && b == 1) {
                    organizations.add(new OrganizationEstablished(OrganizationId.of(transitionGroup),
                            names[c] + "拆迁过渡期党小组", OrganizationLevel.GROUP, null, GroupKind.TRANSITION,
                            OrganizationId.of(id), today.minusYears(8)));
                }
                if (buildingGroup != null) {
                    organizations.add(new OrganizationEstablished(OrganizationId.of(buildingGroup),
                            name.replace("党支部", "") + "1号楼党小组", OrganizationLevel.GROUP, null, GroupKind.BUILDING,
                            OrganizationId.of(id), today.minusYears(3)));
                }
                branches.add(new Branch(id, name, communityId, setting, modes, transitionGroup, areas, buildingGroup));
            }
        }
    }

    /**
     * The demo loader's year of 三会一课, over the twelve months up to today: every branch's committee monthly, its
     * congress and party lecture quarterly, its organisational-life meeting in February and its democratic
     * appraisal in March, every group's meeting monthly; each missed now and then (village branches, whose members
     * live scattered, miss more; two transition groups skip April to June).
     */
    private void holdMeetings(Random random) {
        YearMonth first = YearMonth.from(today).minusMonths(11);
        List<String> silentGroups = new ArrayList<>();
        for (Branch b : branches) {
            boolean village = b.setting() == Setting.RELOCATING_VILLAGE;
            for (YearMonth month = first; !month.isAfter(YearMonth.from(today)); month = month.plusMonths(1)) {
                boolean secondOfQuarter = (month.getMonthValue() - 1) % 3 == 1;
                hold(random, b.id(), MeetingKind.BRANCH_COMMITTEE, month.atDay(5), village ? 12 : 6);
                if (secondOfQuarter) {
                    hold(random, b.id(), MeetingKind.BRANCH_CONGRESS, month.atDay(20), village ? 25 : 8);
                    hold(random, b.id(), MeetingKind.PARTY_LECTURE, month.atDay(28), village ? 15 : 5);
                }
                if (month.getMonthValue() == 2) {
                    hold(random, b.id(), MeetingKind.ORGANIZATIONAL_LIFE, month.atDay(25), 15);
                }
                if (month.getMonthValue() == 3) {
                    hold(random, b.id(), MeetingKind.DEMOCRATIC_APPRAISAL, month.atDay(28), 10);
                }
            }
            List<String> groups = new ArrayList<>(b.areaIds());
            if (b.transitionGroupId() != null) {
                groups.add(b.transitionGroupId());
            }
            if (b.buildingGroupId() != null) {
                groups.add(b.buildingGroupId());
            }
            for (String group : groups) {
                if (meetingsOf.containsKey(group)) {
                    continue;
                }
                meetingsOf.put(group, new ArrayList<>());
                boolean silent = group.endsWith("-tg") && silentGroups.size() < 2 && silentGroups.add(group);
                for (YearMonth month = first; !month.isAfter(YearMonth.from(today)); month = month.plusMonths(1)) {
                    if (!silent || month.getMonthValue() < 4 || month.getMonthValue() > 6) {
                        hold(random, group, MeetingKind.GROUP_MEETING, month.atDay(12), 12);
                    }
                }
            }
        }
    }

    /** A meeting on the date unless it lies ahead or the organisation misses it ({@code missPercent} of the time). */
    private void hold(Random random, String organization, MeetingKind kind, LocalDate date, int missPercent) {
        List<MeetingHeld> held = meetingsOf.computeIfAbsent(organization, o -> new ArrayList<>());
        if (random.nextInt(100) < missPercent || date.isAfter(today)) {
            return;
        }
        MeetingHeld meeting = new MeetingHeld(MeetingId.of("mtg-" + organization + "-"
                + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + date),
                OrganizationId.of(organization), kind, date, topic(kind, date));
        meetings.add(meeting);
        held.add(meeting);
    }

    private static String topic(MeetingKind kind, LocalDate heldOn) {
        return switch (kind) {
            case BRANCH_COMMITTEE -> YearMonth.from(heldOn) + "支委会：研究本月组织生活安排";
            case BRANCH_CONGRESS -> YearMonth.from(heldOn) + "支部党员大会";
            case PARTY_LECTURE -> "党课：学习党的二十大精神";
            case ORGANIZATIONAL_LIFE -> "年度组织生活会";
            case DEMOCRATIC_APPRAISAL -> "民主评议党员大会";
            case GROUP_MEETING -> YearMonth.from(heldOn) + "党小组会：过渡期党员座谈";
        };
    }

    private void notice(String organization, String title, int daysBack, int deliveredPercent, int acknowledgedPercent) {
        LocalDate issuedOn = today.minusDays(daysBack);
        notices.add(new Notice(new NoticeIssued(NoticeId.of("notice-" + organization + "-" + issuedOn),
                OrganizationId.of(organization), title, "请各位党员按时参加，不能参加的向支部书记请假。", issuedOn),
                deliveredPercent, acknowledgedPercent));
    }

    /**
     * Every stream that is not a member's, in the order they are written: organisations, study days, meetings,
     * notices, the evaluation round with its members' ratings of their organisations, and the suggestions.
     */
    List<Stream> streams() {
        List<Stream> streams = new ArrayList<>();
        organizations.forEach(o -> streams.add(new Stream("Organization", o.organizationId().value(), List.of(o))));
        studyDays.forEach(s -> streams.add(new Stream("StudyDay", s.studyDayId().value(), List.of(s))));
        meetings.forEach(m -> streams.add(new Stream("Meeting", m.meetingId().value(), List.of(m))));
        notices.forEach(n -> streams.add(new Stream("Notice", n.issued().noticeId().value(), List.of(n.issued()))));
        List<Object> roundEvents = new ArrayList<>(List.of(round));
        roundEvents.addAll(organizationRatings());
        streams.add(new Stream("EvaluationRound", round.roundId().value(), roundEvents));
        suggestions().forEach(events -> streams.add(new Stream("Suggestion",
                events.get(0).suggestionId().value(), events)));
        return streams;
    }

    /** Every member of the round's community rates their branch (seven in ten) or the community while it is open. */
    private List<OrganizationRated> organizationRatings() {
        List<OrganizationRated> ratings = new ArrayList<>();
        for (int n = 0; n < members; n++) {
            Member m = member(n);
            if (m.branch().communityId().equals(ROUND_COMMUNITY)) {
                Random r = new Random(m.seed() ^ 0xC2B2AE35L);
                ratings.add(new OrganizationRated(round.roundId(), OrganizationId.of(r.nextInt(100) < 70
                        ? m.branch().id() : ROUND_COMMUNITY), m.id(), SATISFACTIONS[r.nextInt(SATISFACTIONS.length)],
                        ratedOn(r)));
            }
        }
        return ratings;
    }

    /**
     * As many suggestions to the resettlement communities and villages as the demo has per member (36 for 1,366),
     * from the last 90 days; two in five from a member of the community, the others from named residents; 15% taken to
     * the council, half answered, the rest open.
     */
    private List<List<SuggestionEvent>> suggestions() {
        Random r = new Random(20_061_127L + 19);
        List<String> communities = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            communities.add(COMMITTEE + "-r" + c);
            communities.add(COMMITTEE + "-v" + c);
        }
        List<List<SuggestionEvent>> all = new ArrayList<>();
        long count = Math.max(1, Math.round(members * 36 / 1366.0));
        for (int n = 1; n <= count; n++) {
            String organization = communities.get(r.nextInt(communities.size()));
            SuggestionCategory category = SuggestionCategory.values()[r.nextInt(SuggestionCategory.values().length)];
            LocalDate submitted = today.minusDays(1 + r.nextInt(90));
            List<Branch> local = branches.stream().filter(b -> b.communityId().equals(organization)).toList();
            int branch = branches.indexOf(local.get(r.nextInt(local.size())));
            int number = branch + branches.size() * r.nextInt(Math.max(1, members / branches.size()));
            boolean byMember = r.nextInt(100) < 40 && number < members;
            SuggestionId id = SuggestionId.of("sg-" + organization + "-" + n);
            List<SuggestionEvent> events = new ArrayList<>();
            events.add(new SuggestionSubmitted(id, OrganizationId.of(organization), category,
                    "关于" + category.label() + "的建议", submitted, byMember ? member(number).id() : null,
                    byMember ? null : Names.of(r)));
            int settle = r.nextInt(100);
            if (settle < 15) {
                events.add(new SuggestionDeliberated(id, OrganizationId.of(organization),
                        earlier(submitted.plusDays(5 + r.nextInt(35))), "党群议事会议定：由社区牵头、物业落实，一个月内办结"));
            } else if (settle < 65) {
                events.add(new SuggestionAnswered(id, OrganizationId.of(organization), "已转物业和相关部门办理，并向建言人反馈",
                        earlier(submitted.plusDays(1 + r.nextInt(25)))));
            }
            all.add(events);
        }
        return all;
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
        return new Member(n, MemberId.of(String.format("m-b-%06d", n + 1)), branch, birthDate, mode, relocated,
                r.nextLong());
    }

    /**
     * The member's facts in stream order, at the demo loader's shares; every one is something the command side would
     * have accepted, and so is every prefix, with or without any of the meeting attendance ({@link EventPlan} may
     * keep no more).
     */
    List<MemberEvent> events(Member m) {
        Random r = new Random(m.seed());
        MemberId id = m.id();
        Branch b = m.branch();
        OrganizationId branchId = OrganizationId.of(b.id());
        LocalDate registered = today.minusYears(3).minusDays(r.nextInt(200));
        List<MemberEvent> events = new ArrayList<>();
        int age = m.age(today);
        boolean senior = age >= 60;
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
        // In person nearby is what a member does unless told otherwise; the others are assigned their mode.
        if (m.mode() != StudyMode.NEARBY) {
            events.add(new MemberEvent.StudyModeAssigned(id, m.mode(), "按本人情况", registered.plusDays(1)));
        }
        boolean careNeed = false;
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
            if (r.nextInt(100) < 70) {
                events.add(new MemberEvent.ContactCardUpdated(id, new ContactCard("青龙街道过渡房", "139"
                        + String.format("%08d", r.nextInt(100_000_000)), "租住", "稳定", senior ? "退休" : "务工",
                        "与家人同住", today.minusDays(10 + r.nextInt(400)))));
            }
        } else if (senior && r.nextInt(100) < 40) {
            careNeed = true;
            events.add(new MemberEvent.CareNeedsRecorded(id, Set.of(r.nextBoolean() ? CareNeed.ELDERLY
                    : CareNeed.FRAIL), registered.plusDays(40)));
        }
        if (age < 70 && r.nextInt(100) < 15) {
            events.add(new MemberEvent.VanguardActivityRecorded(id, VanguardKind.values()[r.nextInt(6)],
                    today.minusDays(20 + r.nextInt(300)), "楼道亮身份"));
        }
        if (r.nextInt(100) < 60) {
            events.add(new MemberEvent.EvaluationRecorded(id, Integer.toString(today.getYear() - 1),
                    r.nextInt(100) < 70 ? Rating.EXCELLENT : Rating.QUALIFIED, today.minusMonths(10), null));
        }
        studyDays(m, new Random(m.seed() ^ 0x2545F4914F6CDD1DL), events);
        dues(m, new Random(m.seed() ^ 0x5DEECE66DL), events);
        meetings(m, new Random(m.seed() ^ 0x9E3779B97F4A7C15L), events);
        notices(m, new Random(m.seed() ^ 0x632BE59BD9B4E019L), events);
        ratings(m, new Random(m.seed() ^ 0x1B873593L), events);
        stairwell(m, new Random(m.seed() ^ 0x85EBCA6BL), events);
        if ((careNeed || age >= 80) && r.nextInt(100) < 60) {
            events.add(visit(id, List.of(VisitKind.CARE_VISIT, VisitKind.CONDOLENCE, VisitKind.PAIRED_ASSISTANCE)
                    .get(r.nextInt(3)), today.minusDays(1 + r.nextInt(120)), null));
        }
        if (r.nextInt(100) < 35) {
            events.add(visit(id, VisitKind.TALK, today.minusDays(1 + r.nextInt(300)), "谈心谈话"));
        }
        return events;
    }

    /**
     * The study days of months {@value #STUDY_MONTHS} to 2 back: 85% attend in their mode, 5% are excused, the rest
     * are left behind; of those, half are followed up and a third make the study up at home or online.
     */
    private void studyDays(Member m, Random r, List<MemberEvent> events) {
        OrganizationId branchId = OrganizationId.of(m.branch().id());
        for (int back = STUDY_MONTHS; back >= 2; back--) {
            int roll = r.nextInt(100);
            LocalDate date = studyDate(back);
            StudyDayId studyDay = studyDayId(m.branch(), back);
            if (roll < 85) {
                events.add(new MemberEvent.MemberAttendedStudyDay(m.id(), studyDay, branchId, m.mode(), date));
            } else if (roll < 90) {
                events.add(new MemberEvent.StudyAbsenceExcused(m.id(), studyDay, branchId, "因病请假",
                        date.minusDays(1)));
            } else {
                if (r.nextInt(100) < 50) {
                    events.add(new MemberEvent.StudyFollowedUp(m.id(), studyDay, branchId, m.branch().name() + "书记",
                            FollowUpMethod.values()[r.nextInt(3)], earlier(date.plusDays(3 + r.nextInt(7))), null));
                }
                if (r.nextInt(100) < 33) {
                    events.add(new MemberEvent.StudyMadeUp(m.id(), studyDay, branchId,
                            m.age(today) >= 70 ? StudyMode.HOME_DELIVERY : StudyMode.ONLINE,
                            earlier(date.plusDays(7 + r.nextInt(14)))));
                }
            }
        }
    }

    /** The branch's standard from {@value #DUES_MONTHS} months back (retired members 2 yuan, others 10), 92% paid each month. */
    private void dues(Member m, Random r, List<MemberEvent> events) {
        boolean retired = m.age(today) >= 60;
        long standard = retired ? 200 : 1000;
        YearMonth first = YearMonth.from(today).minusMonths(DUES_MONTHS);
        events.add(new MemberEvent.DuesStandardSet(m.id(), standard, first, retired ? "离退休党员标准" : "在职党员标准",
                first.atDay(1)));
        for (YearMonth period = first; period.isBefore(YearMonth.from(today)); period = period.plusMonths(1)) {
            if (r.nextInt(100) < 92) {
                events.add(new MemberEvent.DuesPaid(m.id(), period, standard, earlier(period.plusMonths(1).atDay(5))));
            }
        }
    }

    /**
     * Attendance at the year's meetings held by the member's branch or a group they belonged to on the day: the
     * branch's committee (its first three members) nearly always, group meetings 60%, the yearly meetings 80%,
     * congresses and lectures 65% (45% for those living away in transition).
     */
    private void meetings(Member m, Random r, List<MemberEvent> events) {
        List<MeetingHeld> mine = new ArrayList<>(meetingsOf.getOrDefault(m.branch().id(), List.of()));
        MemberState state = MemberState.none();
        for (int i = 0; i < events.size(); i++) {
            state = state.apply(events.get(i), i);
        }
        for (MemberState.GroupMembership group : state.groupHistory()) {
            for (MeetingHeld meeting : meetingsOf.getOrDefault(group.groupId().value(), List.of())) {
                if (state.belongsToGroupOn(meeting.organizationId(), meeting.heldOn())) {
                    mine.add(meeting);
                }
            }
        }
        boolean committee = m.number() < 3 * branches.size();
        for (MeetingHeld meeting : mine) {
            int chance = switch (meeting.kind()) {
                case BRANCH_COMMITTEE -> committee ? 95 : 0;
                case GROUP_MEETING -> 60;
                case ORGANIZATIONAL_LIFE, DEMOCRATIC_APPRAISAL -> 80;
                default -> m.relocated() ? 45 : 65;
            };
            if (r.nextInt(100) < chance) {
                events.add(new MemberEvent.MemberAttendedMeeting(m.id(), meeting.meetingId(),
                        meeting.organizationId(), meeting.kind(), meeting.heldOn()));
            }
        }
    }

    /** Each notice of the member's community reaches them as its profile says: by WeChat, by phone or SMS while away, in person at 80. */
    private void notices(Member m, Random r, List<MemberEvent> events) {
        for (Notice notice : notices) {
            NoticeIssued issued = notice.issued();
            if (!issued.organizationId().value().equals(m.branch().communityId())) {
                continue;
            }
            int roll = r.nextInt(100);
            if (roll >= notice.deliveredPercent()) {
                continue;
            }
            NoticeChannel channel = m.age(today) >= 80 ? NoticeChannel.IN_PERSON
                    : m.relocated() ? (roll % 2 == 0 ? NoticeChannel.PHONE : NoticeChannel.SMS) : NoticeChannel.WECHAT;
            LocalDate deliveredOn = earlier(issued.issuedOn().plusDays(r.nextInt(3)));
            events.add(new MemberEvent.NoticeDelivered(m.id(), issued.noticeId(), issued.organizationId(), channel,
                    deliveredOn));
            if (roll < notice.acknowledgedPercent()) {
                events.add(new MemberEvent.NoticeAcknowledged(m.id(), issued.noticeId(),
                        earlier(deliveredOn.plusDays(r.nextInt(4)))));
            }
        }
    }

    /**
     * In the round of {@value #ROUND_COMMUNITY}: three ballots of the masses, the member themself and a fellow
     * member of their branch rate them while it is open; four in five are graded.
     */
    private void ratings(Member m, Random r, List<MemberEvent> events) {
        if (!m.branch().communityId().equals(ROUND_COMMUNITY)) {
            return;
        }
        for (int ballot = 1; ballot <= 3; ballot++) {
            events.add(new MemberEvent.MemberRated(m.id(), round.roundId(), RaterKind.MASSES,
                    "ballot-" + m.id().value() + "-" + ballot, RATINGS[r.nextInt(RATINGS.length)], ratedOn(r)));
        }
        events.add(new MemberEvent.MemberRated(m.id(), round.roundId(), RaterKind.SELF, m.id().value(),
                RATINGS[r.nextInt(2)], ratedOn(r)));
        int branch = m.number() % branches.size();
        int inBranch = (members - branch + branches.size() - 1) / branches.size();
        if (inBranch > 1) {
            int other = r.nextInt(inBranch - 1);
            int peer = branch + branches.size() * (other >= m.number() / branches.size() ? other + 1 : other);
            events.add(new MemberEvent.MemberRated(m.id(), round.roundId(), RaterKind.PEER, member(peer).id().value(),
                    RATINGS[r.nextInt(RATINGS.length)], ratedOn(r)));
        }
        if (r.nextInt(100) < 80) {
            events.add(new MemberEvent.EvaluationRecorded(m.id(), Integer.toString(round.year()),
                    RATINGS[r.nextInt(RATINGS.length)], today, round.roundId()));
        }
    }

    private LocalDate ratedOn(Random r) {
        return earlier(round.opensOn().plusDays(r.nextInt(21)));
    }

    /** 楼道亮身份 for a fifth of those living in a resettlement community, a central household for one in twenty-five under 75. */
    private void stairwell(Member m, Random r, List<MemberEvent> events) {
        if (m.branch().setting() != Setting.RESETTLEMENT_COMMUNITY) {
            return;
        }
        OrganizationId group = OrganizationId.of(m.branch().buildingGroupId());
        LocalDate since = today.minusDays(200);
        if (r.nextInt(100) < 20) {
            events.add(new MemberEvent.IdentityDisplayed(m.id(), since.plusDays(r.nextInt(60)), group));
        }
        if (m.age(today) < 75 && r.nextInt(100) < 4) {
            events.add(new MemberEvent.CentralHouseholdDesignated(m.id(), group, 8 + r.nextInt(13),
                    since.plusDays(r.nextInt(90))));
        }
    }

    /** The date, or today where it would lie in the future. */
    private LocalDate earlier(LocalDate date) {
        return date.isAfter(today) ? today : date;
    }

    static MemberEvent.MemberVisitedByHelper visit(MemberId id, VisitKind kind, LocalDate on, String notes) {
        return new MemberEvent.MemberVisitedByHelper(id, "支部书记", null, kind, on, notes);
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
