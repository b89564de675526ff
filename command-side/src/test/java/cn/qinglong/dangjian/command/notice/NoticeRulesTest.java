package cn.qinglong.dangjian.command.notice;

import static org.hamcrest.Matchers.containsString;

import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.notice.NoticeCommand.IssueNotice;
import cn.qinglong.dangjian.kernel.notice.NoticeEvent.NoticeIssued;
import cn.qinglong.dangjian.kernel.notice.NoticeId;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.organization.Setting;
import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NoticeRulesTest {

    static final OrganizationId VILLAGE = OrganizationId.of("yaxin");
    static final NoticeId ID = NoticeId.of("notice-yaxin-2026-11");
    static final LocalDate ISSUED_ON = LocalDate.of(2026, 11, 20);

    final FixtureConfiguration<Notice> fixture = RulesFixture.of(Notice.class,
            new OrganizationEstablished(VILLAGE, "亚新村党总支", OrganizationLevel.GENERAL_BRANCH,
                    Setting.RELOCATING_VILLAGE, null, null, LocalDate.of(2005, 1, 1)));

    static NoticeIssued issued() {
        return new NoticeIssued(ID, VILLAGE, "十二月主题党日", "12月10日上午九点", ISSUED_ON);
    }

    @Test
    @DisplayName("an organisation issues a notice; the same again is a no-op, the same id with other details a conflict")
    void issuesOnce() {
        fixture.givenNoPriorActivity().when(new IssueNotice(ID, VILLAGE, "十二月主题党日", "12月10日上午九点", ISSUED_ON))
                .expectEvents(issued());
        fixture.given(issued()).when(new IssueNotice(ID, VILLAGE, "十二月主题党日", "12月10日上午九点", ISSUED_ON))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(issued()).when(new IssueNotice(ID, VILLAGE, "另一个标题", "12月10日上午九点", ISSUED_ON))
                .expectException(IdConflict.class).expectExceptionMessage(containsString("already issued with other details"));
    }

    @Test
    @DisplayName("a notice is issued by an existing organisation, dated today at the latest")
    void existingOrganisationNotInFuture() {
        fixture.givenNoPriorActivity().when(new IssueNotice(ID, OrganizationId.of("nowhere"), "t", "b", ISSUED_ON))
                .expectException(NotFound.class);
        fixture.givenNoPriorActivity().when(new IssueNotice(ID, VILLAGE, "t", "b", LocalDate.of(2026, 11, 28)))
                .expectException(RuleViolation.class).expectExceptionMessage(containsString("in the future"));
    }
}
