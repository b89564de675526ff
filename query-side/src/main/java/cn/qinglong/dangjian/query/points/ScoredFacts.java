package cn.qinglong.dangjian.query.points;

import cn.qinglong.dangjian.kernel.member.MemberEvent.DuesPaid;
import cn.qinglong.dangjian.kernel.member.MemberEvent.HouseholdsLinked;
import cn.qinglong.dangjian.kernel.member.MemberEvent.IdentityDisplayed;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedStudyDay;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberEvent.StudyMadeUp;
import cn.qinglong.dangjian.kernel.member.MemberEvent.VanguardActivityRecorded;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;

/**
 * Which recorded fact scores whom: per event type, one mapping to the scored member, the fact's business date, a
 * count and a source (what the fact was about, for the breakdown). An event scores at most one member; a type not
 * listed scores nothing. Being left behind is not recorded: {@link MemberPoints} derives it from the study days.
 */
final class ScoredFacts {

    /** One scored fact; {@code member} may differ from the stream the event is in (a helper's visit). */
    record Scored(PointsFact fact, MemberId member, LocalDate on, int count, String source) {

        Document document() {
            return new Document("fact", fact.fact()).append("on", on.toString()).append("count", count)
                    .append("source", source);
        }
    }

    private static final Map<Class<?>, Function<Object, Scored>> RULES = new HashMap<>();

    static {
        rule(MemberAttendedStudyDay.class, e -> new Scored(PointsFact.MEMBER_ATTENDED_STUDY_DAY, e.memberId(),
                e.attendedOn(), 1, e.studyDayId().value()));
        rule(StudyMadeUp.class, e -> new Scored(PointsFact.STUDY_MADE_UP, e.memberId(), e.madeUpOn(), 1,
                e.studyDayId().value()));
        rule(DuesPaid.class, e -> YearMonth.from(e.paidOn()).equals(e.period())
                ? new Scored(PointsFact.DUES_PAID, e.memberId(), e.paidOn(), 1, e.period().toString()) : null);
        rule(VanguardActivityRecorded.class, e -> new Scored(PointsFact.VANGUARD_ACTIVITY_RECORDED, e.memberId(),
                e.date(), 1, e.kind().label()));
        rule(HouseholdsLinked.class, e -> new Scored(PointsFact.HOUSEHOLDS_LINKED, e.memberId(), e.linkedOn(),
                e.households().size(), null));
        rule(MemberVisitedByHelper.class, e -> e.helperMemberId() == null ? null
                : new Scored(PointsFact.MEMBER_VISITED_BY_HELPER, e.helperMemberId(), e.visitedOn(), 1,
                e.memberId().value()));
        rule(IdentityDisplayed.class, e -> new Scored(PointsFact.IDENTITY_DISPLAYED, e.memberId(), e.displayedOn(),
                1, e.buildingGroupId() == null ? null : e.buildingGroupId().value()));
        rule(MemberAttendedMeeting.class, e -> new Scored(PointsFact.MEMBER_ATTENDED_MEETING, e.memberId(),
                e.attendedOn(), 1, e.meetingId().value()));
        rule(SuggestionSubmitted.class, e -> e.memberId() == null ? null
                : new Scored(PointsFact.SUGGESTION_SUBMITTED, e.memberId(), e.submittedOn(), 1, e.suggestionId().value()));
    }

    private ScoredFacts() {
    }

    private static <E> void rule(Class<E> type, Function<E, Scored> scoring) {
        RULES.put(type, event -> scoring.apply(type.cast(event)));
    }

    /** What the event scores, if anything. */
    static Optional<Scored> of(Object payload) {
        Function<Object, Scored> scoring = RULES.get(payload.getClass());
        return scoring == null ? Optional.empty() : Optional.ofNullable(scoring.apply(payload));
    }
}
