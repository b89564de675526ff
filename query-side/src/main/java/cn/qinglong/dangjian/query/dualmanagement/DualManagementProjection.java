package cn.qinglong.dangjian.query.dualmanagement;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberEvent.DualManagementEstablished;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Who is managed where: origin branch (relation, decisions) and residence branch (daily education), since when. */
@Component
class DualManagementProjection extends MemberFoldProjection {

    static final String NAME = "dualmanagement";

    DualManagementProjection() {
        super(NAME, List.of(Indexes.ascending("dualManaged", "residence.communityId"),
                Indexes.ascending("dualManaged", "branchId")));
    }

    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        if (event instanceof DualManagementEstablished e) {
            document.put("dualSince", e.establishedOn().toString());
        } else if (after.dualManaged() && previous != null && previous.getString("dualSince") != null) {
            document.put("dualSince", previous.getString("dualSince"));
        }
    }
}
