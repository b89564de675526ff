package cn.qinglong.dangjian.query.report;

import static cn.qinglong.dangjian.query.testing.Scenario.id;
import static cn.qinglong.dangjian.query.testing.Scenario.mid;
import static org.assertj.core.api.Assertions.assertThat;

import cn.qinglong.dangjian.eventstore.chain.ChainRememberingJdbcEventStorageEngine;
import cn.qinglong.dangjian.eventstore.personal.PersonalData;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.Gender;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberPersonalDataErased;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberTransferredToResettlementCommunity;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MembershipEnded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.OrganizationalRelationTransferred;
import cn.qinglong.dangjian.kernel.member.MembershipEndReason;
import cn.qinglong.dangjian.kernel.member.Residence;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationDissolved;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.query.testing.EventLog;
import cn.qinglong.dangjian.query.testing.QuerySideTest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The report read from the counted event types alone is the report folded from every stored event, and a kept
 * report is never served once a newer event is stored.
 */
class AnnualReportReadTest extends QuerySideTest {

    @Autowired
    ChainRememberingJdbcEventStorageEngine engine;

    @Autowired
    AnnualStatistics statistics;

    @Autowired
    PersonalData personalData;

    @Test
    void theReportReadFromTheCountedTypesIsTheReportFoldedFromEveryStoredEventForTheDemoAndAGeneratedHistory() {
        var demo = scenario("arr-demo" + UUID.randomUUID().toString().substring(0, 6));
        append(demo.log);
        History history = new History("arr-gen" + UUID.randomUUID().toString().substring(0, 6), 7);
        eventStore.publish(EventLog.messages(history.log.interleaved(11)));
        // every counted type occurs in the history, so a type missing from the read changes some figure below
        assertThat(history.types).containsAll(AnnualStatistics.COUNTED);
        long head = eventStore.createHeadToken().position().orElseThrow();

        for (int year = 2021; year <= 2026; year++) {
            AnnualStatistics.Year everyEvent = folded(year, head);
            for (String organization : new String[] {null, history.committee, demo.committee}) {
                assertThat(statistics.compute(organization, year, null)).as(organization + " " + year)
                        .isEqualTo(everyEvent.report(organization));
            }
        }
    }

    @Test
    void aReportPinnedToAPositionHoldsTheEventsAtOrBelowItAndNoneAbove() {
        History history = new History("arr-pin" + UUID.randomUUID().toString().substring(0, 6), 13);
        long before = append(history.log);
        // a registration back-dated into 2025, stored after the pinned position
        long after = append(new EventLog().add(history.register("late", history.branches.get(0),
                LocalDate.of(2025, 6, 1))));

        AnnualReport pinned = statistics.compute(history.committee, 2025, before);
        assertThat(pinned).isEqualTo(folded(2025, before).report(history.committee));
        assertThat(pinned.position()).isEqualTo(before);
        AnnualReport next = statistics.compute(history.committee, 2025, after);
        assertThat(next).isEqualTo(folded(2025, after).report(history.committee));
        assertThat(next.organizations().get(0).registered()).isEqualTo(pinned.organizations().get(0).registered() + 1);
        assertThat(statistics.compute(history.committee, 2025, after + 1000).position()).isEqualTo(after);
    }

    @Test
    void aKeptReportIsServedUntilANewEventIsStoredAndTheNextRequestIncludesIt() {
        History history = new History("arr-kept" + UUID.randomUUID().toString().substring(0, 6), 17);
        long first = append(history.log);
        // a minute and more on, no gap below any stored event can fill any more: every year is kept
        AnnualStatistics settled = new AnnualStatistics(engine, personalData,
                Clock.offset(Clock.systemUTC(), ChainRememberingJdbcEventStorageEngine.GAP_TIMEOUT.plusSeconds(5)));
        AnnualStatistics.Year kept = settled.year(2025, null);
        assertThat(settled.year(2025, null)).isSameAs(kept);
        int registered = kept.report(history.committee).organizations().get(0).registered();

        long second = append(new EventLog().add(history.register("new", history.branches.get(1),
                LocalDate.of(2025, 3, 1))));

        AnnualReport latest = settled.compute(history.committee, 2025, null);
        assertThat(latest.position()).isEqualTo(second);
        assertThat(latest.organizations().get(0).registered()).isEqualTo(registered + 1);
        assertThat(settled.year(2025, first)).isSameAs(kept);
    }

    @Test
    void aYearWhoseNewestEventIsRecentIsComputedAfreshEveryTime() {
        append(new History("arr-fresh" + UUID.randomUUID().toString().substring(0, 6), 19).log);
        assertThat(statistics.year(2025, null)).isNotSameAs(statistics.year(2025, null));
    }

