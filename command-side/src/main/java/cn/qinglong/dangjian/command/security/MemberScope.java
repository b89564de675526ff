package cn.qinglong.dangjian.command.security;

import cn.qinglong.dangjian.kernel.member.MemberCommand.RegisterMember;
import cn.qinglong.dangjian.kernel.member.MemberCommand;
import cn.qinglong.dangjian.kernel.member.MemberEvent;
import cn.qinglong.dangjian.kernel.member.MemberState;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.security.Caller;
import cn.qinglong.dangjian.security.Role.Access;
import cn.qinglong.dangjian.security.problem.Refusal;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A branch secretary or group leader may only change members their token's scope reaches: whose relation branch,
 * daily branch or group (transition, building, area) is in {@code org_scope}. Only a writing role's reach counts: an
 * auditor who is also a secretary writes only to the secretary's members ({@link Caller#reaches}). A member out of reach is answered as
 * unknown (404), so that a scope does not reveal which ids exist elsewhere; registering into a branch out of reach is
 * a 403.
 */
@Component
public class MemberScope {

    private final EventStore eventStore;

    public MemberScope(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Throws {@link OutOfScope} when the current caller may not send this command. */
    public void check(Object command) {
        if (!(command instanceof MemberCommand memberCommand)) {
            return;
        }
        Caller caller = Caller.current();
        if (caller.subdistrictWide(Access.WRITE)) {
            return;
        }
        if (memberCommand instanceof RegisterMember register) {
            if (!caller.reaches(Access.WRITE, List.of(register.branchId().value()))) {
                throw new OutOfScope(403, "branch " + register.branchId().value() + " is not in this token's scope");
            }
            if (!exists(register.memberId().value()) || reaches(caller, register.memberId().value())) {
                return;
            }
        } else if (reaches(caller, memberCommand.memberId().value())) {
            return;
        }
        throw new OutOfScope(404, "no member '" + memberCommand.memberId().value() + "'");
    }

    private boolean exists(String memberId) {
        return eventStore.readEvents(memberId, 0).hasNext();
    }

    private boolean reaches(Caller caller, String memberId) {
        MemberState state = MemberState.none();
        DomainEventStream events = eventStore.readEvents(memberId, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (!(event.getPayload() instanceof MemberEvent memberEvent)) {
                return false;
            }
            state = state.apply(memberEvent, event.getSequenceNumber());
        }
        if (state.memberId() == null) {
            return false;
        }
        return caller.reaches(Access.WRITE, state.organizations().stream().map(OrganizationId::value).toList());
    }

    /** The caller's scope does not reach the member or branch; 404 or 403, nothing recorded. */
    public static final class OutOfScope extends Refusal {
        OutOfScope(int status, String detail) {
            super(status == 404 ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN, status == 404 ? "not-found" : "forbidden",
                    status == 404 ? "Not found" : "Forbidden", detail);
        }

        public int status() {
            return getStatusCode().value();
        }
    }
}
