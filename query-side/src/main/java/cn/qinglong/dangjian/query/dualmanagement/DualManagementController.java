package cn.qinglong.dangjian.query.dualmanagement;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import com.mongodb.client.model.Sorts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
record DualManagementController(Generations runtime, ViewAnswers answers, MemberReach reach) {

    record Item(String memberId, String name, String originBranchId, String residenceBranchId, String communityId,
                String buildingGroupId, LocalDate since) {
    }

    record Answer(List<Item> items, int page, int size, long total, Map<String, Integer> byCommunity,
                  Map<String, Integer> byOriginBranch) {
    }

    /** A branch secretary or group leader lists, counts and summarises only the members in their reach. */
    @GetMapping("/api/dual-management")
    @ReadsView(DualManagementProjection.NAME)
    Answer dualManagement(@RequestParam(required = false) String communityId,
                          @RequestParam(required = false) String originBranchId,
                          @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        String community = QueryParams.id("communityId", communityId);
        String origin = QueryParams.id("originBranchId", originBranchId);
        QueryParams.Paging paging = QueryParams.paging(page, size);
        return answers.answer(DualManagementProjection.NAME, () -> dualManagement(community, origin, paging),
                "dual-management", community, origin, paging);
    }

    private Answer dualManagement(String community, String origin, QueryParams.Paging paging) {
        List<Bson> filters = new ArrayList<>(List.of(eq("dualManaged", true), eq("status", MembershipStatus.ACTIVE.name())));
        if (community != null) {
            filters.add(eq("residence.communityId", community));
        }
        if (origin != null) {
            filters.add(eq("branchId", origin));
        }
        List<Item> items = new ArrayList<>();
        int[] total = {0};
        Map<String, Integer> byCommunity = new TreeMap<>();
        Map<String, Integer> byOrigin = new TreeMap<>();
        runtime.views(DualManagementProjection.NAME).get(MemberFoldProjection.MEMBERS).find(reach.narrow(and(filters)))
                .sort(Sorts.ascending("_id")).forEach(d -> {
                    Document residence = d.get("residence", new Document());
                    String since = d.getString("dualSince");
                    Item item = new Item(d.getString("_id"), d.getString("name"), d.getString("branchId"),
                            d.getString("residenceBranchId"), residence.getString("communityId"),
                            d.getString("buildingGroupId"), since == null ? null : LocalDate.parse(since));
                    if (total[0] >= paging.skip() && items.size() < paging.size()) {
                        items.add(item);
                    }
                    total[0]++;
                    byCommunity.merge(String.valueOf(item.communityId()), 1, Integer::sum);
                    byOrigin.merge(item.originBranchId(), 1, Integer::sum);
                });
        return new Answer(List.copyOf(items), paging.page(), paging.size(), total[0], byCommunity, byOrigin);
    }
}
