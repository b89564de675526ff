package cn.qinglong.dangjian.eventstore.personal;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import java.util.List;
import java.util.Map;

/**
 * Which fields of which member events are personal data, stored encrypted with the member's key: phone numbers,
 * addresses (home, transition address, the linked households, the last known whereabouts), the contact card's six
 * clears (not the date it was verified), care needs, visit notes and the free-text reasons for a study mode or an
 * excused absence. The same fields the integration clients never see.
 *
 * <p>A path is a field ({@code phone}), a field of a nested object ({@code card.phone}), or each element of an
 * array ({@code households[]}, so that erasing the addresses keeps how many households were linked). An event type
 * not listed has no personal field.
 */
public final class PersonalFields {

    /** How an erased field reads: a text becomes null, a set of care needs becomes empty. */
    enum Erased {
        NULL, EMPTY_ARRAY
    }

    record Path(String expression, Erased erased) {

        List<String> objects() {
            List<String> parts = List.of(expression.split("\\."));
            return parts.subList(0, parts.size() - 1);
        }

        String field() {
            String last = expression.substring(expression.lastIndexOf('.') + 1);
            return eachElement() ? last.substring(0, last.length() - 2) : last;
        }

        boolean eachElement() {
            return expression.endsWith("[]");
        }
    }

    private static final Map<Class<?>, List<Path>> PATHS = Map.ofEntries(
            Map.entry(MemberEvent.MemberRegistered.class, texts("phone", "residence.address")),
            Map.entry(MemberEvent.ContactCardUpdated.class, texts("card.whereabouts", "card.phone", "card.housing",
                    "card.ideology", "card.employment", "card.family")),
            Map.entry(MemberEvent.MemberRelocated.class, texts("transitionAddress")),
            Map.entry(MemberEvent.StudyModeAssigned.class, texts("reason")),
            Map.entry(MemberEvent.StudyAbsenceExcused.class, texts("reason")),
            Map.entry(MemberEvent.CareNeedsRecorded.class, List.of(new Path("needs", Erased.EMPTY_ARRAY))),
            Map.entry(MemberEvent.MemberVisitedByHelper.class, texts("notes")),
            Map.entry(MemberEvent.ContactLost.class, texts("lastKnown")),
            Map.entry(MemberEvent.HouseholdsLinked.class, texts("households[]")));

    private PersonalFields() {
    }

    /** The personal paths of an event type; empty when it has none. */
    static List<Path> of(Class<?> eventType) {
        return PATHS.getOrDefault(eventType, List.of());
    }

    /** The personal paths of an event type as written above ({@code card.phone}, {@code households[]}). */
    public static List<String> pathsOf(Class<?> eventType) {
        return of(eventType).stream().map(Path::expression).toList();
    }

    private static List<Path> texts(String... expressions) {
        return java.util.Arrays.stream(expressions).map(e -> new Path(e, Erased.NULL)).toList();
    }
}
