package cn.qinglong.dangjian.kernel.organization;

import cn.qinglong.dangjian.kernel.member.MemberId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public sealed interface OrganizationCommand {

    OrganizationId organizationId();

    record EstablishOrganization(@TargetAggregateIdentifier OrganizationId organizationId, String name,
                                 OrganizationLevel level, Setting setting, GroupKind groupKind,
                                 OrganizationId parentId, LocalDate establishedOn) implements OrganizationCommand {
    }

    record AppointLeader(@TargetAggregateIdentifier OrganizationId organizationId, MemberId memberId,
                         LeaderRole role, LocalDate appointedOn, @TargetAggregateVersion Long expectedVersion)
            implements OrganizationCommand {
    }

    record DissolveOrganization(@TargetAggregateIdentifier OrganizationId organizationId, LocalDate dissolvedOn,
                                OrganizationId successorId, @TargetAggregateVersion Long expectedVersion)
            implements OrganizationCommand {
    }
}
