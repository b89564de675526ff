package cn.qinglong.dangjian.query.report;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The annual report at the study's size: 30 branches, 1,366 members, each with a year of dues, four study days and
 * a few visits (about 25 events a member, as the demo loader records). Prints the time the report takes
 * and the CPU it costs ({@code -Dreport.members=} changes the size).
 */
@Tag("benchmark")
class AnnualReportBenchmark extends QuerySideTest {

    @Autowired
    AnnualStatistics statistics;

    @Test
    void theAnnualReportAtFullSize() {
        int branches = 30;
        int members = Integer.getInteger("report.members", 1366);
        EventLog log = new EventLog().add(new OrganizationEstablished(id("bm-c"), "青龙街道党工委", OrganizationLevel.COMMITTEE,
                null, null, null, LocalDate.of(2005, 1, 1)));
        for (int b = 0; b < branches; b++) {
            log.add(new OrganizationEstablished(id("bm-b" + b), "第" + b + "党支部", OrganizationLevel.BRANCH, null, null,
                    id("bm-c"), LocalDate.of(2005, 1, 1)));
        }
        for (int m = 0; m < members; m++) {
            String member = "bm-m" + m;
            String branch = "bm-b" + m % branches;
            log.add(new MemberRegistered(mid(member), "党员" + m, m % 2 == 0 ? Gender.M : Gender.F,
                    LocalDate.of(1940 + m % 60, 1 + m % 12, 1), LocalDate.of(1970 + m % 30, 7, 1), id(branch),
                    Set.of(Category.RETIRED), new Residence(ResidenceStatus.ORIGINAL, null, "常青村" + m + "号"),
                    "13800000000", LocalDate.of(2020, 1, 1)));
            for (int month = 1; month <= 12; month++) {
                log.add(new DuesPaid(mid(member), YearMonth.of(2025, month), 200, LocalDate.of(2025, month, 5)));
            }
            for (int month = 9; month <= 12; month++) {
                log.add(new MemberAttendedStudyDay(mid(member), new StudyDayId("sd-" + branch + "-2025-" + month),
                        id(branch), StudyMode.NEARBY, LocalDate.of(2025, month, 10)));
            }
            for (int visit = 0; visit < 6; visit++) {
                log.add(new MemberVisitedByHelper(mid(member), "王书记", null, VisitKind.CARE_VISIT,
                        LocalDate.of(2025, 2 + visit, 15), "走访"));
            }
            if (m % 50 == 0) {
                log.add(new OrganizationalRelationTransferred(mid(member), id(branch),
                        id("bm-b" + (m + 1) % branches), LocalDate.of(2025, 6, 1)));
            }
        }
        append(log);
        long events = log.inOrder().size();

        // the computation runs on the calling thread, so its CPU time is what the report costs, however busy the machine
        var threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 3; run++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            AnnualReport report = statistics.compute("bm-c", 2025, null);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(report.organizations().get(0).endOfYear()).isEqualTo(members);
            System.out.printf("annual report over %d events (%d members), run %d: %.2f s, %.2f s of CPU%n", events,
                    members, run, seconds, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
        }
    }
}
