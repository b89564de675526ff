package cn.qinglong.dangjian.kernel.organization;

import cn.qinglong.dangjian.kernel.member.MemberId;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

public sealed interface OrganizationEvent {

    OrganizationId organizationId();

    @Revision("1")
    record OrganizationEstablished(OrganizationId organizationId, String name, OrganizationLevel level,
                                   Setting setting, GroupKind groupKind, OrganizationId parentId,
                                   LocalDate establishedOn) implements OrganizationEvent {
    }

    @Revision("1")
    record LeaderAppointed(OrganizationId organizationId, MemberId memberId, LeaderRole role, LocalDate appointedOn)
            implements OrganizationEvent {
    }

    @Revision("1")
    record OrganizationDissolved(OrganizationId organizationId, LocalDate dissolvedOn, OrganizationId successorId)
            implements OrganizationEvent {
    }
}
