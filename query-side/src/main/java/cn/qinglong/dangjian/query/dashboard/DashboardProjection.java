package cn.qinglong.dangjian.query.dashboard;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
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
 * plus the dates of the latest talk (TALK visit) and the latest democratic evaluation.
 */
@Component
class DashboardProjection extends MemberOrganizationStudyDayProjection {

    static final String NAME = "dashboard";

    DashboardProjection() {
        super(NAME);
    }

    /** Active members by daily-management branch and by relation branch (dues); study days by branch and date. */
    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending("dailyBranchId", "status"));
        views.get(MEMBERS).createIndex(Indexes.ascending("branchId", "status"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("branchId", "date"));
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
