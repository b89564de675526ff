package cn.qinglong.dangjian.query.points;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qinglong.dangjian.kernel.meeting.MeetingId;
import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCategory;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionId;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.HouseholdsLinked;
import cn.qinglong.dangjian.kernel.member.MemberEvent.IdentityDisplayed;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VanguardKind;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.ProjectionContract;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The points view: the projection contract on the shared scenario (with a visit made as helper, an identity display
 * and a central household added), and the points rules of docs/points.md on a member year computed by hand.
 */
class PointsProjectionTest extends ProjectionContract {

    PointsProjectionTest() {
        super(new PointsProjection(), (scenario, documents) -> {
            Document model = documents.get(MemberFoldProjection.MEMBERS).get(scenario.model);
            assertThat(model.getList(PointsProjection.SCORED, Document.class)).extracting(d -> d.getString("fact"))
                    .as("the scenario's dues for last month were paid this month: no DuesPaid point")
                    .containsExactlyInAnyOrder("VanguardActivityRecorded", "HouseholdsLinked",
                            "MemberAttendedStudyDay", "IdentityDisplayed");
            assertThat(model.getList(PointsProjection.SCORED, Document.class))
                    .filteredOn(d -> "HouseholdsLinked".equals(d.getString("fact")))
                    .extracting(d -> d.getInteger("count")).containsExactly(2);
            Document credit = documents.get(PointsProjection.CREDITS).get(scenario.model + "@" + scenario.needy);
            assertThat(credit.getString("memberId")).isEqualTo(scenario.model);
            assertThat(credit.getList(PointsProjection.SCORED, Document.class)).extracting(d -> d.getString("source"))
                    .containsExactly(scenario.needy);
            assertThat(documents.get(MemberFoldProjection.MEMBERS).get(scenario.needy)
                    .getList(PointsProjection.SCORED, Document.class)).isEmpty();
        });
        scenario.log.add(
                new MemberVisitedByHelper(mid(scenario.needy), "张伟", mid(scenario.model), VisitKind.PAIRED_ASSISTANCE,
                        scenario.today.minusDays(3), "结对帮扶"),
                new IdentityDisplayed(mid(scenario.model), scenario.today.minusDays(2), id(scenario.buildingGroup)),
                new CentralHouseholdDesignated(mid(scenario.model), id(scenario.buildingGroup), 12,
                        scenario.today.minusDays(2)));
    }

    // ---- a member year computed by hand (docs/points.md) ----

    static final String BRANCH = "p-branch";
    static final String LI = "p-li";
    static final String WANG = "p-wang";
    static final LocalDate ATTENDED_DAY = LocalDate.of(2026, 3, 10);
    static final LocalDate LEFT_BEHIND_DAY = LocalDate.of(2026, 5, 10);
    static final LocalDate MADE_UP_DAY = LocalDate.of(2026, 7, 10);
    static final LocalDate DECEMBER_DAY = LocalDate.of(2026, 12, 20);

