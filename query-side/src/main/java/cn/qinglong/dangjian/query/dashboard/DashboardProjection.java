package cn.qinglong.dangjian.query.dashboard;

import cn.qinglong.dangjian.kernel.meeting.MeetingEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberAttendedMeeting;
import cn.qinglong.dangjian.kernel.member.MemberEvent.NoticeAcknowledged;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MeetingDocuments;
import cn.qinglong.dangjian.query.projection.NoticeDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.query.projection.MemberOrganizationStudyDayProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.time.LocalDate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What the eight-difficulties indicators are computed from: organizations, study days, and per member the state
 * plus the dates of the latest talk (TALK visit), the latest democratic evaluation and the latest group meeting
 * attended, and the notices acknowledged; the meetings of 三会一课 and the notices.
 */
@Component
class DashboardProjection extends MemberOrganizationStudyDayProjection {

    static final String NAME = "dashboard";

    /** 三会一课 meetings and notices, each folded from its own stream. */
    static final String MEETINGS = "meetings";
    static final String NOTICES = "notices";
    static final String LAST_GROUP_MEETING_ON = "lastGroupMeetingOn";
    static final String ACKNOWLEDGED_NOTICES = "acknowledgedNotices";
    /**
     * {@link KeyIndex}: a member's relation branch, kept by generations built before the {@link DuesIndex} entries
     * replaced it; dues find an organisation's members in such a generation by it.
     */
    static final String RELATION_BRANCH_INDEX = "relationBranch";
    /** The key indexes this view keeps. */
    private static final Set<String> INDEXES = Set.of(DuesIndex.PAYER, DuesIndex.PAID, DuesIndex.OWED);

    DashboardProjection() {
        super(NAME, MEETINGS, NOTICES, KeyIndex.COLLECTION);
    }

    @Override
    protected Map<String, Set<String>> keys(String collection, Document document) {
        return MEMBERS.equals(collection) ? DuesIndex.keys(document) : Map.of();
    }

    @Override
    protected Target otherTarget(Envelope event) {
        if (event.payload() instanceof MeetingEvent e) {
            return new Target(MEETINGS, e.meetingId().value());
        }
        if (event.payload() instanceof NoticeEvent e) {
            return new Target(NOTICES, e.noticeId().value());
        }
        return super.otherTarget(event);
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        if (event.payload() instanceof MeetingEvent e) {
            return MeetingDocuments.fold(current, e);
        }
        if (event.payload() instanceof NoticeEvent e) {
            return NoticeDocuments.fold(current, e);
        }
        return super.foldOther(collection, current, event);
    }

    /** Active members by daily-management branch and by relation branch (dues); study days by branch and date. */
    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending("dailyBranchId", "status"));
        views.get(MEMBERS).createIndex(Indexes.ascending("branchId", "status"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("branchId", "date"));
        views.get(MEETINGS).createIndex(Indexes.ascending("heldOn"));
        views.get(NOTICES).createIndex(Indexes.ascending("issuedOn"));
        KeyIndex.markCompleteIfEmpty(INDEXES, views.get(MEMBERS), views.get(KeyIndex.COLLECTION));
    }

    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        carryLatest(document, previous, "lastTalkOn",
                event instanceof MemberVisitedByHelper e && e.kind() == VisitKind.TALK ? e.visitedOn() : null);
        carryLatest(document, previous, "lastEvaluatedOn",
                event instanceof EvaluationRecorded e ? e.evaluatedOn() : null);
        carryLatest(document, previous, LAST_GROUP_MEETING_ON,
                event instanceof MemberAttendedMeeting e && e.kind().heldByGroup() ? e.attendedOn() : null);
        List<String> acknowledged = new ArrayList<>(previous == null ? List.of()
                : previous.getList(ACKNOWLEDGED_NOTICES, String.class, List.of()));
        if (event instanceof NoticeAcknowledged e && !acknowledged.contains(e.noticeId().value())) {
            acknowledged.add(e.noticeId().value());
        }
        document.put(ACKNOWLEDGED_NOTICES, acknowledged);
    }

    private static void carryLatest(Document document, Document previous, String field, LocalDate candidate) {
        String current = previous == null ? null : previous.getString(field);
        if (candidate != null && (current == null || candidate.toString().compareTo(current) > 0)) {
            current = candidate.toString();
        }
        if (current != null) {
            document.put(field, current);
        }
    }
}
