package cn.qinglong.dangjian.command.notice;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.qinglong.dangjian.command.organization.OrganizationDirectory;
import cn.qinglong.dangjian.command.shared.Dates;
import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.kernel.notice.NoticeCommand.IssueNotice;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A notice, issued once by an organisation; its audience is fixed on the issue date. */
@Aggregate
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
class Notice {

    @AggregateIdentifier
    private NoticeId noticeId;
    private NoticeIssued issued;

    Notice() {
    }

    /** Returns whether the notice was issued now (false for an identical repeat). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(IssueNotice command, OrganizationDirectory directory, Clock clock) {
        var event = new NoticeIssued(command.noticeId(), command.organizationId(), command.title(), command.body(),
                command.issuedOn());
        if (issued != null) {
            if (issued.equals(event)) {
                return false;
            }
            throw new IdConflict("notice '" + command.noticeId() + "' is already issued with other details");
        }
        Dates.notInFuture("issuedOn", command.issuedOn(), clock);
        directory.require("organization", command.organizationId()).requireActive("organization");
        apply(event);
        return true;
    }

    @EventSourcingHandler
    void on(NoticeEvent event) {
        if (event instanceof NoticeIssued e) {
            noticeId = e.noticeId();
            issued = e;
        }
    }
}