    /**
     * 李 in 2026: attends 03-10 (+2); left behind 05-10, never made up (-1 from 06-09 on); misses 07-10 and makes it
     * up 07-20 (+1, not left behind); left behind 12-20 (not 30 days past by 2027-01-05); dues of January paid in
     * January (+1), of February in March (0); a vanguard activity 04-01 (+3); three households linked 04-02 (+3);
     * visits 王 as helper 06-01 (+2, in 王's stream); identity displayed 06-15 (+2). A 2025 attendance counts for 2025.
     * Default table, the whole year: 2 - 1 + 1 + 1 + 3 + 3 + 2 + 2 = 13.
     */
    static EventLog memberYear() {
        EventLog log = new EventLog();
        LocalDate longAgo = LocalDate.of(2020, 1, 1);
        log.add(new OrganizationEstablished(id("p-committee"), "青龙街道党工委", OrganizationLevel.COMMITTEE, null, null,
                        null, longAgo),
                new OrganizationEstablished(id(BRANCH), "青竹苑第一党支部", OrganizationLevel.BRANCH, null, null,
                        id("p-committee"), longAgo));
        for (LocalDate date : List.of(LocalDate.of(2025, 12, 10), ATTENDED_DAY, LEFT_BEHIND_DAY, MADE_UP_DAY,
                DECEMBER_DAY)) {
            log.add(new StudyDayScheduled(studyDay(date), id(BRANCH), date, "主题党日", EnumSet.allOf(StudyMode.class)));
        }
        log.add(registered(LI, "李春梅"), registered(WANG, "王德福"));
        log.add(new MemberAttendedStudyDay(mid(LI), studyDay(LocalDate.of(2025, 12, 10)), id(BRANCH), StudyMode.NEARBY,
                        LocalDate.of(2025, 12, 10)),
                new MemberAttendedStudyDay(mid(LI), studyDay(ATTENDED_DAY), id(BRANCH), StudyMode.NEARBY, ATTENDED_DAY),
                new DuesPaid(mid(LI), YearMonth.of(2026, 1), 200, LocalDate.of(2026, 1, 15)),
                new DuesPaid(mid(LI), YearMonth.of(2026, 2), 200, LocalDate.of(2026, 3, 5)),
                new VanguardActivityRecorded(mid(LI), VanguardKind.MEDIATION, LocalDate.of(2026, 4, 1), "调解邻里纠纷"),
                new HouseholdsLinked(mid(LI), List.of("3-101", "3-102", "3-201"), LocalDate.of(2026, 4, 2)),
                new IdentityDisplayed(mid(LI), LocalDate.of(2026, 6, 15), null),
                new StudyMadeUp(mid(LI), studyDay(MADE_UP_DAY), id(BRANCH), StudyMode.ONLINE, LocalDate.of(2026, 7, 20)));
        log.add(new MemberVisitedByHelper(mid(WANG), "李春梅", mid(LI), VisitKind.CARE_VISIT, LocalDate.of(2026, 6, 1),
                        "身体尚好"),
                new MemberAttendedStudyDay(mid(WANG), studyDay(ATTENDED_DAY), id(BRANCH), StudyMode.NEARBY, ATTENDED_DAY),
                new MemberAttendedStudyDay(mid(WANG), studyDay(LEFT_BEHIND_DAY), id(BRANCH), StudyMode.NEARBY,
                        LEFT_BEHIND_DAY),
                new MemberAttendedStudyDay(mid(WANG), studyDay(MADE_UP_DAY), id(BRANCH), StudyMode.NEARBY, MADE_UP_DAY),
                new MemberAttendedStudyDay(mid(WANG), studyDay(DECEMBER_DAY), id(BRANCH), StudyMode.NEARBY, DECEMBER_DAY));
        return log;
    }

    static StudyDayId studyDay(LocalDate date) {
        return StudyDayId.of("p-sd-" + date);
    }

    static MemberRegistered registered(String member, String name) {
        return new MemberRegistered(mid(member), name, Gender.F, LocalDate.of(1960, 3, 1), LocalDate.of(1990, 7, 1),
                id(BRANCH), Set.of(Category.RETIRED), new Residence(ResidenceStatus.RESETTLED, null, null), null,
                LocalDate.of(2020, 1, 1));
    }

    /** 李's points for 2026 as of {@code asOf}, from the view fed with {@link #memberYear}. */
    MemberPoints li(Map<String, Map<String, Document>> view, LocalDate asOf, PointsTable table) {
        List<MemberPoints> all = MemberPoints.score(view.get(MemberFoldProjection.MEMBERS).values(),
                view.get(PointsProjection.CREDITS).values(), view.get(PointsProjection.STUDY_DAYS).values(), 2026,
                asOf, asOf, table);
        return all.stream().filter(p -> p.memberId().equals(LI)).findFirst().orElseThrow();
    }

    static int count(MemberPoints points, PointsFact fact) {
        return points.rules().stream().filter(r -> r.fact().equals(fact.fact())).findFirst().orElseThrow().count();
    }

