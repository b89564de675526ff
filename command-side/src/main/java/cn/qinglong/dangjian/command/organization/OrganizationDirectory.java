package cn.qinglong.dangjian.command.organization;

import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads an organization's facts straight from its event stream, so every command node sees the same truth. */
@Component
public class OrganizationDirectory {

    /** Committee, general branch, branch, group: no chain is deeper than a few steps. */
    private static final int MAX_DEPTH = 8;

    private final EventStore eventStore;

    public OrganizationDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public OrganizationFacts require(String role, OrganizationId id) {
        OrganizationFacts facts = null;
        var stream = eventStore.readEvents(id.value());
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof OrganizationEvent event) {
                facts = OrganizationFacts.fold(facts, event);
            }
        }
        if (facts == null) {
            throw new NotFound(role, id);
        }
        return facts;
    }

    /** Whether {@code id} is {@code ancestor} or sits (at any depth) below it. */
    public boolean isUnder(OrganizationId id, OrganizationId ancestor) {
        OrganizationId current = id;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current.equals(ancestor)) {
                return true;
            }
            current = require("organization", current).parentId();
        }
        return false;
    }

    /**
     * The general branch a branch or group belongs to (the village's or community's 党总支): the first GENERAL_BRANCH
     * at or above it; the organisation itself when none is.
     */
    public OrganizationId generalBranchOf(OrganizationId id) {
        OrganizationId current = id;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            OrganizationFacts facts = require("organization", current);
            if (facts.level() == OrganizationLevel.GENERAL_BRANCH) {
                return current;
            }
            current = facts.parentId();
        }
        return id;
    }
}
