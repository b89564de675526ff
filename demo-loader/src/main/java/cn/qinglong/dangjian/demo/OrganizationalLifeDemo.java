package cn.qinglong.dangjian.demo;

import cn.qinglong.dangjian.demo.DemoLoader.Branch;
import cn.qinglong.dangjian.demo.DemoLoader.Person;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A year of 三会一课 and a few notices, with the gaps the study describes: from January of this year to today every
 * branch holds its committee meeting monthly, its congress and party lecture quarterly, its organisational-life and
 * democratic-appraisal meetings once, and every group its monthly meeting — each missed now and then (village
 * branches, whose members live scattered, miss more, and two transition groups stop meeting for a quarter); members
 * attend as they were managed on the day. Four notices of villages and a resettlement community reach their audience
 * partly: the contact-lost are never reached, the most recent one is still going round.
 */
final class OrganizationalLifeDemo {

    /** {@link DemoLoader}'s thread pool over a list. */
    interface Parallel {
        <T> void run(List<T> items, Consumer<T> work) throws Exception;
    }

    private record Meeting(String id, String organizationId, String kind, LocalDate heldOn) {
    }

    private final Api api;
    private final LocalDate today;
    private final List<Branch> branches;
    private final List<Person> people;
    private final Random random = new Random(20_261_206L);
    private final Map<String, List<Meeting>> byOrganization = new LinkedHashMap<>();

    OrganizationalLifeDemo(Api api, LocalDate today, List<Branch> branches, List<Person> people) {
        this.api = api;
        this.today = today;
        this.branches = branches;
        this.people = people;
    }

    void load(Parallel parallel) throws Exception {
        List<Meeting> meetings = plan();
        parallel.run(meetings, m -> api.post("/meetings", "{\"meetingId\":\"" + m.id() + "\",\"organizationId\":\""
                + m.organizationId() + "\",\"kind\":\"" + m.kind() + "\",\"heldOn\":\"" + m.heldOn()
                + "\",\"topic\":\"" + topic(m) + "\"}"));
        parallel.run(people, this::attend);
        System.out.printf("三会一课: %d meetings since %s%n", meetings.size(), YearMonth.from(today).withMonth(1));
        String[][] notices = {
                {"ql-v1", "关于参加东风村主题党日活动的通知", "40", "92", "80"},
                {"ql-r3", "紫云苑党总支关于楼道亮身份活动的通知", "20", "95", "85"},
                {"ql-v2", "常青村党总支关于缴纳党费的通知", "10", "75", "55"},
                {"ql-v3", "三里村党总支关于返迁安置政策宣讲的通知", "3", "45", "20"}};
        for (String[] n : notices) {
            String id = "notice-" + n[0] + "-" + today.minusDays(Integer.parseInt(n[2]));
            api.post("/notices", "{\"noticeId\":\"" + id + "\",\"organizationId\":\"" + n[0] + "\",\"title\":\"" + n[1]
                    + "\",\"body\":\"请各位党员按时参加，不能参加的向支部书记请假。\",\"issuedOn\":\""
                    + today.minusDays(Integer.parseInt(n[2])) + "\"}");
        }
        parallel.run(people, p -> receive(p, notices));
        System.out.printf("notices: %d, partly reached%n", notices.length);
    }

