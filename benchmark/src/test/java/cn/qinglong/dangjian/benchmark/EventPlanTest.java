package cn.qinglong.dangjian.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.qinglong.dangjian.kernel.common.BusinessDates;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.EvaluationRoundOpened;
import cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.OrganizationRated;
import cn.qinglong.dangjian.kernel.evaluation.RaterKind;
import cn.qinglong.dangjian.kernel.meeting.MeetingEvent.MeetingHeld;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.CentralHouseholdDesignated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.IdentityDisplayed;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRated;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeDelivered;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyAbsenceExcused;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyFollowedUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.StudyDayScheduled;
import cn.qinglong.dangjian.kernel.studyday.StudyDayId;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    /** Everything {@link EventPlan#write} appends, in order. */
    private static List<GenericDomainEventMessage<?>> written(EventPlan plan) throws Exception {
        List<GenericDomainEventMessage<?>> all = Collections.synchronizedList(new ArrayList<>());
        assertThat(plan.write(all::addAll, 2)).isEqualTo(all.size());
        return all;
    }

    private static Map<String, List<GenericDomainEventMessage<?>>> byStream(List<GenericDomainEventMessage<?>> all) {
        Map<String, List<GenericDomainEventMessage<?>>> streams = new LinkedHashMap<>();
        all.forEach(m -> streams.computeIfAbsent(m.getAggregateIdentifier(), id -> new ArrayList<>()).add(m));
        return streams;
    }

    @Test
    @DisplayName("exactly the events asked for are written, and the mix by stream and event adds up to them")
    void total() throws Exception {
        for (long total : new long[] {4_100, 2_500, 1_500}) {
            EventPlan plan = new EventPlan(new Subdistrict(TODAY, 300), total);
            assertThat(written(plan)).hasSize((int) total);
            assertThat(plan.mix().stream().mapToLong(EventPlan.Count::events).sum()).isEqualTo(total);
        }
    }

    @Test
    @DisplayName("every stream's sequence numbers run 0, 1, 2 ... without a gap, in the order written, one type per id")
    void gaplessSequences() throws Exception {
        for (long total : new long[] {4_100, 1_500}) {
            Map<String, List<GenericDomainEventMessage<?>>> streams = byStream(written(
                    new EventPlan(new Subdistrict(TODAY, 300), total)));
            streams.forEach((id, events) -> {
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).getSequenceNumber()).as(id + " event " + i).isEqualTo(i);
                    assertThat(events.get(i).getType()).as(id).isEqualTo(events.get(0).getType());
                }
            });
            assertThat(streams.values().stream().map(e -> e.get(0).getType()).distinct())
                    .containsExactlyInAnyOrder("Organization", "StudyDay", "Meeting", "Notice", "EvaluationRound",
                            "Suggestion", "Member");
        }
    }

    @Test
    @DisplayName("meeting attendance gives first, newest kept: at a tight budget no member loses anything else")
    void attendanceGivesFirst() throws Exception {
        Subdistrict subdistrict = new Subdistrict(TODAY, 300);
        EventPlan plan = new EventPlan(subdistrict, 4_100);
        assertThat(plan.shortenedMembers()).isZero();
        for (int n = 0; n < subdistrict.members; n++) {
            List<MemberEvent> planned = subdistrict.events(subdistrict.member(n));
            List<MemberEvent> kept = plan.memberEvents(n);
            assertThat(kept).containsAll(planned.stream().filter(e -> !(e instanceof MemberAttendedMeeting)).toList());
            kept.stream().filter(e -> e instanceof MemberAttendedMeeting).forEach(e ->
                    assertThat(((MemberAttendedMeeting) e).attendedOn()).isAfterOrEqualTo(plan.attendedFrom()));
            planned.stream().filter(e -> e instanceof MemberAttendedMeeting m
                    && m.attendedOn().isAfter(plan.attendedFrom())).forEach(e -> assertThat(kept).contains(e));
        }
    }

    @Test
    @DisplayName("below the members' plans without attendance, the last members lose their last events, never their registration")
    void smallBudget() throws Exception {
        Subdistrict subdistrict = new Subdistrict(TODAY, 300);
        EventPlan plan = new EventPlan(subdistrict, 1_500);
        assertThat(plan.shortenedMembers()).isPositive();
        int shortened = 0;
        for (int n = 0; n < subdistrict.members; n++) {
            List<MemberEvent> planned = subdistrict.events(subdistrict.member(n));
            List<MemberEvent> kept = plan.memberEvents(n);
            assertThat(kept.get(0)).isInstanceOf(MemberRegistered.class);
            assertThat(kept).noneMatch(e -> e instanceof MemberAttendedMeeting);
            List<MemberEvent> withoutAttendance = planned.stream()
                    .filter(e -> !(e instanceof MemberAttendedMeeting)).toList();
            if (kept.size() < withoutAttendance.size()) {
                assertThat(withoutAttendance.subList(0, kept.size())).isEqualTo(kept);
                shortened++;
            } else {
                assertThat(shortened).as("member " + n + " kept all after a shortened one").isZero();
            }
        }
        assertThat(shortened).isEqualTo(plan.shortenedMembers());
    }

    @Test
    @DisplayName("too few events to register every member, or more than the plans hold, is refused saying why")
    void refused() {
        Subdistrict subdistrict = new Subdistrict(TODAY, 300);
        assertThatThrownBy(() -> new EventPlan(subdistrict, 1_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot register 300 members");
        assertThatThrownBy(() -> new EventPlan(subdistrict, 100_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need more than 300 members");
    }

    @Test
    @DisplayName("the same day and size give the same events")
    void deterministic() throws Exception {
        assertThat(payloads(new EventPlan(new Subdistrict(TODAY, 300), 4_100)))
                .isEqualTo(payloads(new EventPlan(new Subdistrict(TODAY, 300), 4_100)));
    }

    private static Map<String, List<Object>> payloads(EventPlan plan) throws Exception {
        Map<String, List<Object>> payloads = new HashMap<>();
        byStream(written(plan)).forEach((id, events) -> payloads.put(id,
                events.stream().map(m -> (Object) m.getPayload()).toList()));
        return payloads;
    }

    @Test
    @DisplayName("the round's facts come at the demo's shares")
    void shares() throws Exception {
        EventPlan plan = new EventPlan(new Subdistrict(TODAY, 3_000), 40_000);
        Map<String, Long> mix = new HashMap<>();
        written(plan);
        plan.mix().forEach(c -> mix.put(c.event(), c.events()));
        assertThat(mix.get("DuesStandardSet")).isEqualTo(3_000);
        assertThat((double) mix.get("DuesPaid") / mix.get("DuesStandardSet")).isBetween(0.89, 0.95);
        double leftBehind = 3 * 3_000 - mix.get("MemberAttendedStudyDay") - mix.get("StudyAbsenceExcused");
        assertThat(mix.get("MemberAttendedStudyDay") / (3.0 * 3_000)).isBetween(0.82, 0.88);
        assertThat(mix.get("StudyFollowedUp") / leftBehind).isBetween(0.42, 0.58);
        assertThat(mix.get("StudyMadeUp") / leftBehind).isBetween(0.26, 0.40);
        assertThat((double) mix.get("NoticeAcknowledged") / mix.get("NoticeDelivered")).isBetween(0.7, 0.9);
        long rated = 3_000 * 4 / 30;
        assertThat(mix.get("OrganizationRated")).isEqualTo(rated);
        assertThat(mix.get("MemberRated")).isEqualTo(5 * rated);
        assertThat(mix.get("SuggestionSubmitted")).isEqualTo(Math.round(3_000 * 36 / 1366.0));
        assertThat(mix.get("IdentityDisplayed") / (3_000 * 16 / 30.0)).isBetween(0.16, 0.24);
    }

    /**
     * Every member event is one the command side would accept, by the kernel's own rules: no date ahead of today;
     * study-day facts at the member's daily branch's study day, follow-ups and make-ups only where they did not
     * attend; a notice delivered to its audience only and acknowledged after; a meeting attended on its day, of the
     * member's branch or a group they belonged to then; ratings while the round is open, by another registered
     * member as peer; the stairwell's group under the member's own resettlement community; dues once a month.
     */
    @Test
    @DisplayName("every generated fact is one the command side would have accepted")
    void accepted() throws Exception {
        Subdistrict subdistrict = new Subdistrict(TODAY, 300);
        List<GenericDomainEventMessage<?>> all = written(new EventPlan(subdistrict, 4_100));
        Map<String, OrganizationId> parents = new HashMap<>();
        subdistrict.organizations.forEach(o -> parents.put(o.organizationId().value(), o.parentId()));
        Map<StudyDayId, StudyDayScheduled> studyDays = new HashMap<>();
        Map<String, MeetingHeld> meetings = new HashMap<>();
        Map<String, NoticeIssued> notices = new HashMap<>();
        EvaluationRoundOpened[] round = {null};
        Set<String> registered = new HashSet<>();
        all.stream().map(GenericDomainEventMessage::getPayload).forEach(p -> {
            if (p instanceof StudyDayScheduled s) {
                studyDays.put(s.studyDayId(), s);
            } else if (p instanceof MeetingHeld m) {
                meetings.put(m.meetingId().value(), m);
                assertThat(m.heldOn()).isBeforeOrEqualTo(TODAY);
            } else if (p instanceof NoticeIssued n) {
                notices.put(n.noticeId().value(), n);
                assertThat(n.issuedOn()).isBeforeOrEqualTo(TODAY);
            } else if (p instanceof EvaluationRoundOpened r) {
                round[0] = r;
            } else if (p instanceof MemberRegistered r) {
                registered.add(r.memberId().value());
            }
        });
        for (var stream : byStream(all).values()) {
            Object first = stream.get(0).getPayload();
            if (first instanceof EvaluationRoundOpened opened) {
                stream.stream().skip(1).map(m -> (OrganizationRated) m.getPayload()).forEach(r -> {
                    assertThat(opened.openOn(r.ratedOn())).isTrue();
                    assertThat(under(parents, r.organizationId(), opened.organizationId())).isTrue();
                    assertThat(registered).contains(r.raterMemberId().value());
                });
            } else if (first instanceof SuggestionSubmitted submitted) {
                assertThat(stream.size()).isBetween(1, 2);
                assertThat(submitted.memberId() == null).isNotEqualTo(submitted.residentName() == null);
                if (submitted.memberId() != null) {
                    assertThat(registered).contains(submitted.memberId().value());
                }
                stream.stream().skip(1).map(m -> (SuggestionEvent) m.getPayload()).forEach(e -> assertThat(
                        BusinessDates.first((Record) e)).isBetween(submitted.submittedOn(), TODAY));
            } else if (first instanceof MemberEvent) {
                member(stream.stream().map(m -> (MemberEvent) m.getPayload()).toList(), parents, studyDays, meetings,
                        notices, round[0], registered);
            }
        }
    }

    private static void member(List<MemberEvent> events, Map<String, OrganizationId> parents,
                               Map<StudyDayId, StudyDayScheduled> studyDays, Map<String, MeetingHeld> meetings,
                               Map<String, NoticeIssued> notices, EvaluationRoundOpened round, Set<String> registered) {
        MemberState state = MemberState.none();
        Set<StudyDayId> attended = new HashSet<>();
        Set<YearMonth> paid = new HashSet<>();
        Map<String, LocalDate> delivered = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            MemberEvent event = events.get(i);
            String what = event.memberId() + " " + event.getClass().getSimpleName();
            BusinessDates.of((Record) event).forEach(d -> assertThat(d.date()).as(what).isBeforeOrEqualTo(TODAY));
            if (event instanceof MemberAttendedStudyDay a) {
                attended.add(a.studyDayId());
                studyDay(state, studyDays.get(a.studyDayId()), a.attendedOn(), what);
                assertThat(studyDays.get(a.studyDayId()).modes()).as(what).contains(a.mode());
            } else if (event instanceof StudyAbsenceExcused x) {
                assertThat(attended).as(what).doesNotContain(x.studyDayId());
                assertThat(state.dailyBranchOn(studyDays.get(x.studyDayId()).date())).isEqualTo(x.branchId());
            } else if (event instanceof StudyFollowedUp f) {
                assertThat(attended).as(what).doesNotContain(f.studyDayId());
                studyDay(state, studyDays.get(f.studyDayId()), f.followedUpOn(), what);
            } else if (event instanceof StudyMadeUp m) {
                assertThat(attended).as(what).doesNotContain(m.studyDayId());
                studyDay(state, studyDays.get(m.studyDayId()), m.madeUpOn(), what);
            } else if (event instanceof DuesPaid p) {
                assertThat(paid.add(p.period())).as(what + " " + p.period()).isTrue();
            } else if (event instanceof NoticeDelivered d) {
                NoticeIssued notice = notices.get(d.noticeId().value());
                assertThat(notice.isFor(state.dailyHistory(), b -> under(parents, b, notice.organizationId())))
                        .as(what).isTrue();
                assertThat(d.deliveredOn()).as(what).isAfterOrEqualTo(notice.issuedOn());
                assertThat(delivered.put(d.noticeId().value(), d.deliveredOn())).as(what).isNull();
            } else if (event instanceof NoticeAcknowledged a) {
                assertThat(delivered.get(a.noticeId().value())).as(what).isNotNull()
                        .isBeforeOrEqualTo(a.acknowledgedOn());
            } else if (event instanceof MemberAttendedMeeting a) {
                MeetingHeld meeting = meetings.get(a.meetingId().value());
                assertThat(a.attendedOn()).as(what).isEqualTo(meeting.heldOn());
                assertThat(meeting.kind().heldByGroup()
                        ? state.belongsToGroupOn(meeting.organizationId(), meeting.heldOn())
                        : meeting.organizationId().equals(state.dailyBranchOn(meeting.heldOn()))).as(what).isTrue();
            } else if (event instanceof MemberRated r) {
                assertThat(round.openOn(r.ratedOn())).as(what).isTrue();
                assertThat(under(parents, state.branchId(), round.organizationId())).as(what).isTrue();
                if (r.raterKind() == RaterKind.PEER) {
                    assertThat(r.raterId()).as(what).isNotEqualTo(r.memberId().value());
                    assertThat(registered).as(what).contains(r.raterId());
                } else if (r.raterKind() == RaterKind.SELF) {
                    assertThat(r.raterId()).as(what).isEqualTo(r.memberId().value());
                }
            } else if (event instanceof EvaluationRecorded e && e.roundId() != null) {
                assertThat(e.period()).isEqualTo(Integer.toString(round.year()));
                assertThat(e.evaluatedOn()).as(what).isAfterOrEqualTo(round.opensOn());
            } else if (event instanceof IdentityDisplayed d) {
                stairwell(state, d.buildingGroupId(), parents, what);
            } else if (event instanceof CentralHouseholdDesignated c) {
                stairwell(state, c.buildingGroupId(), parents, what);
                assertThat(c.households()).isPositive();
            }
            state = state.apply(event, i);
        }
    }

    private static void studyDay(MemberState state, StudyDayScheduled studyDay, LocalDate on, String what) {
        assertThat(state.dailyBranchOn(studyDay.date())).as(what).isEqualTo(studyDay.branchId());
        assertThat(on).as(what).isAfterOrEqualTo(studyDay.date());
    }

    private static void stairwell(MemberState state, OrganizationId group, Map<String, OrganizationId> parents,
                                  String what) {
        assertThat(state.residence().status()).as(what).isEqualTo(ResidenceStatus.RESETTLED);
        assertThat(under(parents, group, state.residence().communityId())).as(what).isTrue();
    }

    private static boolean under(Map<String, OrganizationId> parents, OrganizationId id, OrganizationId ancestor) {
        for (OrganizationId at = id; at != null; at = parents.get(at.value())) {
            if (at.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }
}
