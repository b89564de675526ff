package cn.qinglong.dangjian.query.transition;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
record TransitionController(Generations runtime, Today today, ViewAnswers answers, MemberReach reach) {

    /** {@code ?groupId=none} asks for the members in no transition group. */
    static final String NO_GROUP = "none";

    record Item(String memberId, String name, Integer age, String branchId, String areaId, String groupId,
                String transitionAddress, LocalDate relocatedOn, Long daysWaiting) {
    }

    record Summary(long total, long inNoGroup, long aged60Plus, Integer oldestAge, Map<String, Integer> byArea,
                   Map<String, Integer> byGroup) {
    }

    record Answer(List<Item> items, int page, int size, long total, Summary summary) {
    }

    /**
     * Longest waiting first. Areas and groups missing from a member count under "none". A branch secretary or group
     * leader lists and summarises only the members in their reach.
     */
    @GetMapping("/api/transition")
    @ReadsView(TransitionProjection.NAME)
    Answer transition(@RequestParam(required = false) String areaId, @RequestParam(required = false) String groupId,
                      @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        String area = QueryParams.id("areaId", areaId);
        String group = NO_GROUP.equals(groupId) ? NO_GROUP : QueryParams.id("groupId", groupId);
        QueryParams.Paging paging = QueryParams.paging(page, size);
        LocalDate date = today.date();
        return answers.answer(TransitionProjection.NAME, () -> transition(area, group, paging, date), "transition",
                area, group, paging, date);
    }

    private Answer transition(String area, String group, QueryParams.Paging paging, LocalDate date) {
        List<Bson> filters = new ArrayList<>(List.of(eq("residence.status", ResidenceStatus.TRANSITION.name()),
                eq("status", MembershipStatus.ACTIVE.name())));
        if (area != null) {
            filters.add(eq("areaId", area));
        }
        // Only the requested page's worth of items is held: the longest-waiting skip + size in a bounded heap.
        Comparator<Item> order = Comparator.comparing((Item i) -> i.daysWaiting() == null ? -1 : i.daysWaiting())
                .reversed().thenComparing(Item::memberId);
        int keep = paging.skip() + paging.size();
        PriorityQueue<Item> first = new PriorityQueue<>(order.reversed());
        Map<String, Integer> byArea = new TreeMap<>();
        Map<String, Integer> byGroup = new TreeMap<>();
        long[] counts = new long[3];
        Integer[] oldest = {null};
        runtime.views(TransitionProjection.NAME).get(MemberFoldProjection.MEMBERS).find(reach.narrow(and(filters))).forEach(d -> {
            String memberGroup = d.getString("groupId");
            if (group != null && !(NO_GROUP.equals(group) ? memberGroup == null : group.equals(memberGroup))) {
                return;
            }
            String birth = d.getString("birthDate");
            String relocated = d.getString("relocatedOn");
            LocalDate relocatedOn = relocated == null ? null : LocalDate.parse(relocated);
            Document residence = d.get("residence", new Document());
            Item item = new Item(d.getString("_id"), d.getString("name"),
                    birth == null ? null : Period.between(LocalDate.parse(birth), date).getYears(),
                    d.getString("branchId"), d.getString("areaId"), memberGroup, residence.getString("address"),
                    relocatedOn, relocatedOn == null ? null : ChronoUnit.DAYS.between(relocatedOn, date));
            counts[0]++;
            counts[1] += item.groupId() == null ? 1 : 0;
            counts[2] += item.age() != null && item.age() >= 60 ? 1 : 0;
            if (item.age() != null && (oldest[0] == null || item.age() > oldest[0])) {
                oldest[0] = item.age();
            }
            byArea.merge(item.areaId() == null ? NO_GROUP : item.areaId(), 1, Integer::sum);
            byGroup.merge(item.groupId() == null ? NO_GROUP : item.groupId(), 1, Integer::sum);
            first.add(item);
            if (first.size() > keep) {
                first.poll();
            }
        });
        List<Item> sorted = new ArrayList<>(first);
        sorted.sort(order);
        Summary summary = new Summary(counts[0], counts[1], counts[2], oldest[0], byArea, byGroup);
        return new Answer(sorted.stream().skip(paging.skip()).limit(paging.size()).toList(), paging.page(),
                paging.size(), counts[0], summary);
    }
}
