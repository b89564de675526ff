package cn.qinglong.dangjian.query.member;

import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import com.mongodb.client.model.Indexes;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The member view and the roster: each member's state as {@code MemberState} folds it, and the name's pinyin the
 * roster's search matches ({@link NamePinyin}).
 */
@Component
class MemberProjection extends MemberFoldProjection {

    static final String NAME = "member";

    /** One single-field index per roster filter. */
    MemberProjection() {
        super(NAME, Stream.of("branchId", "dailyBranchId", "residence.communityId", "groupId", "buildingGroupId",
                "residence.status", "status").map(Indexes::ascending).toList());
    }

    /** Spelled from the folded name whenever it changes, so the spellings always say what the name says. */
    @Override
    protected void extend(Document document, Document previous, MemberState before, MemberState after,
                          MemberEvent event) {
        if (previous != null && java.util.Objects.equals(before.name(), after.name())) {
            NamePinyin.carry(document, previous);
        } else {
            NamePinyin.put(document, after.name());
        }
    }
}
