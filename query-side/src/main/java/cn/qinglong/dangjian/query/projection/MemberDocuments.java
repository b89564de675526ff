package cn.qinglong.dangjian.query.projection;

import cn.qinglong.dangjian.kernel.member.MemberState;
import org.bson.Document;

/**
 * {@link MemberState} as a document and back. Views keep the whole state of each member they follow and fold the
 * next event with {@link MemberState#apply}, so there is exactly one interpretation of a member's events.
 */
public final class MemberDocuments {

    private MemberDocuments() {
    }

    /** Every component of the state (see {@link Bson}), and the daily-management branch the views query by. */
    public static Document document(MemberState s) {
        Document d = Bson.document(s);
        Bson.put(d, "dailyBranchId", s.dailyBranchId());
        return d;
    }

    public static MemberState state(Document d) {
        return Bson.record(d, MemberState.class);
    }
}
