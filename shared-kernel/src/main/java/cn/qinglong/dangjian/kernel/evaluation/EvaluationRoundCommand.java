package cn.qinglong.dangjian.kernel.evaluation;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public sealed interface EvaluationRoundCommand {

    EvaluationRoundId roundId();

    /** The round's dates may lie ahead: a round is opened before it runs. */
    record OpenEvaluationRound(@TargetAggregateIdentifier EvaluationRoundId roundId, OrganizationId organizationId,
                               int year, LocalDate opensOn, LocalDate closesOn) implements EvaluationRoundCommand {
    }

    record RateOrganization(@TargetAggregateIdentifier EvaluationRoundId roundId, OrganizationId organizationId,
                            MemberId raterMemberId, Satisfaction satisfaction, @BusinessDate LocalDate ratedOn,
                            @TargetAggregateVersion Long expectedVersion) implements EvaluationRoundCommand {
    }
}
