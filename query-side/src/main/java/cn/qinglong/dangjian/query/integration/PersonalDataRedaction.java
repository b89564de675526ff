package cn.qinglong.dangjian.query.integration;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What integration clients may see of an event. Until the security issue brings entitlements, nothing that
 * locates or describes a person's private life leaves the service: phone numbers, addresses (home, transition
 * address, the linked households' flats, the last known whereabouts), the contact card's six clears except the
 * date it was verified, care needs, visit notes, and the free-text reasons for a study mode or an excused absence
 * (they are usually about health).
 *
 * <p>Every event type has an explicit entry, including those with nothing to remove, so a new event type cannot
 * slip through unreviewed: {@link #redact} refuses a type it has no rule for.
 */
public final class PersonalDataRedaction {

    private static final Map<Class<?>, List<String>> REMOVED = Map.ofEntries(
            Map.entry(MemberEvent.MemberRegistered.class, List.of("phone", "residence.address")),
            Map.entry(MemberEvent.ContactCardUpdated.class, List.of("card.whereabouts", "card.phone", "card.housing",
                    "card.ideology", "card.employment", "card.family")),
            Map.entry(MemberEvent.MemberRelocated.class, List.of("transitionAddress")),
            Map.entry(MemberEvent.MemberJoinedTransitionGroup.class, List.of()),
            Map.entry(MemberEvent.MemberLeftTransitionGroup.class, List.of()),
            Map.entry(MemberEvent.StudyModeAssigned.class, List.of("reason")),
            Map.entry(MemberEvent.MemberAttendedStudyDay.class, List.of()),
            Map.entry(MemberEvent.StudyAbsenceExcused.class, List.of("reason")),
            Map.entry(MemberEvent.MemberTransferredToResettlementCommunity.class, List.of()),
            Map.entry(MemberEvent.DualManagementEstablished.class, List.of()),
            Map.entry(MemberEvent.DualManagementEnded.class, List.of()),
            Map.entry(MemberEvent.OrganizationalRelationTransferred.class, List.of()),
            Map.entry(MemberEvent.CareNeedsRecorded.class, List.of("needs")),
            Map.entry(MemberEvent.MemberVisitedByHelper.class, List.of("notes")),
            Map.entry(MemberEvent.DuesPaid.class, List.of()),
            Map.entry(MemberEvent.ContactLost.class, List.of("lastKnown")),
            Map.entry(MemberEvent.ContactRestored.class, List.of()),
            Map.entry(MemberEvent.HouseholdsLinked.class, List.of("households")),
            Map.entry(MemberEvent.VanguardActivityRecorded.class, List.of()),
            Map.entry(MemberEvent.EvaluationRecorded.class, List.of()),
            Map.entry(MemberEvent.MembershipEnded.class, List.of()),
            Map.entry(MemberEvent.MemberPersonalDataErased.class, List.of()),
            Map.entry(OrganizationEvent.OrganizationEstablished.class, List.of()),
            Map.entry(OrganizationEvent.LeaderAppointed.class, List.of()),
            Map.entry(OrganizationEvent.OrganizationDissolved.class, List.of()),
            Map.entry(StudyDayEvent.StudyDayScheduled.class, List.of()),
            Map.entry(StudyDayEvent.StudyDayRescheduled.class, List.of()),
            Map.entry(StudyDayEvent.StudyDayCancelled.class, List.of()));

    private final JsonMapper json;

    public PersonalDataRedaction(JsonMapper json) {
        this.json = json;
    }

    /** The paths ({@code field} or {@code field.nested}) removed from this type's payload. */
    public static List<String> removedFrom(Class<?> eventType) {
        List<String> removed = REMOVED.get(eventType);
        if (removed == null) {
            throw new IllegalArgumentException("No redaction rule for " + eventType.getName()
                    + ": review which of its fields are personal before publishing it");
        }
        return removed;
    }

    /** The event as JSON, without the personal fields of its type. */
    public ObjectNode redact(Object event) {
        List<String> removed = removedFrom(event.getClass());
        ObjectNode node = json.valueToTree(event);
        for (String path : removed) {
            remove(node, path);
        }
        return node;
    }

    private static void remove(ObjectNode node, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            node.remove(path);
            return;
        }
        JsonNode child = node.get(path.substring(0, dot));
        if (child instanceof ObjectNode object) {
            remove(object, path.substring(dot + 1));
        }
    }
}