    private List<Meeting> plan() {
        List<Meeting> all = new ArrayList<>();
        List<String> silentGroups = new ArrayList<>();
        for (Branch b : branches) {
            boolean village = b.kind().equals("VILLAGE");
            for (YearMonth month = YearMonth.from(today).withMonth(1); !month.isAfter(YearMonth.from(today));
                 month = month.plusMonths(1)) {
                int inQuarter = (month.getMonthValue() - 1) % 3;
                held(all, b.id(), "BRANCH_COMMITTEE", month.atDay(5), village ? 12 : 6);
                if (inQuarter == 1) {
                    held(all, b.id(), "BRANCH_CONGRESS", month.atDay(20), village ? 25 : 8);
                }
                if (inQuarter == 1) {
                    held(all, b.id(), "PARTY_LECTURE", month.atDay(28), village ? 15 : 5);
                }
                if (month.getMonthValue() == 2) {
                    held(all, b.id(), "ORGANIZATIONAL_LIFE", month.atDay(25), 15);
                }
                if (month.getMonthValue() == 3) {
                    held(all, b.id(), "DEMOCRATIC_APPRAISAL", month.atDay(28), 10);
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
                if (byOrganization.containsKey(group)) {
                    continue;
                }
                byOrganization.put(group, new ArrayList<>());
                boolean silent = group.endsWith("-tg") && silentGroups.size() < 2 && silentGroups.add(group);
                for (YearMonth month = YearMonth.from(today).withMonth(1); !month.isAfter(YearMonth.from(today));
                     month = month.plusMonths(1)) {
                    if (silent && month.getMonthValue() >= 4 && month.getMonthValue() <= 6) {
                        continue;
                    }
                    held(all, group, "GROUP_MEETING", month.atDay(12), 12);
                }
            }
        }
        return all;
    }

    /** A meeting on the date unless it lies ahead or the organisation misses it ({@code missPercent} of the time). */
    private void held(List<Meeting> all, String organization, String kind, LocalDate date, int missPercent) {
        boolean missed = random.nextInt(100) < missPercent;
        if (date.isAfter(today) || missed) {
            byOrganization.computeIfAbsent(organization, o -> new ArrayList<>());
            return;
        }
        Meeting meeting = new Meeting("mtg-" + organization + "-" + kind.toLowerCase().replace('_', '-') + "-" + date,
                organization, kind, date);
        all.add(meeting);
        byOrganization.computeIfAbsent(organization, o -> new ArrayList<>()).add(meeting);
    }

    private static String topic(Meeting m) {
        return switch (m.kind()) {
            case "BRANCH_COMMITTEE" -> YearMonth.from(m.heldOn()) + "支委会：研究本月组织生活安排";
            case "BRANCH_CONGRESS" -> YearMonth.from(m.heldOn()) + "支部党员大会";
            case "PARTY_LECTURE" -> "党课：学习党的二十大精神";
            case "ORGANIZATIONAL_LIFE" -> "年度组织生活会";
            case "DEMOCRATIC_APPRAISAL" -> "民主评议党员大会";
            default -> YearMonth.from(m.heldOn()) + "党小组会：过渡期党员座谈";
        };
    }

    /** Where the member was managed day to day on the date: the old branch until they moved in. */
    private static Branch dailyOn(Person p, LocalDate date) {
        return p.movedInOn != null && date.isBefore(p.movedInOn) ? p.branch : p.dailyBranch;
    }

    /** The groups the member belonged to on the date: area and transition group while relocated, building group once resettled. */
    private static List<String> groupsOn(Person p, LocalDate date) {
        List<String> groups = new ArrayList<>();
        if (p.relocatedOn != null && !date.isBefore(p.relocatedOn) && p.areaId != null) {
            groups.add(p.areaId);
        }
        boolean resettled = p.movedInOn != null && !date.isBefore(p.movedInOn);
        if (p.groupId != null && !date.isBefore(p.relocatedOn.plusDays(30)) && !resettled) {
            groups.add(p.groupId);
        }
        if (resettled && p.resettledTo.buildingGroupId() != null) {
            groups.add(p.resettledTo.buildingGroupId());
        }
        return groups;
    }

    /** The three longest-standing members of a branch sit on its committee. */
    private boolean onCommittee(Person p, Branch b) {
        return people.stream().filter(o -> o.branch == b && o.resettledTo == null).limit(3).anyMatch(o -> o == p);
    }

    private void attend(Person p) {
        Random r = new Random(p.seed ^ 0x9E3779B97F4A7C15L);
        List<Meeting> mine = new ArrayList<>();
        for (Branch b : List.of(p.branch, p.dailyBranch)) {
            for (Meeting m : byOrganization.getOrDefault(b.id(), List.of())) {
                if (!mine.contains(m) && dailyOn(p, m.heldOn()) == b) {
                    mine.add(m);
                }
            }
        }
        for (String group : new java.util.LinkedHashSet<>(groupsOn(p, today))) {
            byOrganization.getOrDefault(group, List.of()).stream()
                    .filter(m -> groupsOn(p, m.heldOn()).contains(group)).forEach(mine::add);
        }
        if (p.groupId != null && p.resettledTo != null) { // resettled since: their old transition group's meetings
            byOrganization.getOrDefault(p.groupId, List.of()).stream()
                    .filter(m -> groupsOn(p, m.heldOn()).contains(p.groupId)).forEach(mine::add);
        }
        for (Meeting m : mine) {
            int chance = switch (m.kind()) {
                case "BRANCH_COMMITTEE" -> onCommittee(p, dailyOn(p, m.heldOn())) ? 95 : 0;
                case "GROUP_MEETING" -> p.contactLost ? 0 : 60;
                case "ORGANIZATIONAL_LIFE", "DEMOCRATIC_APPRAISAL" -> 80;
                default -> p.transition ? 45 : 65;
            };
            if (r.nextInt(100) < chance) {
                api.post("/members/" + p.id + "/meeting-attendance", "{\"meetingId\":\"" + m.id()
                        + "\",\"attendedOn\":\"" + m.heldOn() + "\"}");
            }
        }
    }

    /** Each notice reaches its audience partly: delivered to {@code n[3]}%, acknowledged by {@code n[4]}%. */
    private void receive(Person p, String[][] notices) {
        Random r = new Random(p.seed ^ 0x632BE59BD9B4E019L);
        for (String[] n : notices) {
            LocalDate issuedOn = today.minusDays(Integer.parseInt(n[2]));
            if (!dailyOn(p, issuedOn).communityId().equals(n[0]) || p.contactLost) {
                continue;
            }
            int roll = r.nextInt(100);
            if (roll >= Integer.parseInt(n[3])) {
                continue;
            }
            String channel = p.age >= 80 ? "IN_PERSON" : p.transition ? (roll % 2 == 0 ? "PHONE" : "SMS") : "WECHAT";
            String id = "notice-" + n[0] + "-" + issuedOn;
            LocalDate deliveredOn = issuedOn.plusDays(Math.min(Integer.parseInt(n[2]), r.nextInt(3)));
            api.post("/members/" + p.id + "/notice-deliveries", "{\"noticeId\":\"" + id + "\",\"channel\":\"" + channel
                    + "\",\"deliveredOn\":\"" + deliveredOn + "\"}");
            if (roll < Integer.parseInt(n[4])) {
                api.post("/members/" + p.id + "/notice-acknowledgements", "{\"noticeId\":\"" + id
                        + "\",\"acknowledgedOn\":\"" + earlier(deliveredOn.plusDays(r.nextInt(4))) + "\"}");
            }
        }
    }

    private LocalDate earlier(LocalDate date) {
        return date.isAfter(today) ? today : date;
    }
}
