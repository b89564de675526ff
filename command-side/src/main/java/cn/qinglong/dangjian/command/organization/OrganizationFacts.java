package cn.qinglong.dangjian.command.organization;

import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.kernel.organization.GroupKind;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationDissolved;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
import java.util.EnumSet;

/** What the rules need to know of an organization, folded from its events (by the aggregate and the directory alike). */
public record OrganizationFacts(OrganizationId id, String name, OrganizationLevel level, Setting setting,
                                GroupKind groupKind, OrganizationId parentId, boolean dissolved) {

    static OrganizationFacts fold(OrganizationFacts facts, OrganizationEvent event) {
        if (event instanceof OrganizationEstablished e) {
            return new OrganizationFacts(e.organizationId(), e.name(), e.level(), e.setting(), e.groupKind(),
                    e.parentId(), false);
        }
        if (event instanceof OrganizationDissolved && facts != null) {
            return new OrganizationFacts(facts.id, facts.name, facts.level, facts.setting, facts.groupKind,
                    facts.parentId, true);
        }
        return facts;
    }

    public OrganizationFacts requireActive(String role) {
        if (dissolved) {
            throw new RuleViolation(role + " '" + id + "' has been dissolved");
        }
        return this;
    }

    public OrganizationFacts requireLevel(String role, OrganizationLevel first, OrganizationLevel... others) {
        if (!EnumSet.of(first, others).contains(level)) {
            throw new RuleViolation(role + " '" + id + "' is a " + level + ", not a " + EnumSet.of(first, others));
        }
        return this;
    }

    public OrganizationFacts requireGroupKind(String role, GroupKind kind) {
        if (level != OrganizationLevel.GROUP || groupKind != kind) {
            throw new RuleViolation(role + " '" + id + "' is not a " + kind + " group");
        }
        return this;
    }

    /** Branches (and general branches, which run their own study days) can hold members. */
    public OrganizationFacts requireBranch(String role) {
        return requireActive(role).requireLevel(role, OrganizationLevel.BRANCH, OrganizationLevel.GENERAL_BRANCH);
    }
}
