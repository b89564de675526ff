package cn.qinglong.dangjian.query.care;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberVisitedByHelper;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Members' care needs, ages and visits, for the overdue-visit list. */
@Component
class CareProjection extends MemberFoldProjection {

    static final String NAME = "care";

    /** The overdue list filters active members and sorts by the latest visit. */
    CareProjection() {
        super(NAME, List.of(Indexes.ascending("status", "lastVisitOn", "_id")));
    }

    /** The kind of the latest visit, so the list can tell a condolence call from a talk. */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        String lastKind = previous == null ? null : previous.getString("lastVisitKind");
        if (event instanceof MemberVisitedByHelper e && e.visitedOn().equals(after.lastVisitOn())) {
            lastKind = e.kind().name();
        }
        if (lastKind != null) {
            document.put("lastVisitKind", lastKind);
        }
    }
}
