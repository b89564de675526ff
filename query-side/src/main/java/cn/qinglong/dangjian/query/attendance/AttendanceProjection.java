package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberOrganizationStudyDayProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Study days, the organisations (for a window over an organisation and what is below it), and per member the dated
 * history of their daily-management branch (kept by the kernel's {@link MemberState}, so "expected on that date"
 * is the command side's rule), their attendances, excused absences, follow-ups and make-up studies.
 */
@Component
class AttendanceProjection extends MemberOrganizationStudyDayProjection {

    static final String NAME = "attendance";
    static final String DAILY_HISTORY = MemberDocuments.DAILY_HISTORY;
    static final String ATTENDED = "attended";
    static final String EXCUSED = "excused";
    static final String MADE_UP = "madeUp";
    /** The key indexes this view keeps. */
    private static final Set<String> INDEXES = Set.of(MemberDocuments.DAILY_BRANCH_INDEX);
    static final String FOLLOWED_UP = "followedUp";

    AttendanceProjection() {
        super(NAME, KeyIndex.COLLECTION);
    }

    @Override
    protected Map<String, Set<String>> keys(String collection, Document document) {
        return MEMBERS.equals(collection) ? MemberDocuments.dailyBranchKeys(document) : Map.of();
    }

    @Override
    public void createIndexes(ViewCollections views) {
        views.get(MEMBERS).createIndex(Indexes.ascending(DAILY_HISTORY + ".branchId"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("branchId", "date"));
        views.get(STUDY_DAYS).createIndex(Indexes.ascending("date"));
        KeyIndex.markCompleteIfEmpty(INDEXES, views.get(MEMBERS), views.get(KeyIndex.COLLECTION));
    }

    /** The member's study-day facts, carried forward by the one rule {@link AttendanceFigures} reads them with. */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        AttendanceFigures.carry(document, previous, event);
    }
}