    @Test
    @DisplayName("points rule: a member's year under the default table is the sum of the facts dated in it, as computed by hand")
    void memberYearUnderTheDefaultTable() {
        MemberPoints li = li(feed(memberYear().inOrder(), 7), LocalDate.of(2027, 1, 5), PointsTable.defaultTable());

        assertThat(li.points()).isEqualTo(13);
        assertThat(li.table()).isEqualTo("1");
        assertThat(li.name()).isEqualTo("李春梅");
        assertThat(li.branchId()).isEqualTo(BRANCH);
        assertThat(li.rules()).extracting(MemberPoints.Rule::fact, MemberPoints.Rule::count, MemberPoints.Rule::points)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("MemberAttendedStudyDay", 1, 2),
                        org.assertj.core.groups.Tuple.tuple("StudyMadeUp", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("StudyDayLeftBehind", 1, -1),
                        org.assertj.core.groups.Tuple.tuple("MemberAttendedMeeting", 0, 0),
                        org.assertj.core.groups.Tuple.tuple("DuesPaid", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("VanguardActivityRecorded", 1, 3),
                        org.assertj.core.groups.Tuple.tuple("HouseholdsLinked", 3, 3),
                        org.assertj.core.groups.Tuple.tuple("MemberVisitedByHelper", 1, 2),
                        org.assertj.core.groups.Tuple.tuple("SuggestionSubmitted", 0, 0),
                        org.assertj.core.groups.Tuple.tuple("IdentityDisplayed", 1, 2));
        assertThat(li.facts()).extracting(MemberPoints.Fact::on).containsExactly(LocalDate.of(2026, 1, 15), ATTENDED_DAY,
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 2), LEFT_BEHIND_DAY, LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 6, 15), LocalDate.of(2026, 7, 20));
        assertThat(li.facts()).filteredOn(f -> f.fact().equals("MemberVisitedByHelper"))
                .extracting(MemberPoints.Fact::source).containsExactly(WANG);
    }

    @Test
    @DisplayName("points rule: a changed table re-scores the same history from the first event after a rebuild, and the breakdown names its version")
    void changedTableRescoresAfterARebuild() {
        PointsTable changed = new PointsTable("2", Map.of("MemberAttendedStudyDay", 5, "StudyDayLeftBehind", -3,
                "IdentityDisplayed", 0));
        Map<String, Map<String, Document>> rebuilt = feed(memberYear().inOrder(), 1000);

        MemberPoints li = li(rebuilt, LocalDate.of(2027, 1, 5), changed);

        assertThat(li.points()).isEqualTo(5 - 3 + 1 + 1 + 3 + 3 + 2 + 0);
        assertThat(li.table()).isEqualTo("2");
        assertThat(li.rules()).filteredOn(r -> r.fact().equals("MemberAttendedStudyDay"))
                .extracting(MemberPoints.Rule::each).containsExactly(5);
        MemberPoints wang = MemberPoints.score(rebuilt.get(MemberFoldProjection.MEMBERS).values(),
                rebuilt.get(PointsProjection.CREDITS).values(), rebuilt.get(PointsProjection.STUDY_DAYS).values(), 2026,
                LocalDate.of(2027, 1, 5), LocalDate.of(2027, 1, 5), changed).stream()
                .filter(p -> p.memberId().equals(WANG)).findFirst().orElseThrow();
        assertThat(wang.points()).as("everyone is re-scored: 王's four attendances").isEqualTo(4 * 5);
    }

    @Test
    @DisplayName("points rule: asOf in the middle of the year counts only the facts dated by then")
    void asOfInTheMiddleOfTheYear() {
        MemberPoints li = li(feed(memberYear().inOrder(), 3), LocalDate.of(2026, 6, 10), PointsTable.defaultTable());

        assertThat(li.points()).isEqualTo(2 - 1 + 1 + 3 + 3 + 2);
        assertThat(li.asOf()).isEqualTo(LocalDate.of(2026, 6, 10));
        assertThat(count(li, PointsFact.IDENTITY_DISPLAYED)).isZero();
        assertThat(count(li, PointsFact.STUDY_MADE_UP)).isZero();
    }

    @Test
    @DisplayName("left-behind rule: -1 only once the study day is 30 days past (29 days: not yet; 30 days: counted)")
    void leftBehindCountsOnceThirtyDaysPast() {
        Map<String, Map<String, Document>> view = feed(memberYear().inOrder(), 50);

        MemberPoints day29 = li(view, LEFT_BEHIND_DAY.plusDays(29), PointsTable.defaultTable());
        MemberPoints day30 = li(view, LEFT_BEHIND_DAY.plusDays(30), PointsTable.defaultTable());

        assertThat(count(day29, PointsFact.STUDY_DAY_LEFT_BEHIND)).isZero();
        assertThat(count(day30, PointsFact.STUDY_DAY_LEFT_BEHIND)).isEqualTo(1);
        assertThat(day30.points()).isEqualTo(day29.points() - 1);
        assertThat(day30.facts()).filteredOn(f -> f.fact().equals("StudyDayLeftBehind"))
                .extracting(MemberPoints.Fact::source).containsExactly(studyDay(LEFT_BEHIND_DAY).value());
    }

    @Test
    @DisplayName("left-behind rule: a study day made up is not left behind once made up, and was before (asOf before the make-up)")
    void madeUpIsNotLeftBehind() {
        Map<String, Map<String, Document>> view = feed(memberYear().inOrder(), 50);

        MemberPoints beforeMakeUp = li(view, LocalDate.of(2026, 7, 19).plusDays(30), PointsTable.defaultTable());
        MemberPoints pastThirtyDays = li(view, MADE_UP_DAY.plusDays(30), PointsTable.defaultTable());

        assertThat(pastThirtyDays.facts()).filteredOn(f -> f.fact().equals("StudyDayLeftBehind"))
                .extracting(MemberPoints.Fact::source).doesNotContain(studyDay(MADE_UP_DAY).value());
        assertThat(count(pastThirtyDays, PointsFact.STUDY_MADE_UP)).isEqualTo(1);
        assertThat(count(beforeMakeUp, PointsFact.STUDY_DAY_LEFT_BEHIND)).isEqualTo(1);
    }

    @Test
    @DisplayName("points rule: a meeting attended (+1) and a suggestion the member submitted (+1, from the suggestion's own stream) count; a resident's suggestion scores no member")
    void meetingsAndSuggestionsScore() {
        EventLog log = memberYear();
        log.add(new MemberAttendedMeeting(mid(LI), MeetingId.of("p-mtg-1"), id(BRANCH), MeetingKind.BRANCH_CONGRESS,
                        LocalDate.of(2026, 9, 1)),
                new SuggestionSubmitted(SuggestionId.of("p-sg-1"), id(BRANCH), SuggestionCategory.GREENING, "绿地积水",
                        LocalDate.of(2026, 9, 2), mid(LI), null),
                new SuggestionSubmitted(SuggestionId.of("p-sg-2"), id(BRANCH), SuggestionCategory.PROPERTY, "电梯故障",
                        LocalDate.of(2026, 9, 3), null, "赵桂兰"));

        MemberPoints li = li(feed(log.inOrder(), 50), LocalDate.of(2027, 1, 5), PointsTable.defaultTable());

        assertThat(count(li, PointsFact.MEMBER_ATTENDED_MEETING)).isEqualTo(1);
        assertThat(count(li, PointsFact.SUGGESTION_SUBMITTED)).isEqualTo(1);
        assertThat(li.points()).isEqualTo(13 + 1 + 1);
        assertThat(li.facts()).filteredOn(f -> f.fact().equals("SuggestionSubmitted"))
                .extracting(MemberPoints.Fact::source).containsExactly("p-sg-1");
    }

    @Test
    @DisplayName("identity-displayed rule: a second display in the stream scores nothing more")
    void identityDisplayedScoresOnce() {
        EventLog log = memberYear();
        log.add(new IdentityDisplayed(mid(LI), LocalDate.of(2026, 8, 1), null));

        MemberPoints li = li(feed(log.inOrder(), 50), LocalDate.of(2027, 1, 5), PointsTable.defaultTable());

        assertThat(count(li, PointsFact.IDENTITY_DISPLAYED)).isEqualTo(1);
        assertThat(li.points()).isEqualTo(13);
    }

    @Test
    @DisplayName("the rule table: an unknown fact and a changed table under the default's version are refused")
    void tableIsChecked() {
        assertThatThrownBy(() -> new PointsTable("2", Map.of("MemberSmiled", 1)))
                .hasMessageContaining("query.points.rows.MemberSmiled: no such fact");
        assertThatThrownBy(() -> new PointsTable("1", Map.of("MemberAttendedStudyDay", 5)))
                .hasMessageContaining("a table other than the default needs its own version");
        assertThat(new PointsTable("1", Map.of("MemberAttendedStudyDay", 2)).points(PointsFact.MEMBER_ATTENDED_STUDY_DAY))
                .isEqualTo(2);
    }
}
