package cn.qinglong.dangjian.kernel.evaluation;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * 民主评议: a round per organisation and year, open between two dates, and the members' ratings of their
 * organisation. The ratings of members are facts of the rated member ({@code MemberRated}, in the member's stream).
 */
public sealed interface EvaluationRoundEvent {

    EvaluationRoundId roundId();

    /** {@code opensOn} and {@code closesOn} are both days of the round: it is open from the one to the other. */
    @Revision("1")
    record EvaluationRoundOpened(EvaluationRoundId roundId, OrganizationId organizationId, int year,
                                 LocalDate opensOn, LocalDate closesOn) implements EvaluationRoundEvent {

        /**
         * Ratings are given only while the round is open: the rule the member's ratings and the organisations' ratings
         * are both decided by, and the views show.
         */
        public boolean openOn(LocalDate date) {
            return !date.isBefore(opensOn) && !date.isAfter(closesOn);
        }

        /** The window in words, for a refusal: {@code 2026-12-01 to 2026-12-20}. */
        public String window() {
            return opensOn + " to " + closesOn;
        }
    }

    /** A member rated an organisation of the round (the round's own or one under it), once per round. */
    @Revision("1")
    record OrganizationRated(EvaluationRoundId roundId, OrganizationId organizationId, MemberId raterMemberId,
                             Satisfaction satisfaction, @BusinessDate LocalDate ratedOn) implements EvaluationRoundEvent {
    }
}
