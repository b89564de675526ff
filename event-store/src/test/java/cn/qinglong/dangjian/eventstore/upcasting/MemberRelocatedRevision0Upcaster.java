package cn.qinglong.dangjian.eventstore.upcasting;

import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRelocated;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worked example of shared-kernel's SCHEMA-EVOLUTION.md, for a hypothetical revision 0 of MemberRelocated that
 * named the address {@code address} and had no area: revision 1 calls it {@code transitionAddress} and adds
 * {@code areaId}, unknown (null) for facts recorded before areas existed.
 */
class MemberRelocatedRevision0Upcaster extends SingleEventUpcaster {

    private static final String TYPE = MemberRelocated.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return TYPE.equals(event.getType().getName()) && "0".equals(event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(new SimpleSerializedType(TYPE, "1"), JsonNode.class, payload -> {
            ObjectNode node = (ObjectNode) payload;
            node.set("transitionAddress", node.remove("address"));
            node.putNull("areaId");
            return node;
        });
    }
}
