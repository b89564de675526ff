package cn.qinglong.dangjian.kernel.suggestion;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.common.Personal;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * 建言献策 and the party-masses council (党群议事会): a suggestion submitted to an organisation, then either answered by
 * it or deliberated once by the council (一事一议), which decides.
 */
public sealed interface SuggestionEvent {

    SuggestionId suggestionId();

    OrganizationId organizationId();

    /**
     * Submitted by a member ({@code memberId}) or by a resident, named ({@code residentName}, personal data). The
     * text is the submitter's own words about the estate and may name neighbours, so it is personal data too.
     */
    @Revision("1")
    record SuggestionSubmitted(SuggestionId suggestionId, OrganizationId organizationId, SuggestionCategory category,
                               @Personal String text, @BusinessDate LocalDate submittedOn, MemberId memberId,
                               @Personal String residentName) implements SuggestionEvent {
    }

    /** The organisation's answer: its official reply, published as written. */
    @Revision("1")
    record SuggestionAnswered(SuggestionId suggestionId, OrganizationId organizationId, String answer,
                              @BusinessDate LocalDate answeredOn) implements SuggestionEvent {
    }

    /** The council took the matter up on {@code councilOn} and decided; its decision is published as written. */
    @Revision("1")
    record SuggestionDeliberated(SuggestionId suggestionId, OrganizationId organizationId,
                                 @BusinessDate LocalDate councilOn, String decision) implements SuggestionEvent {
    }
}
