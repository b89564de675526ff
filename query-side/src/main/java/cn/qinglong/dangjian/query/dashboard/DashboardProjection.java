package cn.qinglong.dangjian.query.dashboard;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.EvaluationRecorded;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.VisitKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.studyday.StudyDayEvent;
import cn.qinglong.dangjian.query.projection.Envelope;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.OrganizationDocuments;
import cn.qinglong.dangjian.query.projection.StudyDayDocuments;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.time.LocalDate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * What the eight-difficulties indicators are computed from: organizations, study days, and per member the state
 * plus the dates of the latest talk (TALK visit) and the latest democratic evaluation.
 */
@Component
class DashboardProjection extends MemberFoldProjection {

    static final String NAME = "dashboard";
    static final String ORGANIZATIONS = "organizations";
    static final String STUDY_DAYS = "study_days";

    DashboardProjection() {
        super(NAME, ORGANIZATIONS, STUDY_DAYS);
    }

    /** Active members by daily-management branch and by relation branch (dues); study days by branch and date. */
    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending("dailyBranchId", "status"));
        views.get(MEMBERS).createIndex(Indexes.ascending("branchId", "status"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("branchId", "date"));
    }

    @Override
    protected Target otherTarget(Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return new Target(ORGANIZATIONS, e.organizationId().value());
        }
        return event.payload() instanceof StudyDayEvent e ? new Target(STUDY_DAYS, e.studyDayId().value()) : null;
    }

    @Override
    protected Document foldOther(String collection, Document current, Envelope event) {
        if (event.payload() instanceof OrganizationEvent e) {
            return OrganizationDocuments.fold(current, e);
        }
        return StudyDayDocuments.fold(current, (StudyDayEvent) event.payload());
    }

    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        carryLatest(document, previous, "lastTalkOn",
                event instanceof MemberVisitedByHelper e && e.kind() == VisitKind.TALK ? e.visitedOn() : null);
        carryLatest(document, previous, "lastEvaluatedOn",
                event instanceof EvaluationRecorded e ? e.evaluatedOn() : null);
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