    /** The year folded from every stored event at or below {@code position}, read through Axon's own tracking read. */
    private AnnualStatistics.Year folded(int year, long position) {
        AnnualStatistics.Year figures = new AnnualStatistics.Year(year);
        long last = -1;
        try (Stream<? extends TrackedEventMessage<?>> all = engine.readEvents(null, false)) {
            for (var events = all.iterator(); events.hasNext(); ) {
                TrackedEventMessage<?> event = events.next();
                long index = event.trackingToken().position().orElseThrow();
                if (index <= position) {
                    figures.add(event);
                    last = index;
                }
            }
        }
        return figures.finish(last);
    }

    /**
     * A committee with three branches (one dissolved in 2023) and a hundred members over 2019-2026: registrations,
     * relocations, resettlements, transfers, ends and erasures, among dues and visits that the report does not count.
     */
    private static final class History {

        final String prefix;
        final String committee;
        final List<String> branches = new ArrayList<>();
        final EventLog log = new EventLog();
        final Set<Class<?>> types = new HashSet<>();
        private final Random random;

        History(String prefix, long seed) {
            this.prefix = prefix;
            this.committee = prefix + "-c";
            this.random = new Random(seed);
            add(new OrganizationEstablished(id(committee), "青龙街道党工委" + prefix, OrganizationLevel.COMMITTEE, null,
                    null, null, LocalDate.of(2005, 1, 1)));
            for (int b = 0; b < 3; b++) {
                branches.add(prefix + "-b" + b);
                add(new OrganizationEstablished(id(branches.get(b)), "第" + (b + 1) + "党支部", OrganizationLevel.BRANCH,
                        null, null, id(committee), LocalDate.of(2005, 1, 1)));
            }
            String dissolved = prefix + "-old";
            add(new OrganizationEstablished(id(dissolved), "原东风村党支部", OrganizationLevel.BRANCH, null, null,
                    id(committee), LocalDate.of(2005, 1, 1)),
                    new OrganizationDissolved(id(dissolved), LocalDate.of(2023, 6, 30), id(branches.get(0))));
            for (int m = 0; m < 100; m++) {
                member("m" + m);
            }
        }

        private void member(String name) {
            String branch = branches.get(random.nextInt(branches.size()));
            LocalDate on = day(2019);
            add(register(name, branch, on));
            for (int i = random.nextInt(4); i > 0; i--) {
                on = on.plusDays(1 + random.nextInt(400));
                switch (random.nextInt(6)) {
                    case 0 -> add(new MemberRelocated(mid(prefix + name), "过渡安置点" + i, null, on));
                    case 1 -> add(new MemberTransferredToResettlementCommunity(mid(prefix + name), null, null, null,
                            on, false));
                    case 2 -> {
                        String to = branches.get((branches.indexOf(branch) + 1) % branches.size());
                        add(new OrganizationalRelationTransferred(mid(prefix + name), id(branch), id(to), on));
                        branch = to;
                    }
                    case 3 -> add(new DuesPaid(mid(prefix + name), YearMonth.from(on), 200, on));
                    case 4 -> add(new MemberVisitedByHelper(mid(prefix + name), "王书记", null, VisitKind.CARE_VISIT, on,
                            "走访"));
                    default -> {
                        add(new MembershipEnded(mid(prefix + name),
                                MembershipEndReason.values()[random.nextInt(MembershipEndReason.values().length)], on));
                        if (random.nextBoolean()) {
                            add(new MemberPersonalDataErased(mid(prefix + name), on.plusDays(30)));
                        }
                        return;
                    }
                }
            }
        }

        MemberRegistered register(String name, String branch, LocalDate on) {
            return new MemberRegistered(mid(prefix + name), "党员" + name, random.nextBoolean() ? Gender.M : Gender.F,
                    LocalDate.of(1930 + random.nextInt(70), 1 + random.nextInt(12), 1), LocalDate.of(2000, 7, 1),
                    id(branch), Set.of(Category.values()[random.nextInt(Category.values().length)]),
                    new Residence(ResidenceStatus.values()[random.nextInt(ResidenceStatus.values().length)], null,
                            "常青村" + name + "号"), "13800000000", on);
        }

        private LocalDate day(int fromYear) {
            return LocalDate.of(fromYear, 1, 1).plusDays(random.nextInt(6 * 365));
        }

        private void add(Object... events) {
            for (Object event : events) {
                types.add(event.getClass());
            }
            log.add(events);
        }
    }
}
