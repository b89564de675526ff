package cn.qinglong.dangjian.query.orglife;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;

import cn.qinglong.dangjian.kernel.meeting.MeetingKind;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.query.member.MemberReach;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.orglife.Compliance.Row;
import cn.qinglong.dangjian.query.orglife.Compliance.Share;
import cn.qinglong.dangjian.query.orglife.NoticeReach.Reach;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.ViewCollections;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.Role.Access;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.security.problem.NotFound;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 组织生活 and 通知: 三会一课 compliance, a branch's meetings and who came, and each notice's reach. For a branch
 * secretary or group leader, an organisation outside their scope is unknown (404) and the member figures count only
 * the members in their reach.
 */
@RestController
record OrganizationalLifeController(Generations runtime, Today today, ViewAnswers answers, MemberReach reach) {

    private static final String NAME = OrganizationalLifeProjection.NAME;

    record Summary(String organizationId, String name, int year, Integer quarter, LocalDate from, LocalDate to,
                   int branches, int green, BigDecimal share, List<Share> items) {
    }

    record MeetingRow(String meetingId, String organizationId, String organizationName, MeetingKind kind,
                      String kindLabel, LocalDate heldOn, String topic, int attendees) {
    }

    record Attendee(String memberId, String name, String branchId) {
    }

    record MeetingDetail(String meetingId, String organizationId, String organizationName, MeetingKind kind,
                         String kindLabel, LocalDate heldOn, String topic, List<Attendee> attendees) {
    }

    /** The window of a year, or of one of its quarters; the year defaults to this one. */
    private record Window(int year, Integer quarter, LocalDate from, LocalDate to) {
    }

    /**
     * Per branch (and per group, for group meetings) and kind, over the year or the quarter: required periods, those
     * met, and GREEN / AMBER / RED, red first.
     */
    @GetMapping("/api/organizational-life/compliance")
    @ReadsView(NAME)
    List<Row> compliance(@RequestParam(required = false) String organizationId,
                         @RequestParam(required = false) String year, @RequestParam(required = false) String quarter) {
        String id = QueryParams.id("organizationId", organizationId);
        Window window = window(year, quarter);
        LocalDate date = today.date();
        return answers.answer(NAME, () -> {
            ViewCollections views = runtime.views(NAME);
            OrganizationTree tree = OrganizationTree.read(views.get(OrganizationalLifeProjection.ORGANIZATIONS));
            return rows(views, tree, scope(tree, id), window, date);
        }, "compliance", id, window, date);
    }

    /** The share of branches green, for the organisation (or the subdistrict) and for each organisation below it. */
    @GetMapping("/api/organizational-life/summary")
    @ReadsView(NAME)
    Summary summary(@RequestParam(required = false) String organizationId,
                    @RequestParam(required = false) String year, @RequestParam(required = false) String quarter) {
        String id = QueryParams.id("organizationId", organizationId);
        Window window = window(year, quarter);
        LocalDate date = today.date();
        return answers.answer(NAME, () -> {
            ViewCollections views = runtime.views(NAME);
            OrganizationTree tree = OrganizationTree.read(views.get(OrganizationalLifeProjection.ORGANIZATIONS));
            Set<String> scope = scope(tree, id);
            List<Row> rows = rows(views, tree, scope, window, date);
            Share all = Compliance.share(tree, id, scope, rows);
            List<String> below = id != null ? tree.children(id)
                    : tree.roots().size() == 1 ? tree.children(tree.roots().get(0)) : tree.roots();
            List<Share> items = below.stream().filter(scope::contains)
                    .map(child -> Compliance.share(tree, child, tree.subtree(child), rows))
                    .filter(share -> share.branches() > 0).toList();
            return new Summary(id, id == null ? null : tree.get(id).getString("name"), window.year(), window.quarter(),
                    window.from(), window.to(), all.branches(), all.green(), all.share(), items);
        }, "summary", id, window, date);
    }

