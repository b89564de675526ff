package cn.qinglong.dangjian.kernel.suggestion;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public sealed interface SuggestionCommand {

    SuggestionId suggestionId();

    record SubmitSuggestion(@TargetAggregateIdentifier SuggestionId suggestionId, OrganizationId organizationId,
                            SuggestionCategory category, String text, @BusinessDate LocalDate submittedOn,
                            MemberId memberId, String residentName) implements SuggestionCommand {
    }

    record AnswerSuggestion(@TargetAggregateIdentifier SuggestionId suggestionId, String answer,
                            @BusinessDate LocalDate answeredOn, @TargetAggregateVersion Long expectedVersion)
            implements SuggestionCommand {
    }

    record DeliberateSuggestion(@TargetAggregateIdentifier SuggestionId suggestionId, @BusinessDate LocalDate councilOn,
                                String decision, @TargetAggregateVersion Long expectedVersion)
            implements SuggestionCommand {
    }
}
