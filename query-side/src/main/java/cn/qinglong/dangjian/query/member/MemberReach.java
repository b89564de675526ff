package cn.qinglong.dangjian.query.member;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.Role.Access;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Which members the current caller may read: everyone for the committee and auditors; for a branch secretary or
 * group leader, the members whose relation branch, daily branch or group (transition, building, area) is in the
 * token's {@code org_scope}. Out of reach reads as unknown (404), so a scope does not reveal other branches' ids.
 */
@Component
public class MemberReach {

    private static final List<String> FIELDS = List.of("branchId", "dailyBranchId", "groupId", "buildingGroupId", "areaId");

    private final Generations runtime;

    MemberReach(Generations runtime) {
        this.runtime = runtime;
    }

    /** The roster filter that keeps a scoped caller to their members; null when the caller reaches everyone. */
    Bson filter() {
        Caller caller = Caller.current();
        if (caller.subdistrictWide()) {
            return null;
        }
        List<String> scope = List.copyOf(caller.scope(Access.READ));
        return or(FIELDS.stream().map(field -> in(field, scope)).toList());
    }

    /** {@code filter} narrowed to the caller's members (unchanged for the committee and auditors). */
    public Bson narrow(Bson filter) {
        Bson reach = filter();
        return reach == null ? filter : and(filter, reach);
    }

    /** Whether the caller reads everyone (committee, auditors) rather than a scope. */
    public boolean subdistrictWide() {
        return Caller.current().subdistrictWide();
    }

    /**
     * Whether an organisation's own records (a branch's study days) are the caller's: everyone's for the
     * committee and auditors, for a scoped caller only the organisations their {@code org_scope} names.
     */
    public boolean reachesOrganization(String organizationId) {
        Caller caller = Caller.current();
        return caller.subdistrictWide() || caller.scope(Access.READ).contains(organizationId);
    }

    boolean reaches(Document member) {
        return Caller.current().reaches(FIELDS.stream().map(member::getString).filter(Objects::nonNull).toList());
    }

    /** Whether the caller may read this member's history; an unprojected member is out of a scoped caller's reach. */
    public boolean reaches(String memberId) {
        Caller caller = Caller.current();
        if (caller.subdistrictWide()) {
            return true;
        }
        Document member = runtime.views(MemberProjection.NAME).get(MemberFoldProjection.MEMBERS)
                .find(eq("_id", memberId)).first();
        return member != null && reaches(member);
    }

}
