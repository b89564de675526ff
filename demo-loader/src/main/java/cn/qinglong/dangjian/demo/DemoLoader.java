package cn.qinglong.dangjian.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Builds the Qinglong subdistrict of the study through the command API: 13 community-level organisations
 * (3 urban communities, 5 relocating villages, 5 resettlement communities), 30 branches, 1,366 members of whom
 * exactly 688 are 60 or older; the resettlement communities' 16 branches hold 660 members, 305 of them 60+; 108
 * village members live scattered in transition, 65 of them 60+, the oldest 86. Then four months of study days in
 * all three modes with attendance, dues, care visits, talks, contact cards, evaluations and vanguard work.
 *
 * <p>Deterministic: the same seed and the same day give the same commands. {@code scale} multiplies the members
 * (and everything they do); the organisations stay the same.
 *
 * <p>Usage: {@code java -jar demo-loader.jar [baseUrl=http://localhost:8080/api] [scale=1] [threads=4]}
 */
public final class DemoLoader {

    static final String COMMITTEE = "ql";
    private static final long SEED = 20_061_127L;
    private static final int STUDY_MONTHS = 4;

    private final Api api;
    private final int scale;
    private final int threads;
    private final LocalDate today;
    private final Random random = new Random(SEED);
    private final List<Branch> branches = new ArrayList<>();
    private final List<Person> people = new ArrayList<>();

    record Branch(String id, String name, String communityId, String kind, String modes, String transitionGroupId,
                  List<String> areaIds, String buildingGroupId) {
    }

    static final class Person {
        String id;
        String name;
        String gender;
        int age;
        LocalDate birthDate;
        Branch branch;
        Branch dailyBranch;
        boolean transition;
        String areaId;
        String groupId;
        Branch resettledTo;
        /** When the member moved in; a quarter moved within the study months, so their sheets come in late. */
        LocalDate movedInOn;
        boolean transferRelation;
        String studyMode;
        long seed;
        LocalDate relocatedOn;
        boolean contactLost;
    }

    DemoLoader(String baseUrl, int scale, int threads, LocalDate today) {
        this.api = new Api(baseUrl);
        this.scale = scale;
        this.threads = threads;
        this.today = today;
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args.length > 0 ? args[0] : "http://localhost:8080/api";
        int scale = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        new DemoLoader(baseUrl, scale, threads, LocalDate.now(ZoneId.of("Asia/Shanghai"))).load();
    }

    void load() throws Exception {
        long started = System.nanoTime();
        LocalDate founded = today.minusYears(20);
        int status = api.post("/organizations", org(COMMITTEE, "青龙街道党工委", "COMMITTEE", null, null, null, founded));
        if (status == 200) {
            System.out.println("demo data already loaded (organization '" + COMMITTEE + "' exists); nothing to do");
            return;
        }
        plan();
        establishOrganizations(founded);
        System.out.printf("organisations: 1 committee, 13 communities, %d branches%n", branches.size());
        parallel(people, this::register);
        appointSecretaries();
        System.out.printf("members: %d registered (%d aged 60+)%n", people.size(),
                people.stream().filter(p -> p.age >= 60).count());
        parallel(people, this::liveTheirStory);
        scheduleStudyDays();
        parallel(people, this::takePartInStudyDays);
        evaluateAndSuggest();
        new OrganizationalLifeDemo(api, today, branches, people).load(this::parallel);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("loaded %d commands in %.1f s (%.0f commands/s); last position %d%n", api.commands(),
                seconds, api.commands() / seconds, api.lastPosition());
    }

    private void plan() {
        String[] urban = {"龙锦社区", "青龙东苑社区", "北港社区"};
        String[] villages = {"东风村", "常青村", "三里村", "亚新村", "福成北塘村"};
        String[] resettlement = {"青龙苑北区", "青龙苑南区", "紫云苑", "青竹苑", "新丰苑"};
        int[] urbanBranches = {2, 2, 2};
        int[] villageBranches = {2, 2, 2, 1, 1};
        int[] resettlementBranches = {4, 3, 3, 3, 3};
        List<Branch> urbanList = branches("u", urban, urbanBranches, "URBAN", "\"NEARBY\",\"ONLINE\"");
        List<Branch> villageList = branches("v", villages, villageBranches, "VILLAGE", "\"NEARBY\",\"HOME_DELIVERY\",\"ONLINE\"");
        List<Branch> resettlementList = branches("r", resettlement, resettlementBranches, "RESETTLEMENT",
                "\"NEARBY\",\"HOME_DELIVERY\",\"ONLINE\"");
        people("u", urbanList, 300 * scale, 150 * scale);
        List<Person> villagePeople = people("v", villageList, 406 * scale, 233 * scale);
        people("r", resettlementList, 660 * scale, 305 * scale);

        List<Person> seniors = new ArrayList<>(villagePeople.stream().filter(p -> p.age >= 60).toList());
        List<Person> younger = new ArrayList<>(villagePeople.stream().filter(p -> p.age < 60).toList());
        Collections.shuffle(seniors, random);
        Collections.shuffle(younger, random);
        List<Person> inTransition = new ArrayList<>(seniors.subList(0, 65 * scale));
        inTransition.addAll(younger.subList(0, 43 * scale));
        for (int i = 0; i < inTransition.size(); i++) {
            Person p = inTransition.get(i);
            p.transition = true;
            if (p.age >= 60) {
                setAge(p, i == 0 ? 86 : 61 + random.nextInt(19));
            }
            p.areaId = p.branch.areaIds().get(random.nextInt(p.branch.areaIds().size()));
            p.groupId = random.nextInt(100) < 80 ? p.branch.transitionGroupId() : null;
        }
        List<Person> stayed = new ArrayList<>(seniors.subList(65 * scale, seniors.size()));
        stayed.addAll(younger.subList(43 * scale, younger.size()));
        Collections.shuffle(stayed, random);
        int dual = 40 * scale;
        int transferred = 0;
        for (Person p : stayed) {
            if (dual > 0) {
                p.resettledTo = resettlementList.get(random.nextInt(resettlementList.size()));
                dual--;
            } else if (transferred < 10 * scale && p.age < 60) {
                p.resettledTo = resettlementList.get(random.nextInt(resettlementList.size()));
                p.transferRelation = true;
                transferred++;
            }
        }
        for (Person p : people) {
            p.dailyBranch = p.resettledTo != null ? p.resettledTo : p.branch;
            if (p.age >= 80) {
                p.studyMode = "HOME_DELIVERY";
            } else if (p.transition) {
                p.studyMode = p.age >= 70 ? "HOME_DELIVERY" : "ONLINE";
            }
        }
    }

    private List<Branch> branches(String prefix, String[] communities, int[] counts, String kind, String modes) {
        List<Branch> result = new ArrayList<>();
        for (int c = 0; c < communities.length; c++) {
            String communityId = COMMITTEE + "-" + prefix + (c + 1);
            List<String> areas = new ArrayList<>();
            if (kind.equals("VILLAGE")) {
                areas.add(communityId + "-area1");
                areas.add(communityId + "-area2");
            }
            for (int b = 1; b <= counts[c]; b++) {
                String id = communityId + "-b" + b;
                String name = communities[c] + "第" + "一二三四五".charAt(b - 1) + "党支部";
                Branch branch = new Branch(id, name, communityId, kind, modes,
                        kind.equals("VILLAGE") ? communityId + "-tg" : null, areas,
                        kind.equals("RESETTLEMENT") ? id + "-bg1" : null);
                result.add(branch);
                branches.add(branch);
            }
        }
        return result;
    }

    /** {@code count} members spread over the branches, exactly {@code seniors} of them 60 or older. */
    private List<Person> people(String prefix, List<Branch> over, int count, int seniors) {
        List<Boolean> senior = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            senior.add(i < seniors);
        }
        Collections.shuffle(senior, random);
        List<Person> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Person p = new Person();
            p.id = "m-" + prefix + "-" + String.format("%05d", i + 1);
            p.branch = over.get(i % over.size());
            p.gender = random.nextInt(100) < 62 ? "M" : "F";
            p.name = Names.of(random, p.gender);
            p.seed = random.nextLong();
            setAge(p, senior.get(i) ? 61 + random.nextInt(32) : 25 + random.nextInt(34));
            result.add(p);
            people.add(p);
        }
        return result;
    }

    /** Birthdays fall 1-300 days back, so the age stays exact for two months and more. */
    private void setAge(Person p, int age) {
        p.age = age;
        p.birthDate = today.minusYears(age).minusDays(1 + random.nextInt(300));
    }

    private void establishOrganizations(LocalDate founded) {
        Set<String> communities = new LinkedHashSet<>();
        String[] names = {"龙锦社区", "青龙东苑社区", "北港社区", "东风村", "常青村", "三里村", "亚新村", "福成北塘村",
                "青龙苑北区", "青龙苑南区", "紫云苑", "青竹苑", "新丰苑"};
        int n = 0;
        for (Branch b : branches) {
            if (communities.add(b.communityId())) {
                String setting = switch (b.kind()) {
                    case "URBAN" -> "URBAN_COMMUNITY";
                    case "VILLAGE" -> "RELOCATING_VILLAGE";
                    default -> "RESETTLEMENT_COMMUNITY";
                };
                String name = names[n++];
                api.post("/organizations", org(b.communityId(), name + "党总支", "GENERAL_BRANCH", setting, null,
                        COMMITTEE, founded));
                for (String area : b.areaIds()) {
                    api.post("/organizations", org(area, name + "片区" + area.charAt(area.length() - 1), "GROUP", null,
                            "AREA", b.communityId(), founded));
                }
            }
            api.post("/organizations", org(b.id(), b.name(), "BRANCH", null, null, b.communityId(), founded));
            if (b.transitionGroupId() != null && b.id().endsWith("-b1")) {
                api.post("/organizations", org(b.transitionGroupId(), b.name().replace("第一党支部", "") + "拆迁过渡期党小组",
                        "GROUP", null, "TRANSITION", b.id(), today.minusYears(8)));
            }
            if (b.buildingGroupId() != null) {
                api.post("/organizations", org(b.buildingGroupId(), b.name().replace("党支部", "") + "1号楼党小组", "GROUP",
                        null, "BUILDING", b.id(), today.minusYears(3)));
            }
        }
    }

    private static String org(String id, String name, String level, String setting, String groupKind, String parent,
                              LocalDate on) {
        return "{\"organizationId\":\"" + id + "\",\"name\":\"" + name + "\",\"level\":\"" + level + "\""
                + (setting == null ? "" : ",\"setting\":\"" + setting + "\"")
                + (groupKind == null ? "" : ",\"groupKind\":\"" + groupKind + "\"")
                + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"")
                + ",\"establishedOn\":\"" + on + "\"}";
    }

    private void register(Person p) {
        Random r = new Random(p.seed);
        String status = switch (p.branch.kind()) {
            case "URBAN" -> "URBAN";
            case "VILLAGE" -> "ORIGINAL";
            default -> "RESETTLED";
        };
        LocalDate joined = p.birthDate.plusYears(20 + r.nextInt(Math.max(1, Math.min(30, p.age - 21))));
        String category = p.age >= 60 ? "RETIRED" : switch (r.nextInt(5)) {
            case 0 -> "FARMER";
            case 1 -> "NON_PUBLIC_ENTERPRISE";
            case 2 -> "UNEMPLOYED";
            case 3 -> "FLOATING";
            default -> "EMPLOYED";
        };
        api.post("/members", "{\"memberId\":\"" + p.id + "\",\"name\":\"" + p.name + "\",\"gender\":\"" + p.gender
                + "\",\"birthDate\":\"" + p.birthDate + "\",\"joinedPartyOn\":\"" + joined + "\",\"branchId\":\""
                + p.branch.id() + "\",\"categories\":[\"" + category + "\"],\"residence\":{\"status\":\"" + status
                + "\",\"communityId\":\"" + p.branch.communityId() + "\"},\"phone\":\"139" + String.format("%08d",
                Math.floorMod(p.seed, 100_000_000L)) + "\",\"registeredOn\":\"" + today.minusYears(3) + "\"}");
    }

    private void appointSecretaries() {
        for (Branch b : branches) {
            Person first = people.stream().filter(p -> p.branch == b).findFirst().orElseThrow();
            api.post("/organizations/" + b.id() + "/leaders", "{\"memberId\":\"" + first.id
                    + "\",\"role\":\"SECRETARY\",\"appointedOn\":\"" + today.minusYears(2) + "\"}");
        }
    }

    private void liveTheirStory(Person p) {
        Random r = new Random(p.seed ^ 0x5DEECE66DL);
        String path = "/members/" + p.id;
        if (p.transition || p.resettledTo != null) {
            LocalDate relocated = today.minusDays(365 + r.nextInt(365 * (p.transition ? 7 : 3)));
            p.relocatedOn = relocated;
            api.post(path + "/relocation", "{\"transitionAddress\":\"青龙街道" + (1 + r.nextInt(200)) + "号出租屋\""
                    + (p.areaId == null ? "" : ",\"areaId\":\"" + p.areaId + "\"") + ",\"relocatedOn\":\"" + relocated + "\"}");
            if (p.groupId != null) {
                api.post(path + "/transition-group", "{\"groupId\":\"" + p.groupId + "\",\"joinedOn\":\""
                        + relocated.plusDays(30) + "\"}");
            }
            if (p.resettledTo != null) {
                p.movedInOn = r.nextInt(100) < 25 ? studyDate(2).plusDays(5 + r.nextInt(20))
                        : today.minusMonths(6).minusDays(r.nextInt(60));
                api.post(path + "/resettlement", "{\"communityId\":\"" + p.resettledTo.communityId()
                        + "\",\"residenceBranchId\":\"" + p.resettledTo.id() + "\",\"buildingGroupId\":\""
                        + p.resettledTo.buildingGroupId() + "\",\"movedInOn\":\"" + p.movedInOn
                        + "\",\"transferRelation\":" + p.transferRelation + "}");
            }
        }
        if (p.studyMode != null) {
            api.put(path + "/study-mode", "{\"mode\":\"" + p.studyMode + "\",\"reason\":\""
                    + (p.age >= 80 ? "高龄行动不便" : "外出过渡，远离原支部") + "\"}");
        }
        if (p.transition && r.nextInt(100) < 70) {
            api.put(path + "/contact-card", "{\"whereabouts\":\"青龙街道过渡房\",\"phone\":\"13900000000\","
                    + "\"housing\":\"租住\",\"ideology\":\"稳定\",\"employment\":\"" + (p.age >= 60 ? "退休" : "务工")
                    + "\",\"family\":\"与子女同住\",\"verifiedOn\":\"" + today.minusDays(10 + r.nextInt(440)) + "\"}");
        }
        if (p.transition && r.nextInt(100) < 3) {
            p.contactLost = true;
            api.post(path + "/contact-lost", "{\"since\":\"" + today.minusDays(200) + "\",\"lastKnown\":\"外地务工\"}");
        }
        List<String> needs = new ArrayList<>();
        if (r.nextInt(100) < 8) {
            needs.add(List.of("POOR", "JOB_SEEKING", "FRAIL", "DISABLED_LOW_INCOME").get(r.nextInt(4)));
        }
        if (p.age >= 80 && r.nextInt(100) < 50) {
            needs.add("ELDERLY");
            if (r.nextInt(100) < 30) {
                needs.add("EMPTY_NEST");
            }
        }
        if (!needs.isEmpty()) {
            api.put(path + "/care-needs", "{\"needs\":[\"" + String.join("\",\"", needs) + "\"]}");
        }
        if ((!needs.isEmpty() || p.age >= 80) && r.nextInt(100) < 60) {
            String kind = List.of("CARE_VISIT", "CONDOLENCE", "PAIRED_ASSISTANCE").get(r.nextInt(3));
            api.post(path + "/care-visits", "{\"helperName\":\"" + p.branch.name() + "书记\",\"kind\":\"" + kind
                    + "\",\"visitedOn\":\"" + today.minusDays(1 + r.nextInt(120)) + "\"}");
        }
        if (r.nextInt(100) < 35) {
            api.post(path + "/care-visits", "{\"helperName\":\"" + p.branch.name() + "书记\",\"kind\":\"TALK\","
                    + "\"visitedOn\":\"" + today.minusDays(1 + r.nextInt(300)) + "\",\"notes\":\"谈心谈话\"}");
        }
        YearMonth month = YearMonth.from(today);
        long standard = p.age >= 60 ? 200 : 1000;
        api.put(path + "/dues-standard", "{\"amountFen\":" + standard + ",\"fromPeriod\":\"" + month.minusMonths(6)
                + "\",\"reason\":\"" + (p.age >= 60 ? "离退休党员标准" : "在职党员标准") + "\"}");
        for (int back = 6; back >= 1; back--) {
            if (r.nextInt(100) < 92) {
                YearMonth period = month.minusMonths(back);
                LocalDate paidOn = period.plusMonths(1).atDay(5);
                api.post(path + "/dues", "{\"period\":\"" + period + "\",\"amountFen\":" + standard
                        + ",\"paidOn\":\"" + (paidOn.isAfter(today) ? today : paidOn) + "\"}");
            }
        }
        if (r.nextInt(100) < 60) {
            String rating = r.nextInt(100) < 30 ? "EXCELLENT" : r.nextInt(100) < 95 ? "QUALIFIED" : "BASICALLY_QUALIFIED";
            api.post(path + "/evaluations", "{\"period\":\"" + (today.getYear() - 1) + "\",\"rating\":\"" + rating
                    + "\",\"evaluatedOn\":\"" + LocalDate.of(today.getYear(), 1, 20) + "\"}");
        }
        if (p.age < 70 && r.nextInt(100) < 15) {
            String kind = List.of("POLICY_PROPAGANDA", "COORDINATION", "MODEL", "MEDIATION", "INFO_FEEDBACK", "VOLUNTEER")
                    .get(r.nextInt(6));
            api.post(path + "/vanguard-activities", "{\"kind\":\"" + kind + "\",\"date\":\""
                    + today.minusDays(1 + r.nextInt(180)) + "\",\"description\":\"楼道亮身份，服务群众\"}");
        }
        if (p.dailyBranch.kind().equals("RESETTLEMENT") && r.nextInt(100) < 5) {
            api.post(path + "/households", "{\"households\":[\"1-" + (101 + r.nextInt(20)) + "\",\"1-"
                    + (201 + r.nextInt(20)) + "\"],\"linkedOn\":\"" + today.minusDays(1 + r.nextInt(200)) + "\"}");
        }
        pyramidBottomAndHelpers(p, new Random(p.seed ^ 0x1B873593L));
    }

    /**
     * 楼道亮身份 for a fifth of the members living in a resettlement community (in their building's stairwell), a
     * central household for one in twenty-five, and paired assistance by the branch secretary, a member, for half of
     * those with care needs: the facts the 积分 tab scores besides attendance, dues and vanguard work.
     */
    private void pyramidBottomAndHelpers(Person p, Random r) {
        String path = "/members/" + p.id;
        Branch home = p.resettledTo != null ? p.resettledTo : "RESETTLEMENT".equals(p.branch.kind()) ? p.branch : null;
        LocalDate since = p.movedInOn != null && p.movedInOn.isAfter(today.minusDays(200)) ? p.movedInOn
                : today.minusDays(200);
        if (home != null && home.buildingGroupId() != null && r.nextInt(100) < 20) {
            api.post(path + "/identity-display", "{\"displayedOn\":\"" + earlier(since.plusDays(r.nextInt(60)))
                    + "\",\"buildingGroupId\":\"" + home.buildingGroupId() + "\"}");
        }
        if (home != null && home.buildingGroupId() != null && p.age < 75 && r.nextInt(100) < 4) {
            api.post(path + "/central-household", "{\"buildingGroupId\":\"" + home.buildingGroupId()
                    + "\",\"households\":" + (8 + r.nextInt(13)) + ",\"designatedOn\":\""
                    + earlier(since.plusDays(r.nextInt(90))) + "\"}");
        }
        Person secretary = people.stream().filter(q -> q.branch == p.dailyBranch).findFirst().orElse(null);
        if (secretary != null && secretary != p && (p.age >= 80 || r.nextInt(100) < 8) && r.nextInt(100) < 50) {
            api.post(path + "/care-visits", "{\"helperName\":\"" + secretary.name + "\",\"helperMemberId\":\""
                    + secretary.id + "\",\"kind\":\"PAIRED_ASSISTANCE\",\"visitedOn\":\""
                    + today.minusDays(1 + r.nextInt(150)) + "\",\"notes\":\"结对帮扶\"}");
        }
    }

    /** The date, or today where it would lie in the future. */
    private LocalDate earlier(LocalDate date) {
        return date.isAfter(today) ? today : date;
    }

    private LocalDate studyDate(int back) {
        return YearMonth.from(today).minusMonths(back).atDay(15);
    }

    private void scheduleStudyDays() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (Branch b : branches) {
            for (int back = STUDY_MONTHS; back >= 1; back--) {
                LocalDate date = studyDate(back);
                bodies.add("{\"studyDayId\":\"" + studyDayId(b, date) + "\",\"branchId\":\"" + b.id() + "\",\"date\":\""
                        + date + "\",\"topic\":\"" + YearMonth.from(date) + "主题党日\",\"modes\":[" + b.modes() + "]}");
            }
        }
        parallel(bodies, body -> api.post("/study-days", body));
        System.out.printf("study days: %d (four months, every branch)%n", bodies.size());
    }

    private static String studyDayId(Branch b, LocalDate date) {
        return "sd-" + b.id() + "-" + YearMonth.from(date);
    }

    /**
     * 85% attend in their mode (in person where the branch offers no other), 5% are excused, the rest are left
     * behind; of those, half are followed up and a third make the study up at home or online. The sheets are typed
     * in after the members' moves, so those who moved since a study day are recorded at their old branch's.
     */
    private void takePartInStudyDays(Person p) {
        Random r = new Random(p.seed ^ 0x2545F4914F6CDD1DL);
        for (int back = STUDY_MONTHS; back >= 1; back--) {
            LocalDate date = studyDate(back);
            Branch branch = p.movedInOn != null && date.isBefore(p.movedInOn) ? p.branch : p.dailyBranch;
            String studyDay = studyDayId(branch, date);
            int roll = r.nextInt(100);
            if (roll >= 90) {
                if (r.nextInt(100) < 50) {
                    String method = List.of("VISIT", "PHONE", "WECHAT").get(r.nextInt(3));
                    api.post("/members/" + p.id + "/follow-ups", "{\"studyDayId\":\"" + studyDay + "\",\"helperName\":\""
                            + branch.name() + "书记\",\"method\":\"" + method + "\",\"followedUpOn\":\""
                            + earlier(date.plusDays(3 + r.nextInt(7))) + "\"}");
                }
                if (r.nextInt(100) < 33) {
                    String mode = p.age >= 70 ? "HOME_DELIVERY" : "ONLINE";
                    api.post("/members/" + p.id + "/make-up-studies", "{\"studyDayId\":\"" + studyDay
                            + "\",\"mode\":\"" + mode + "\",\"madeUpOn\":\"" + earlier(date.plusDays(7 + r.nextInt(14)))
                            + "\"}");
                }
                continue;
            }
            if (roll < 85) {
                String mode = p.studyMode == null || !branch.modes().contains(p.studyMode) ? "NEARBY" : p.studyMode;
                api.post("/members/" + p.id + "/attendance", "{\"studyDayId\":\"" + studyDay + "\",\"mode\":\"" + mode
                        + "\",\"attendedOn\":\"" + date + "\"}");
            } else if (roll < 90) {
                api.post("/members/" + p.id + "/excused-absence", "{\"studyDayId\":\"" + studyDay
                        + "\",\"reason\":\"因病请假\",\"excusedOn\":\"" + date.minusDays(1) + "\"}");
            }
        }
    }

    private <T> void parallel(List<T> items, Consumer<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> work.accept(item)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- 民主评议 and 建言献策: one evaluation round and a few dozen suggestions ----

    private static final String[][] SUGGESTIONS = {
            {"ENVIRONMENT", "小区东门垃圾分类点异味大，建议增加清运次数", "楼道堆放杂物较多，建议集中清理", "建议增设非机动车充电棚"},
            {"GREENING", "北侧绿地常年积水，建议疏通排水", "部分绿地被占用种菜，建议恢复绿化", "建议补种行道树"},
            {"PROPERTY", "电梯经常故障，建议督促物业维修", "物业费公示不清，建议按季度公开", "地下车库照明不足"},
            {"SECURITY", "南门监控有盲区，建议加装摄像头", "夜间外来车辆随意进出，建议加强门岗", "建议组织党员志愿巡逻"},
            {"CULTURE", "建议在活动室开设老年书法班", "希望节假日组织邻里文艺活动", "建议设立社区读书角"},
            {"PARTY_BUILDING", "建议在楼道公示党员中心户", "希望主题党日增加线上直播", "建议评选优秀楼栋党小组"},
            {"OTHER", "建议增设便民维修点", "希望增加公交班次", "建议开设老年食堂"},
    };
    private static final String[] RATINGS = {"EXCELLENT", "EXCELLENT", "QUALIFIED", "QUALIFIED", "QUALIFIED", "BASICALLY_QUALIFIED"};
    private static final String[] SATISFACTIONS = {"SATISFIED", "SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"};

    /**
     * One round of 民主评议 for the first resettlement community, open from twenty days ago for another ten: its own
     * members (those living there from the start) rated by three ballots of the masses, a fellow member of their
     * branch and themselves, rating their branch, and most of them graded; and three dozen suggestions to the
     * resettlement communities and villages, most answered or taken to the council.
     */
    private void evaluateAndSuggest() throws Exception {
        Random r = new Random(SEED + 19);
        String community = COMMITTEE + "-r1";
        String round = "er-" + community + "-" + today.getYear();
        LocalDate opens = today.minusDays(20);
        api.post("/evaluation-rounds", "{\"roundId\":\"" + round + "\",\"organizationId\":\"" + community
                + "\",\"year\":" + today.getYear() + ",\"opensOn\":\"" + opens + "\",\"closesOn\":\""
                + today.plusDays(10) + "\"}");
        List<Person> rated = people.stream()
                .filter(p -> p.branch.communityId().equals(community) && p.resettledTo == null).toList();
        List<String> bodies = new ArrayList<>();
        for (Person p : rated) {
            List<Person> peers = rated.stream().filter(o -> o.branch == p.branch && o != p).toList();
            long seed = r.nextLong();
            String peer = peers.isEmpty() ? null : peers.get(r.nextInt(peers.size())).id;
            bodies.add(p.id + "|" + seed + "|" + peer);
        }
        parallel(bodies, body -> {
            String[] parts = body.split("\\|");
            Person p = rated.stream().filter(o -> o.id.equals(parts[0])).findFirst().orElseThrow();
            Random own = new Random(Long.parseLong(parts[1]));
            String path = "/members/" + p.id;
            for (int ballot = 1; ballot <= 3; ballot++) {
                rate(path, round, "MASSES", "ballot-" + p.id + "-" + ballot, RATINGS[own.nextInt(RATINGS.length)],
                        opens.plusDays(own.nextInt(21)));
            }
            rate(path, round, "SELF", null, RATINGS[own.nextInt(2)], opens.plusDays(own.nextInt(21)));
            if (!"null".equals(parts[2])) {
                rate(path, round, "PEER", parts[2], RATINGS[own.nextInt(RATINGS.length)], opens.plusDays(own.nextInt(21)));
            }
            String organization = own.nextInt(100) < 70 ? p.branch.id() : community;
            api.post("/organizations/" + organization + "/ratings", "{\"roundId\":\"" + round + "\",\"raterMemberId\":\""
                    + p.id + "\",\"satisfaction\":\"" + SATISFACTIONS[own.nextInt(SATISFACTIONS.length)]
                    + "\",\"ratedOn\":\"" + opens.plusDays(own.nextInt(21)) + "\"}");
            if (own.nextInt(100) < 80) {
                api.post(path + "/evaluations", "{\"roundId\":\"" + round + "\",\"period\":\"" + today.getYear()
                        + "\",\"rating\":\"" + RATINGS[own.nextInt(RATINGS.length)] + "\",\"evaluatedOn\":\"" + today + "\"}");
            }
        });
        List<String> communities = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            communities.add(COMMITTEE + "-r" + c);
            communities.add(COMMITTEE + "-v" + c);
        }
        int suggestions = 36;
        for (int n = 1; n <= suggestions; n++) {
            String organization = communities.get(r.nextInt(communities.size()));
            String[] category = SUGGESTIONS[r.nextInt(SUGGESTIONS.length)];
            LocalDate submitted = today.minusDays(1 + r.nextInt(90));
            List<Person> locals = people.stream().filter(p -> p.branch.communityId().equals(organization)).toList();
            String submitter = r.nextInt(100) < 40 && !locals.isEmpty()
                    ? "\"memberId\":\"" + locals.get(r.nextInt(locals.size())).id + "\""
                    : "\"residentName\":\"" + Names.of(r, r.nextBoolean() ? "M" : "F") + "\"";
            String id = "sg-" + organization + "-" + n;
            api.post("/suggestions", "{\"suggestionId\":\"" + id + "\",\"organizationId\":\"" + organization
                    + "\",\"category\":\"" + category[0] + "\",\"text\":\"" + category[1 + r.nextInt(3)]
                    + "\",\"submittedOn\":\"" + submitted + "\"," + submitter + "}");
            int settle = r.nextInt(100);
            if (settle < 15) {
                LocalDate council = min(submitted.plusDays(5 + r.nextInt(35)), today);
                api.post("/suggestions/" + id + "/deliberation", "{\"councilOn\":\"" + council
                        + "\",\"decision\":\"党群议事会议定：由社区牵头、物业落实，一个月内办结\"}");
            } else if (settle < 65) {
                LocalDate answered = min(submitted.plusDays(1 + r.nextInt(25)), today);
                api.post("/suggestions/" + id + "/answer", "{\"answer\":\"已转物业和相关部门办理，并向建言人反馈\","
                        + "\"answeredOn\":\"" + answered + "\"}");
            }
        }
        System.out.printf("democratic evaluation: round %s, %d members rated; %d suggestions%n", round, rated.size(),
                suggestions);
    }

    private void rate(String path, String round, String kind, String raterId, String rating, LocalDate on) {
        api.post(path + "/ratings", "{\"roundId\":\"" + round + "\",\"raterKind\":\"" + kind + "\",\"rating\":\""
                + rating + "\",\"ratedOn\":\"" + min(on, today) + "\"" + (raterId == null ? "" : ",\"raterId\":\""
                + raterId + "\"") + "}");
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
