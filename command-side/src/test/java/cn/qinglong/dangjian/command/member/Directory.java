package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.command.organization.MemberDirectory;
import cn.qinglong.dangjian.command.organization.Occupants;
import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.OpeningEvents;
import cn.qinglong.dangjian.command.studyday.StudyDayCalendar;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationDissolved;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayCancelled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.studyday.StudyMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * The organisations and study days the member rules look up, as real event streams in Axon's in-memory event store
 * (the same store interface the service reads from PostgreSQL).
 */
final class Directory {

    static final OrganizationId COMMITTEE = OrganizationId.of("qinglong");
    static final OrganizationId VILLAGE = OrganizationId.of("changqing");
    static final OrganizationId ORIGIN_BRANCH = OrganizationId.of("changqing-1");
    static final OrganizationId COMMUNITY = OrganizationId.of("qingzhuyuan");
    static final OrganizationId RESIDENCE_BRANCH = OrganizationId.of("qingzhuyuan-1");
    static final OrganizationId TRANSITION_GROUP = OrganizationId.of("changqing-t1");
    static final OrganizationId OTHER_TRANSITION_GROUP = OrganizationId.of("changqing-t2");
    static final OrganizationId BUILDING_GROUP = OrganizationId.of("qingzhuyuan-b3");
    static final OrganizationId DISSOLVED_BRANCH = OrganizationId.of("sanli-1");
    static final OrganizationId AREA = OrganizationId.of("changqing-area-2");
    /** Another village, with its own branch, transition group and area, and another resettlement community. */
    static final OrganizationId OTHER_VILLAGE = OrganizationId.of("dongfeng");
    static final OrganizationId OTHER_VILLAGE_BRANCH = OrganizationId.of("dongfeng-1");
    static final OrganizationId OTHER_VILLAGE_GROUP = OrganizationId.of("dongfeng-t1");
    static final OrganizationId OTHER_AREA = OrganizationId.of("dongfeng-area-1");
    static final OrganizationId OTHER_COMMUNITY = OrganizationId.of("ziyunyuan");
    static final StudyDayId ORIGIN_STUDY_DAY = StudyDayId.of("sd-changqing-1-2026-11");
    static final StudyDayId RESIDENCE_STUDY_DAY = StudyDayId.of("sd-qingzhuyuan-1-2026-11");
    static final StudyDayId CANCELLED_STUDY_DAY = StudyDayId.of("sd-changqing-1-2026-10");
    /** A building group of another resettlement community, under that community's branch. */
    static final OrganizationId OTHER_COMMUNITY_BRANCH = OrganizationId.of("ziyunyuan-1");
    static final OrganizationId OTHER_BUILDING_GROUP = OrganizationId.of("ziyunyuan-b1");
    static final LocalDate STUDY_DAY_DATE = LocalDate.of(2026, 11, 10);
    /** Two study days of 2026-11-06, one per branch, for a member who moves between them on 2026-11-16. */
    static final LocalDate EARLY_DATE = LocalDate.of(2026, 11, 6);
    static final StudyDayId ORIGIN_EARLY_STUDY_DAY = StudyDayId.of("sd-changqing-1-2026-11-06");
    static final StudyDayId RESIDENCE_EARLY_STUDY_DAY = StudyDayId.of("sd-qingzhuyuan-1-2026-11-06");

    final EventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final Map<String, Long> sequences = new HashMap<>();

