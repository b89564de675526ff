package cn.qinglong.dangjian.command.organization;

import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads an organization's facts straight from its event stream, so every command node sees the same truth. */
@Component
public class OrganizationDirectory {

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
}
