package cn.qinglong.dangjian.query.member;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.projection.KeyIndex;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.Role.Access;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Beyond this many branches a list reads most members anyway, and one query beats reading them by key (a
     * community's subtree names up to a dozen: its general branch, areas, branches and groups).
     */
    private static final int MAX_BRANCHES_BY_KEY = 16;
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

    /**
     * The members in the caller's reach whose daily-branch history names one of the branches ({@link #byKey} of the
     * view's {@link MemberDocuments#DAILY_BRANCH_INDEX}; by query beyond a few branches).
     */
    public FindIterable<Document> byDailyBranch(ViewCollections views, Collection<String> branches) {
        Bson query = in(MemberDocuments.DAILY_HISTORY + ".branchId", branches);
        return branches.size() <= MAX_BRANCHES_BY_KEY
                ? byKey(views, MemberDocuments.DAILY_BRANCH_INDEX, branches, query)
                : views.get(MemberFoldProjection.MEMBERS).find(narrow(query));
    }

    /**
     * The members of the caller's reach that {@code query} finds, read through the view's {@link KeyIndex}
     * {@code index} as holding any of {@code values}, maybe with a few that no longer do (callers check each
     * member). For a subdistrict-wide caller and up to {@link KeyIndex#MAX_KEYS_BY_ID} members: one read of the
     * index by {@code _id}, then the members by {@code _id}, which every MongoDB serves from an index (the stand-in
     * scans the whole collection for any other filter); otherwise, and for a view built before it kept that index,
     * by {@code query}, narrowed to the caller's reach.
     */
    public FindIterable<Document> byKey(ViewCollections views, String index, Collection<String> values, Bson query) {
        MongoCollection<Document> members = views.get(MemberFoldProjection.MEMBERS);
        if (subdistrictWide()) {
            Optional<Set<String>> ids = KeyIndex.lookup(views.get(KeyIndex.COLLECTION), index, values);
            if (ids.isPresent() && ids.get().size() <= KeyIndex.MAX_KEYS_BY_ID) {
                return members.find(in("_id", ids.get()));
            }
        }
        return members.find(narrow(query));
    }

    /**
     * Per value, the members that hold it in the view's {@link KeyIndex} {@code index}, maybe with a few that no
     * longer do (as {@link #byKey}), read from the index alone; empty for a scoped caller and for a view built before
     * it kept that index, who ask by query, narrowed to the caller's reach.
     */
    public Optional<Map<String, Set<String>>> holdersByKey(ViewCollections views, String index,
                                                           Collection<String> values) {
        return subdistrictWide() ? KeyIndex.lookupEach(views.get(KeyIndex.COLLECTION), index, values)
                : Optional.empty();
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