    Directory() {
        organization(COMMITTEE, OrganizationLevel.COMMITTEE, null, null, null);
        organization(VILLAGE, OrganizationLevel.GENERAL_BRANCH, Setting.RELOCATING_VILLAGE, null, COMMITTEE);
        organization(ORIGIN_BRANCH, OrganizationLevel.BRANCH, Setting.RELOCATING_VILLAGE, null, VILLAGE);
        organization(COMMUNITY, OrganizationLevel.GENERAL_BRANCH, Setting.RESETTLEMENT_COMMUNITY, null, COMMITTEE);
        organization(RESIDENCE_BRANCH, OrganizationLevel.BRANCH, Setting.RESETTLEMENT_COMMUNITY, null, COMMUNITY);
        organization(TRANSITION_GROUP, OrganizationLevel.GROUP, null, GroupKind.TRANSITION, ORIGIN_BRANCH);
        organization(OTHER_TRANSITION_GROUP, OrganizationLevel.GROUP, null, GroupKind.TRANSITION, ORIGIN_BRANCH);
        organization(BUILDING_GROUP, OrganizationLevel.GROUP, null, GroupKind.BUILDING, RESIDENCE_BRANCH);
        organization(DISSOLVED_BRANCH, OrganizationLevel.BRANCH, null, null, VILLAGE);
        organization(AREA, OrganizationLevel.GROUP, null, GroupKind.AREA, VILLAGE);
        organization(OTHER_VILLAGE, OrganizationLevel.GENERAL_BRANCH, Setting.RELOCATING_VILLAGE, null, COMMITTEE);
        organization(OTHER_VILLAGE_BRANCH, OrganizationLevel.BRANCH, Setting.RELOCATING_VILLAGE, null, OTHER_VILLAGE);
        organization(OTHER_VILLAGE_GROUP, OrganizationLevel.GROUP, null, GroupKind.TRANSITION, OTHER_VILLAGE_BRANCH);
        organization(OTHER_AREA, OrganizationLevel.GROUP, null, GroupKind.AREA, OTHER_VILLAGE);
        organization(OTHER_COMMUNITY, OrganizationLevel.GENERAL_BRANCH, Setting.RESETTLEMENT_COMMUNITY, null, COMMITTEE);
        append("Organization", DISSOLVED_BRANCH.value(),
                new OrganizationDissolved(DISSOLVED_BRANCH, LocalDate.of(2020, 1, 1), ORIGIN_BRANCH));
        studyDay(ORIGIN_STUDY_DAY, ORIGIN_BRANCH, STUDY_DAY_DATE);
        studyDay(RESIDENCE_STUDY_DAY, RESIDENCE_BRANCH, STUDY_DAY_DATE);
        studyDay(CANCELLED_STUDY_DAY, ORIGIN_BRANCH, STUDY_DAY_DATE.minusMonths(1));
        studyDay(ORIGIN_EARLY_STUDY_DAY, ORIGIN_BRANCH, EARLY_DATE);
        studyDay(RESIDENCE_EARLY_STUDY_DAY, RESIDENCE_BRANCH, EARLY_DATE);
        append("StudyDay", CANCELLED_STUDY_DAY.value(),
                new StudyDayCancelled(CANCELLED_STUDY_DAY, ORIGIN_BRANCH, "typhoon", STUDY_DAY_DATE.minusMonths(1)));
        organization(OTHER_COMMUNITY_BRANCH, OrganizationLevel.BRANCH, Setting.RESETTLEMENT_COMMUNITY, null,
                OTHER_COMMUNITY);
        organization(OTHER_BUILDING_GROUP, OrganizationLevel.GROUP, null, GroupKind.BUILDING, OTHER_COMMUNITY_BRANCH);
    }

    private void organization(OrganizationId id, OrganizationLevel level, Setting setting, GroupKind kind,
                              OrganizationId parent) {
        append("Organization", id.value(), new OrganizationEstablished(id, id.value(), level, setting, kind, parent,
                LocalDate.of(2005, 1, 1)));
    }

    private void studyDay(StudyDayId id, OrganizationId branch, LocalDate date) {
        append("StudyDay", id.value(), new StudyDayScheduled(id, branch, date, "学习党的二十大精神",
                Set.of(StudyMode.NEARBY, StudyMode.ONLINE)));
    }

    private void append(String type, String id, Object payload) {
        long sequence = sequences.merge(id, 0L, (old, ignored) -> old + 1);
        store.publish(new GenericDomainEventMessage<>(type, id, sequence, payload));
    }

    /** A member's fixture over this store, with every resource the member's handlers take. */
    FixtureConfiguration<Member> memberFixture(PersonalDataShredder shredder, Occupants occupants) {
        FixtureConfiguration<Member> fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(MemberRulesTest.CLOCK);
        fixture.registerInjectableResource(new OrganizationDirectory(store));
        fixture.registerInjectableResource(new StudyDayCalendar(store, 100));
        fixture.registerInjectableResource(new OpeningEvents(store, 100));
        fixture.registerInjectableResource(new MemberDirectory(store));
        fixture.registerInjectableResource(shredder);
        fixture.registerInjectableResource(occupants);
        return fixture;
    }
}
