package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.LeaderAppointed;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationDissolved;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** An organization as the views keep it, folded from its own stream. */
public final class OrganizationDocuments {

    private OrganizationDocuments() {
    }

    public static Document fold(Document current, OrganizationEvent event) {
        Document d = Bson.copy(current);
        if (event instanceof OrganizationEstablished e) {
            Bson.put(d, "name", e.name());
            Bson.put(d, "level", e.level());
            Bson.put(d, "setting", e.setting());
            Bson.put(d, "groupKind", e.groupKind());
            Bson.put(d, "parentId", e.parentId());
            Bson.put(d, "establishedOn", e.establishedOn());
        } else if (event instanceof LeaderAppointed e) {
            List<Document> leaders = new ArrayList<>(d.getList("leaders", Document.class, List.of()));
            leaders.add(new Document("memberId", e.memberId().value()).append("role", e.role().name())
                    .append("appointedOn", e.appointedOn().toString()));
            d.put("leaders", leaders);
        } else if (event instanceof OrganizationDissolved e) {
            Bson.put(d, "dissolvedOn", e.dissolvedOn());
            Bson.put(d, "successorId", e.successorId());
        }
        return d;
    }
}
