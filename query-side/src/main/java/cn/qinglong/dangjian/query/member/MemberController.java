package cn.qinglong.dangjian.query.member;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import cn.qinglong.dangjian.kernel.member.CareNeed;
import cn.qinglong.dangjian.kernel.member.Category;
import cn.qinglong.dangjian.kernel.member.MembershipStatus;
import cn.qinglong.dangjian.kernel.member.ResidenceStatus;
import cn.qinglong.dangjian.security.problem.InvalidInput;
import cn.qinglong.dangjian.security.problem.NotFound;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.MemberFoldProjection;
import cn.qinglong.dangjian.query.projection.Generations;
import cn.qinglong.dangjian.query.web.ViewAnswers;
import cn.qinglong.dangjian.query.web.Page;
import cn.qinglong.dangjian.query.web.QueryParams;
import cn.qinglong.dangjian.query.web.ReadsView;
import cn.qinglong.dangjian.query.web.Today;
import com.mongodb.client.model.Sorts;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/members")
record MemberController(Generations runtime, Today today, MemberReach reach, ViewAnswers answers) {

    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+(\\s+[A-Za-z]+)*");

    @GetMapping("/{id}")
    @ReadsView(MemberProjection.NAME)
    MemberView member(@PathVariable String id) {
        String memberId = QueryParams.id("id", id);
        Document document = members().find(eq("_id", memberId)).first();
        if (document == null || !reach.reaches(document)) {
            throw new NotFound("member", memberId);
        }
        return MemberView.of(MemberDocuments.state(document), today.date());
    }

    /**
     * The roster of active members; every filter is optional and they combine. {@code q} finds a member by part of
     * their name, of its pinyin or its initials, or of their phone number ({@link #search}); {@code contactLost=true}
     * keeps those marked lost.
     */
    @GetMapping
    @ReadsView(MemberProjection.NAME)
    Page<MemberView> roster(@RequestParam(required = false) String branchId,
                            @RequestParam(required = false) String dailyBranchId,
                            @RequestParam(required = false) String communityId,
                            @RequestParam(required = false) String groupId,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String category,
                            @RequestParam(required = false) String minAge,
                            @RequestParam(required = false) String need,
                            @RequestParam(required = false) String q,
                            @RequestParam(required = false) String contactLost,
                            @RequestParam(required = false) String page,
                            @RequestParam(required = false) String size) {
        List<Bson> filters = new ArrayList<>();
        filters.add(eq("status", MembershipStatus.ACTIVE.name()));
        Bson scope = reach.filter();
        if (scope != null) {
            filters.add(scope);
        }
        String branch = addId(filters, "branchId", "branchId", branchId);
        String dailyBranch = addId(filters, "dailyBranchId", "dailyBranchId", dailyBranchId);
        String community = addId(filters, "residence.communityId", "communityId", communityId);
        String group = QueryParams.id("groupId", groupId);
        if (group != null) {
            filters.add(or(eq("groupId", group), eq("buildingGroupId", group), eq("areaId", group)));
        }
        ResidenceStatus residenceStatus = QueryParams.enumValue("status", status, ResidenceStatus.class);
        if (residenceStatus != null) {
            filters.add(eq("residence.status", residenceStatus.name()));
        }
        Category cat = QueryParams.enumValue("category", category, Category.class);
        if (cat != null) {
            filters.add(eq("categories", cat.name()));
        }
        CareNeed careNeed = QueryParams.enumValue("need", need, CareNeed.class);
        if (careNeed != null) {
            filters.add(eq("needs", careNeed.name()));
        }
        Integer age = QueryParams.optionalInt("minAge", minAge, 0, 150);
        if (age != null) {
            filters.add(lte("birthDate", today.bornOnOrBefore(age)));
        }
        String text = q == null ? "" : q.strip();
        if (text.length() > 32) {
            throw new InvalidInput("q", "must be at most 32 characters");
        }
        if (!text.isEmpty()) {
            filters.add(search(text));
        }
        boolean lost = "true".equals(contactLost);
        if (lost) {
            filters.add(ne("contactLostSince", null));
        } else if (contactLost != null && !"false".equals(contactLost)) {
            throw new InvalidInput("contactLost", "must be true or false");
        }
        QueryParams.Paging paging = QueryParams.paging(page, size);
        Bson filter = and(filters);
        LocalDate date = today.date();
        // kept by the parsed inputs (the caller's reach is part of every key): rendering the filter costs more
        return answers.answer(MemberProjection.NAME, () -> roster(filter, paging, date), "roster",
                Arrays.asList(branch, dailyBranch, community, group, residenceStatus, cat, careNeed, age, text, lost),
                paging, date);
    }

    private Page<MemberView> roster(Bson filter, QueryParams.Paging paging, LocalDate date) {
        List<MemberView> items = new ArrayList<>();
        members().find(filter).sort(Sorts.ascending("_id")).skip(paging.skip()).limit(paging.size())
                .forEach(document -> items.add(MemberView.of(MemberDocuments.state(document), date)));
        return new Page<>(items, paging.page(), paging.size(), members().countDocuments(filter));
    }

    /**
     * Digits (spaces and dashes between them ignored, as in 138-0013) search the contact card's phone; Latin letters (spaces between them ignored) the name's pinyin and its
     * initials; anything with a Chinese character part of the name.
     */
    private static Bson search(String text) {
        String digits = text.replaceAll("[\\s-]", "");
        if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return regex("contactCard.phone", Pattern.compile(Pattern.quote(digits)));
        }
        if (LETTERS.matcher(text).matches()) {
            return NamePinyin.matching(text.replaceAll("\\s+", ""));
        }
        if (text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            return regex("name", Pattern.compile(Pattern.quote(text)));
        }
        throw new InvalidInput("q", "must be part of a name (Chinese characters), of its pinyin or initials (the"
                + " letters a-z), or of a phone number (digits)");
    }

    /** The id {@code value} names (null without one), and its filter added to {@code filters}. */
    private static String addId(List<Bson> filters, String field, String parameter, String value) {
        String id = QueryParams.id(parameter, value);
        if (id != null) {
            filters.add(eq(field, id));
        }
        return id;
    }

    private com.mongodb.client.MongoCollection<Document> members() {
        return runtime.views(MemberProjection.NAME).get(MemberFoldProjection.MEMBERS);
    }
}
