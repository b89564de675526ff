package cn.qinglong.dangjian.query.orglife;

import cn.qinglong.dangjian.kernel.meeting.MeetingEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeDelivered;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MeetingDocuments;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.NoticeDocuments;
import cn.qinglong.dangjian.query.projection.OrganizationDocuments;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * 组织生活 and 通知: the organisations, the meetings and the notices, each folded from its own stream, and per member
 * the state (its dated daily branches decide a notice's audience) plus the meetings attended and the notices
 * delivered and acknowledged. Compliance and reach span streams, so they are computed when read.
 */
@Component
class OrganizationalLifeProjection extends MemberFoldProjection {

    static final String NAME = "organizational-life";
    static final String ORGANIZATIONS = "organizations";
    static final String MEETINGS = "meetings";
    static final String NOTICES = "notices";
    /** Per member: {@code [{meetingId, organizationId, kind, on}]}. */
    static final String ATTENDED = "meetingsAttended";
    /** Per member: {@code [{noticeId, channel, deliveredOn, acknowledgedOn?}]}. */
    static final String DELIVERIES = "noticeDeliveries";
    /** {@link KeyIndex}: the meetings a member attended, so a meeting finds who came. */
    static final String MEETING_INDEX = "meeting";
    /** The key indexes this view keeps. */
    private static final Set<String> INDEXES = Set.of(MEETING_INDEX, MemberDocuments.DAILY_BRANCH_INDEX);

    OrganizationalLifeProjection() {
        super(NAME, ORGANIZATIONS, MEETINGS, NOTICES, KeyIndex.COLLECTION);
    }

    @Override
    protected Map<String, Set<String>> keys(String collection, Document document) {
        if (!MEMBERS.equals(collection)) {
            return Map.of();
        }
        Set<String> meetings = new TreeSet<>();
        list(document, ATTENDED).forEach(attended -> meetings.add(attended.getString("meetingId")));
        Map<String, Set<String>> keys = new HashMap<>(MemberDocuments.dailyBranchKeys(document));
        keys.put(MEETING_INDEX, meetings);
        return keys;
    }

    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending(MemberDocuments.DAILY_HISTORY + ".branchId"));
        views.get(MEMBERS).createIndex(Indexes.ascending(ATTENDED + ".meetingId"));
        views.get(MEETINGS).createIndex(Indexes.ascending("organizationId", "heldOn"));
        views.get(NOTICES).createIndex(Indexes.ascending("organizationId", "issuedOn"));
        KeyIndex.markCompleteIfEmpty(INDEXES, views.get(MEMBERS), views.get(KeyIndex.COLLECTION));
    }

    @Override
    protected Target otherTarget(Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return new Target(ORGANIZATIONS, e.organizationId().value());
        }
        if (event.payload() instanceof MeetingEvent e) {
            return new Target(MEETINGS, e.meetingId().value());
        }
        return event.payload() instanceof NoticeEvent e ? new Target(NOTICES, e.noticeId().value()) : null;
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return OrganizationDocuments.fold(current, e);
        }
        if (event.payload() instanceof MeetingEvent e) {
            return MeetingDocuments.fold(current, e);
        }
        return NoticeDocuments.fold(current, (NoticeEvent) event.payload());
    }

    /** Carries the member's meetings and notices forward and adds the event's; the first record of each counts. */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        List<Document> attended = new ArrayList<>(list(previous, ATTENDED));
        if (event instanceof MemberAttendedMeeting e && find(attended, "meetingId", e.meetingId().value()) == null) {
            attended.add(new Document("meetingId", e.meetingId().value())
                    .append("organizationId", e.organizationId().value()).append("kind", e.kind().name())
                    .append("on", e.attendedOn().toString()));
        }
        document.put(ATTENDED, attended);
        List<Document> deliveries = new ArrayList<>(list(previous, DELIVERIES));
        if (event instanceof NoticeDelivered e && find(deliveries, "noticeId", e.noticeId().value()) == null) {
            deliveries.add(new Document("noticeId", e.noticeId().value()).append("channel", e.channel().name())
                    .append("deliveredOn", e.deliveredOn().toString()));
        } else if (event instanceof NoticeAcknowledged e) {
            Document delivery = find(deliveries, "noticeId", e.noticeId().value());
            if (delivery != null && delivery.get("acknowledgedOn") == null) {
                deliveries.set(deliveries.indexOf(delivery),
                        new Document(delivery).append("acknowledgedOn", e.acknowledgedOn().toString()));
            }
        }
        document.put(DELIVERIES, deliveries);
    }

    static Document find(List<Document> entries, String field, String value) {
        return entries.stream().filter(entry -> value.equals(entry.getString(field))).findFirst().orElse(null);
    }

    static List<Document> list(Document document, String field) {
        return document == null ? List.of() : document.getList(field, Document.class, List.of());
    }
}
