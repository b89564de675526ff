package cn.qinglong.dangjian.query.member;

import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import com.mongodb.client.model.Indexes;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** The member view and the roster: each member's state as {@code MemberState} folds it. */
@Component
class MemberProjection extends MemberFoldProjection {

    static final String NAME = "member";

    /** One single-field index per roster filter. */
    MemberProjection() {
        super(NAME, Stream.of("branchId", "dailyBranchId", "residence.communityId", "groupId", "buildingGroupId",
                "residence.status", "status").map(Indexes::ascending).toList());
    }
}
