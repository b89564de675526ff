package cn.qinglong.dangjian.query.attendance;

import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.security.problem.NotFound;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import com.mongodb.client.model.Sorts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A branch's study days, newest first: how the dashboard finds the study day whose left-behind list to show. */
@RestController
class StudyDayListController {

    private final Generations runtime;
    private final MemberReach reach;

    StudyDayListController(Generations runtime, MemberReach reach) {
        this.runtime = runtime;
        this.reach = reach;
    }

    record Item(String studyDayId, String branchId, LocalDate date, String topic, List<String> modes,
                boolean cancelled) {
    }

    record Answer(String branchId, List<Item> items) {
    }

    /** For a branch secretary or group leader, a branch their scope does not name is unknown (404). */
    @GetMapping("/api/study-days")
    @ReadsView(AttendanceProjection.NAME)
    Answer studyDays(@RequestParam(required = false) String branchId) {
        String branch = QueryParams.id("branchId", branchId);
        if (branch == null) {
            throw new InvalidInput("branchId", "is required");
        }
        if (!reach.reachesOrganization(branch)) {
            throw new NotFound("organization", branch);
        }
        List<Item> items = new ArrayList<>();
        runtime.views(AttendanceProjection.NAME).get(AttendanceProjection.STUDY_DAYS)
                .find(and(eq("branchId", branch), ne("date", null))).sort(Sorts.descending("date", "_id"))
                .forEach(d -> items.add(new Item(d.getString("_id"), d.getString("branchId"),
                        LocalDate.parse(d.getString("date")), d.getString("topic"),
                        d.getList("modes", String.class, List.of()), Boolean.TRUE.equals(d.getBoolean("cancelled")))));
        return new Answer(branch, items);
    }
}