    /** The meetings held from {@code from} to {@code to} by the organisation and those below it, newest first. */
    @GetMapping("/api/meetings")
    @ReadsView(NAME)
    List<MeetingRow> meetings(@RequestParam(required = false) String organizationId,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        String id = QueryParams.id("organizationId", organizationId);
        LocalDate start = QueryParams.dateOrMonth("from", from, false);
        LocalDate end = QueryParams.dateOrMonth("to", to, true);
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidInput("to", "must not be before from");
        }
        return answers.answer(NAME, () -> {
            ViewCollections views = runtime.views(NAME);
            OrganizationTree tree = OrganizationTree.read(views.get(OrganizationalLifeProjection.ORGANIZATIONS));
            List<Bson> filters = new ArrayList<>();
            filters.add(in("organizationId", scope(tree, id)));
            if (start != null) {
                filters.add(gte("heldOn", start.toString()));
            }
            if (end != null) {
                filters.add(lte("heldOn", end.toString()));
            }
            List<Document> meetings = views.get(OrganizationalLifeProjection.MEETINGS).find(and(filters))
                    .into(new ArrayList<>());
            Map<String, Integer> attendees = meetings.isEmpty() ? Map.of()
                    : attendeeCounts(views, meetings.stream().map(m -> m.getString("_id")).toList());
            return meetings.stream()
                    .map(m -> new MeetingRow(m.getString("_id"), m.getString("organizationId"),
                            name(tree, m.getString("organizationId")), MeetingKind.valueOf(m.getString("kind")),
                            MeetingKind.valueOf(m.getString("kind")).label(), LocalDate.parse(m.getString("heldOn")),
                            m.getString("topic"), attendees.getOrDefault(m.getString("_id"), 0)))
                    .sorted(Comparator.comparing(MeetingRow::heldOn).reversed().thenComparing(MeetingRow::meetingId))
                    .toList();
        }, "meetings", id, start, end);
    }

    /**
     * How many came to each of the meetings. For a subdistrict-wide caller, the sizes of the meetings' entries in the
     * meeting key index, in one read and without reading a member: a member's meetings attended only grow (the first
     * record of each counts and none is taken back), so a mark once present is never stale, and the index is ahead
     * of the member documents only while a batch is written (the index first), as a query may read a batch's
     * members half written. For a scoped caller and a view built before it kept the index, by query, narrowed to
     * the caller's reach.
     */
    private Map<String, Integer> attendeeCounts(ViewCollections views, List<String> meetingIds) {
        Optional<Map<String, Set<String>>> holders = reach.holdersByKey(views,
                OrganizationalLifeProjection.MEETING_INDEX, meetingIds);
        Map<String, Integer> counts = new HashMap<>();
        if (holders.isPresent()) {
            holders.get().forEach((meetingId, members) -> counts.put(meetingId, members.size()));
            return counts;
        }
        for (Document member : views.get(MemberFoldProjection.MEMBERS)
                .find(reach.narrow(in(OrganizationalLifeProjection.ATTENDED + ".meetingId", meetingIds)))
                .projection(Projections.include(OrganizationalLifeProjection.ATTENDED + ".meetingId"))) {
            OrganizationalLifeProjection.list(member, OrganizationalLifeProjection.ATTENDED)
                    .forEach(a -> counts.merge(a.getString("meetingId"), 1, Integer::sum));
        }
        return counts;
    }

    /** One meeting and who came (the members in the caller's reach), by name. */
    @GetMapping("/api/meetings/{id}")
    @ReadsView(NAME)
    MeetingDetail meeting(@PathVariable String id) {
        String meetingId = QueryParams.id("id", id);
        return answers.answer(NAME, () -> {
            ViewCollections views = runtime.views(NAME);
            Document meeting = views.get(OrganizationalLifeProjection.MEETINGS).find(eq("_id", meetingId)).first();
            OrganizationTree tree = OrganizationTree.read(views.get(OrganizationalLifeProjection.ORGANIZATIONS));
            if (meeting == null || !reachable(tree).contains(meeting.getString("organizationId"))) {
                throw new NotFound("meeting", meetingId);
            }
            List<Attendee> attendees = new ArrayList<>();
            for (Document member : attendeesOf(views, meetingId)) {
                if (!OrganizationalLifeProjection.list(member, OrganizationalLifeProjection.ATTENDED).isEmpty()) {
                    attendees.add(new Attendee(member.getString("_id"), member.getString("name"),
                            member.getString("branchId")));
                }
            }
            attendees.sort(Comparator.comparing(Attendee::memberId));
            MeetingKind kind = MeetingKind.valueOf(meeting.getString("kind"));
            return new MeetingDetail(meetingId, meeting.getString("organizationId"),
                    name(tree, meeting.getString("organizationId")), kind, kind.label(),
                    LocalDate.parse(meeting.getString("heldOn")), meeting.getString("topic"), attendees);
        }, "meeting", meetingId);
    }

    /**
     * The members who attended the meeting, through the meeting key index ({@link MemberReach#byKey}), maybe with a
     * few it names whose documents do not hold the meeting (yet): what an attendee shows and, of their meetings, only
     * this one ({@code $elemMatch} projects the first element that matches, and a member records a meeting once), so
     * that a member without it shows none and is left out.
     */
    private Iterable<Document> attendeesOf(ViewCollections views, String meetingId) {
        return reach.byKey(views, OrganizationalLifeProjection.MEETING_INDEX, List.of(meetingId),
                eq(OrganizationalLifeProjection.ATTENDED + ".meetingId", meetingId))
                .projection(Projections.fields(Projections.include("name", "branchId"),
                        Projections.elemMatch(OrganizationalLifeProjection.ATTENDED, eq("meetingId", meetingId))));
    }

    /** The notices issued by the organisation and those below it, newest first, each with its reach. */
    @GetMapping("/api/notices")
    @ReadsView(NAME)
    List<Reach> notices(@RequestParam(required = false) String organizationId) {
        String id = QueryParams.id("organizationId", organizationId);
        boolean personal = Caller.current().personalData();
        return answers.answer(NAME, () -> {
            ViewCollections views = runtime.views(NAME);
            OrganizationTree tree = OrganizationTree.read(views.get(OrganizationalLifeProjection.ORGANIZATIONS));
            List<Reach> reaches = new ArrayList<>();
            for (Document notice : views.get(OrganizationalLifeProjection.NOTICES)
                    .find(in("organizationId", scope(tree, id)))) {
                reaches.add(reach(views, tree, notice, personal).figures());
            }
            reaches.sort(Comparator.comparing(Reach::issuedOn).reversed().thenComparing(Reach::noticeId));
            return reaches;
        }, "notices", id);
    }

    /**
     * A notice's reach: its audience (fixed on the issue date, {@link NoticeIssued#isFor}), how many it was delivered
     * to and how many acknowledged it, and who is not reached yet (not acknowledged), with their phone for a caller
     * allowed to see personal data.
     */
    @GetMapping("/api/notices/{id}/reach")
    @ReadsView(NAME)
    Reach noticeReach(@PathVariable String id) {
        String noticeId = QueryParams.id("id", id);
        boolean personal = Caller.current().personalData();
        return answers.answer(NAME, () -> {
            ViewCollections views = runtime.views(NAME);
            Document notice = views.get(OrganizationalLifeProjection.NOTICES).find(eq("_id", noticeId)).first();
            if (notice == null || notice.getString("issuedOn") == null) {
                throw new NotFound("notice", noticeId);
            }
            return reach(views, OrganizationTree.read(views.get(OrganizationalLifeProjection.ORGANIZATIONS)), notice,
                    personal);
        }, "reach", noticeId, personal);
    }

    private Reach reach(ViewCollections views, OrganizationTree tree, Document notice, boolean personal) {
        Set<String> within = tree.subtree(notice.getString("organizationId"));
        return NoticeReach.of(tree, notice, managedWithin(views, within), personal);
    }

    /**
     * The members whose daily-branch history names one of the organisations ({@link MemberReach#byDailyBranch}), what
     * {@link NoticeReach} reads of them; it checks each on the issue date.
     */
    private Iterable<Document> managedWithin(ViewCollections views, Set<String> organizations) {
        return reach.byDailyBranch(views, organizations).projection(NoticeReach.READS);
    }

    private static List<Row> rows(ViewCollections views, OrganizationTree tree, Set<String> scope, Window window,
                                  LocalDate date) {
        List<Document> meetings = views.get(OrganizationalLifeProjection.MEETINGS)
                .find(and(in("organizationId", scope), gte("heldOn", window.year() + "-01-01"),
                        lte("heldOn", window.year() + "-12-31")))
                .into(new ArrayList<>());
        return Compliance.rows(tree, scope, meetings, window.from(), window.to(), date);
    }

    /** The organisation and everything below it (the subdistrict without one), kept to what the caller reaches. */
    private Set<String> scope(OrganizationTree tree, String id) {
        Set<String> reachable = reachable(tree);
        if (id != null) {
            if (!tree.contains(id) || !reachable.contains(id)) {
                throw new NotFound("organization", id);
            }
            return tree.subtree(id);
        }
        return reachable;
    }

    /** Every organisation for the committee and auditors; the subtrees of their scope for the others. */
    private static Set<String> reachable(OrganizationTree tree) {
        Caller caller = Caller.current();
        Set<String> reachable = new LinkedHashSet<>();
        if (caller.subdistrictWide()) {
            tree.roots().forEach(root -> reachable.addAll(tree.subtree(root)));
        } else {
            caller.scope(Access.READ).stream().filter(tree::contains).forEach(o -> reachable.addAll(tree.subtree(o)));
        }
        return reachable;
    }

    private static String name(OrganizationTree tree, String id) {
        return tree.contains(id) ? tree.get(id).getString("name") : null;
    }

    private Window window(String year, String quarter) {
        Integer q = QueryParams.optionalInt("quarter", quarter, 1, 4);
        Integer y = QueryParams.optionalInt("year", year, 2000, 2100);
        int chosen = y != null ? y : today.date().getYear();
        LocalDate from = q == null ? LocalDate.of(chosen, 1, 1) : LocalDate.of(chosen, 3 * q - 2, 1);
        LocalDate to = q == null ? LocalDate.of(chosen, 12, 31) : from.plusMonths(3).minusDays(1);
        return new Window(chosen, q, from, to);
    }
}
