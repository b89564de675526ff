package cn.qinglong.dangjian.query.orglife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.orglife.Compliance.Period;
import cn.qinglong.dangjian.query.orglife.Compliance.Row;
import cn.qinglong.dangjian.query.orglife.Compliance.Share;
import cn.qinglong.dangjian.query.orglife.Compliance.Status;
import cn.qinglong.dangjian.query.testing.TestMongo;
import com.mongodb.client.MongoCollection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 三会一课 compliance over 2026, seen on 2026-11-27, against expectations computed by hand: branch {@code b} missed
 * the branch congress of the second quarter and held March's committee meeting late, on 2 April; {@code g2} was
 * dissolved on 2026-06-15, {@code g3} established on 2026-03-10; {@code b2} holds everything in the third quarter.
 */
class ComplianceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);
    static final LocalDate YEAR_END = LocalDate.of(2026, 12, 31);

    final OrganizationTree tree = tree(
            org("ql", "GENERAL_BRANCH", null, "2005-01-01", null),
            org("b", "BRANCH", "ql", "2005-01-01", null),
            org("b2", "BRANCH", "ql", "2005-01-01", null),
            org("g1", "GROUP", "b", "2005-01-01", null),
            org("g2", "GROUP", "b", "2005-01-01", "2026-06-15"),
            org("g3", "GROUP", "b", "2026-03-10", null));
    final List<Document> meetings = new ArrayList<>();

    ComplianceTest() {
        held("b", MeetingKind.BRANCH_CONGRESS, "2026-02-10", "2026-08-05", "2026-10-20");
        held("b", MeetingKind.BRANCH_COMMITTEE, "2026-01-08", "2026-02-08", "2026-04-02", "2026-04-15", "2026-05-08",
                "2026-06-08", "2026-07-08", "2026-08-08", "2026-09-08", "2026-10-08");
        held("b", MeetingKind.PARTY_LECTURE, "2026-03-20", "2026-06-20", "2026-09-20", "2026-11-20");
        held("b", MeetingKind.DEMOCRATIC_APPRAISAL, "2026-03-01");
        for (int month = 1; month <= 11; month++) {
            held("g1", MeetingKind.GROUP_MEETING, String.format("2026-%02d-15", month));
        }
        held("g2", MeetingKind.GROUP_MEETING, "2026-01-15", "2026-02-15", "2026-03-15", "2026-04-15", "2026-05-15");
        held("g3", MeetingKind.GROUP_MEETING, "2026-03-20", "2026-04-15", "2026-05-15", "2026-06-15", "2026-07-15",
                "2026-08-15", "2026-09-15", "2026-10-15");
        held("b2", MeetingKind.BRANCH_CONGRESS, "2026-07-01");
        held("b2", MeetingKind.BRANCH_COMMITTEE, "2026-07-02", "2026-08-02", "2026-09-02");
        held("b2", MeetingKind.PARTY_LECTURE, "2026-08-20");
        held("b2", MeetingKind.ORGANIZATIONAL_LIFE, "2026-09-10");
        held("b2", MeetingKind.DEMOCRATIC_APPRAISAL, "2026-09-11");
    }

    @Test
    @DisplayName("over the year: the missed quarter and the late month are red, the running year amber, red rows first")
    void theYear() {
        List<Row> rows = Compliance.rows(tree, List.of("b", "g1", "g2", "g3"), meetings, YEAR_START, YEAR_END, TODAY);

        assertThat(rows).extracting(Row::organizationId, Row::kind, Row::required, Row::held, Row::status)
                .containsExactly(
                        tuple("b", MeetingKind.BRANCH_CONGRESS, 4, 3, Status.RED),
                        tuple("b", MeetingKind.BRANCH_COMMITTEE, 11, 9, Status.RED),
                        tuple("b", MeetingKind.ORGANIZATIONAL_LIFE, 1, 0, Status.AMBER),
                        tuple("g3", MeetingKind.GROUP_MEETING, 8, 7, Status.AMBER),
                        tuple("b", MeetingKind.PARTY_LECTURE, 4, 4, Status.GREEN),
                        tuple("b", MeetingKind.DEMOCRATIC_APPRAISAL, 1, 1, Status.GREEN),
                        tuple("g1", MeetingKind.GROUP_MEETING, 11, 11, Status.GREEN),
                        tuple("g2", MeetingKind.GROUP_MEETING, 5, 5, Status.GREEN));
        Row congress = rows.get(0);
        assertThat(congress.periods()).extracting(Period::period, Period::status).containsExactly(
                tuple("2026-Q1", Status.GREEN), tuple("2026-Q2", Status.RED), tuple("2026-Q3", Status.GREEN),
                tuple("2026-Q4", Status.GREEN));
        Row committee = rows.get(1);
        assertThat(committee.meetings()).isEqualTo(10);
        assertThat(committee.periods()).filteredOn(p -> p.status() != Status.GREEN)
                .extracting(Period::period, Period::status)
                .containsExactly(tuple("2026-03", Status.RED), tuple("2026-11", Status.AMBER));
        assertThat(committee.periods()).filteredOn(p -> p.period().equals("2026-04"))
                .extracting(Period::meetings).containsExactly(2);
        assertThat(rows.get(3).periods()).extracting(Period::period).first().isEqualTo("2026-04");
        assertThat(rows.get(7).periods()).extracting(Period::period).last().isEqualTo("2026-05");
        assertThat(rows.get(7).branchId()).isEqualTo("b");
    }

    @Test
    @DisplayName("over a quarter: the quarter's periods only, the yearly kinds judged over their year; a dissolved group owes nothing after it went")
    void aQuarter() {
        List<Row> rows = Compliance.rows(tree, List.of("b", "g2"), meetings, LocalDate.of(2026, 4, 1),
                LocalDate.of(2026, 6, 30), TODAY);

        assertThat(rows).extracting(Row::organizationId, Row::kind, Row::required, Row::held, Row::status)
                .containsExactly(
                        tuple("b", MeetingKind.BRANCH_CONGRESS, 1, 0, Status.RED),
                        tuple("b", MeetingKind.ORGANIZATIONAL_LIFE, 1, 0, Status.AMBER),
                        tuple("b", MeetingKind.BRANCH_COMMITTEE, 3, 3, Status.GREEN),
                        tuple("b", MeetingKind.PARTY_LECTURE, 1, 1, Status.GREEN),
                        tuple("b", MeetingKind.DEMOCRATIC_APPRAISAL, 1, 1, Status.GREEN),
                        tuple("g2", MeetingKind.GROUP_MEETING, 2, 2, Status.GREEN));
    }

    @Test
    @DisplayName("the share of branches green: a branch is green when every kind it must hold is")
    void shareOfBranchesGreen() {
        List<String> all = List.of("ql", "b", "b2", "g1", "g2", "g3");
        List<Row> q3 = Compliance.rows(tree, all, meetings, LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30), TODAY);

        Share share = Compliance.share(tree, "ql", all, q3);

        assertThat(share.branches()).isEqualTo(2);
        assertThat(share.green()).isEqualTo(1);
        assertThat(share.share()).isEqualByComparingTo("0.5");
        assertThat(q3).filteredOn(r -> r.branchId().equals("b") && r.groupId() == null && r.status() != Status.GREEN)
                .extracting(Row::kind).containsExactly(MeetingKind.ORGANIZATIONAL_LIFE);
    }

    @Test
    @DisplayName("a period not begun is not required yet: next year owes nothing today")
    void futurePeriods() {
        assertThat(Compliance.rows(tree, List.of("b", "g1"), meetings, LocalDate.of(2027, 1, 1),
                LocalDate.of(2027, 12, 31), TODAY)).isEmpty();
    }

    private void held(String organization, MeetingKind kind, String... dates) {
        for (String date : dates) {
            meetings.add(new Document("_id", organization + kind + date).append("organizationId", organization)
                    .append("kind", kind.name()).append("heldOn", date));
        }
    }

    private static Document org(String id, String level, String parent, String established, String dissolved) {
        Document d = new Document("_id", id).append("name", id).append("level", level).append("parentId", parent)
                .append("establishedOn", established);
        return dissolved == null ? d : d.append("dissolvedOn", dissolved);
    }

    private static OrganizationTree tree(Document... organizations) {
        MongoCollection<Document> collection = TestMongo.database().getCollection("compliance-" + UUID.randomUUID());
        collection.insertMany(List.of(organizations));
        return OrganizationTree.read(collection);
    }
}
