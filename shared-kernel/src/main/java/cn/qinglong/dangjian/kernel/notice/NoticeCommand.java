package cn.qinglong.dangjian.kernel.notice;

import cn.qinglong.dangjian.kernel.common.BusinessDate;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public sealed interface NoticeCommand {

    NoticeId noticeId();

    record IssueNotice(@TargetAggregateIdentifier NoticeId noticeId, OrganizationId organizationId, String title,
                       String body, @BusinessDate LocalDate issuedOn) implements NoticeCommand {
    }
}
