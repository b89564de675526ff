package cn.qinglong.dangjian.command.organization;

import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Whether a member was registered, read from the member's stream: what appointing a leader needs to know of the
 * members. It lives beside the organisations, which use it, so that the member rules may consult the organisations
 * without the packages depending on each other both ways.
 */
@Component
public record MemberDirectory(EventStore eventStore) {

    public boolean exists(MemberId memberId) {
        var stream = eventStore.readEvents(memberId.value());
        return stream.hasNext() && stream.peek().getPayload() instanceof MemberRegistered;
    }
}
