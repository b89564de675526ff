package cn.qinglong.dangjian.kernel.member;

import cn.qinglong.dangjian.kernel.common.Personal;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.util.Objects;

/** Where a member lives: the status of their housing and, once resettled, the community. */
public record Residence(ResidenceStatus status, OrganizationId communityId, @Personal String address) {

    public Residence {
        Objects.requireNonNull(status, "status");
    }
}
