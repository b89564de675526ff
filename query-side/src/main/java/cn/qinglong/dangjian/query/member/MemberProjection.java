package cn.qinglong.dangjian.query.member;

import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import com.mongodb.client.model.Indexes;
import org.springframework.stereotype.Component;

/** The member view and the roster: each member's state as {@code MemberState} folds it. */
@Component
class MemberProjection extends MemberFoldProjection {

    static final String NAME = "member";

    MemberProjection() {
        super(NAME);
    }

    @Override
    public void createIndexes(ViewCollections views) {
        var members = views.get(MEMBERS);
        for (String field : new String[] {"branchId", "dailyBranchId", "residence.communityId", "groupId",
                "buildingGroupId", "residence.status", "status"}) {
            members.createIndex(Indexes.ascending(field));
        }
    }
}
