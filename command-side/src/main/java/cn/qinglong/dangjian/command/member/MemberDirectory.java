package cn.qinglong.dangjian.command.member;

import cn.qinglong.dangjian.kernel.member.MemberEvent.MemberRegistered;
import cn.qinglong.dangjian.kernel.member.MemberId;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

@Component
public class MemberDirectory {

    private final EventStore eventStore;

    public MemberDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public boolean exists(MemberId memberId) {
        var stream = eventStore.readEvents(memberId.value());
        return stream.hasNext() && stream.peek().getPayload() instanceof MemberRegistered;
    }
}
