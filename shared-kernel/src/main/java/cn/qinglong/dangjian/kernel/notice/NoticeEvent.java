package cn.qinglong.dangjian.kernel.notice;

import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.member.MemberState.DailyBranch;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.axonframework.serialization.Revision;

/**
 * 活动通知: an organisation tells the members it manages day to day what is on. Deliveries and acknowledgements are
 * facts of each member's own stream.
 */
public sealed interface NoticeEvent {

    NoticeId noticeId();

    OrganizationId organizationId();

    @Revision("1")
    record NoticeIssued(NoticeId noticeId, OrganizationId organizationId, String title, String body,
                        LocalDate issuedOn) implements NoticeEvent {

        /**
         * The audience, fixed on the issue date: a member whose daily-management branch on that date
         * ({@link MemberState#dailyBranchOn}) is the organisation or lies below it. A member registered later, or
         * whose membership had ended by then, is not in it; one who moves away afterwards stays in it. The command
         * side decides a delivery by it and the reach view counts by it.
         *
         * @param withinOrganization whether a branch is {@link #organizationId} or lies below it
         */
        public boolean isFor(List<DailyBranch> dailyHistory, Predicate<OrganizationId> withinOrganization) {
            OrganizationId branch = MemberState.dailyBranchOn(dailyHistory, issuedOn);
            return branch != null && withinOrganization.test(branch);
        }
    }
}
