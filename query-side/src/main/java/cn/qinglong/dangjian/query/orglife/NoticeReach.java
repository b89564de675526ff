package cn.qinglong.dangjian.query.orglife;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.notice.NoticeChannel;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.query.organization.OrganizationTree;
import cn.qinglong.dangjian.query.projection.MemberDocuments;
import cn.qinglong.dangjian.query.projection.NoticeDocuments;
import com.mongodb.client.model.Projections;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A notice's reach: its audience by the kernel's rule ({@link NoticeIssued#isFor}: managed day to day within the
 * issuing organisation on the issue date), how many of them it was delivered to and how many acknowledged it; who is
 * not reached yet (not acknowledged) is the list a secretary works through.
 */
final class NoticeReach {

    /** A member of the audience not reached yet, with the branch that managed them on the issue date. */
    record NotReachedMember(String memberId, String name, String branchId, String branchName, String residenceStatus,
                            boolean contactLost, boolean delivered, NoticeChannel channel, String channelLabel,
                            String phone) {
    }

    record Reach(String noticeId, String organizationId, String organizationName, String title, LocalDate issuedOn,
                 int audience, int delivered, int acknowledged, BigDecimal rate, List<String> notReached,
                 List<NotReachedMember> notReachedMembers) {

        /** The figures without the list of names. */
        Reach figures() {
            return new Reach(noticeId, organizationId, organizationName, title, issuedOn, audience, delivered,
                    acknowledged, rate, notReached, List.of());
        }
    }

    /** What this reads of a member document: the daily-branch history, the deliveries, what a not-reached row shows. */
    static final Bson READS = Projections.include("memberId", "name", "residence", "contactLostSince", "contactCard",
            MemberDocuments.DAILY_HISTORY, OrganizationalLifeProjection.DELIVERIES);

    private NoticeReach() {
    }

    /**
     * @param candidates member documents of the view with the fields {@link #READS}, at least every member of the
     *                   audience
     * @param phone      whether the caller may see personal data: then a not-reached member's contact-card phone
     */
    static Reach of(OrganizationTree tree, Document notice, Iterable<Document> candidates, boolean phone) {
        String organizationId = notice.getString("organizationId");
        Set<String> within = tree.subtree(organizationId);
        LocalDate issuedOn = LocalDate.parse(notice.getString("issuedOn"));
        NoticeIssued issued = NoticeDocuments.issued(notice);
        int audience = 0;
        int delivered = 0;
        int acknowledged = 0;
        List<NotReachedMember> notReached = new ArrayList<>();
        for (Document member : candidates) {
            List<MemberState.DailyBranch> history = MemberDocuments.dailyHistory(member);
            if (!issued.isFor(history, branch -> within.contains(branch.value()))) {
                continue;
            }
            audience++;
            Document delivery = OrganizationalLifeProjection.find(
                    OrganizationalLifeProjection.list(member, OrganizationalLifeProjection.DELIVERIES), "noticeId",
                    issued.noticeId().value());
            delivered += delivery != null ? 1 : 0;
            if (delivery != null && delivery.getString("acknowledgedOn") != null) {
                acknowledged++;
                continue;
            }
            MemberState state = MemberDocuments.state(member);
            NoticeChannel channel = delivery == null ? null : NoticeChannel.valueOf(delivery.getString("channel"));
            String branch = MemberState.dailyBranchOn(history, issuedOn).value();
            notReached.add(new NotReachedMember(state.memberId().value(), state.name(), branch,
                    tree.contains(branch) ? tree.get(branch).getString("name") : null,
                    state.residence() == null ? null : state.residence().status().name(), state.contactLost(),
                    delivery != null, channel, channel == null ? null : channel.label(),
                    phone && state.contactCard() != null ? state.contactCard().phone() : null));
        }
        notReached.sort(Comparator.comparing(NotReachedMember::branchId).thenComparing(NotReachedMember::memberId));
        return new Reach(issued.noticeId().value(), organizationId,
                tree.contains(organizationId) ? tree.get(organizationId).getString("name") : null, issued.title(),
                issuedOn, audience, delivered, acknowledged, audience == 0 ? null
                : BigDecimal.valueOf(acknowledged).divide(BigDecimal.valueOf(audience), 4, RoundingMode.HALF_UP),
                notReached.stream().map(NotReachedMember::memberId).toList(), notReached);
    }
}
