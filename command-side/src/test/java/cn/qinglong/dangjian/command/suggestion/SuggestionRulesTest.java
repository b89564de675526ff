package cn.qinglong.dangjian.command.suggestion;

import static org.hamcrest.Matchers.containsString;

import cn.qinglong.dangjian.command.shared.IdConflict;
import cn.qinglong.dangjian.command.shared.NotFound;
import cn.qinglong.dangjian.command.shared.RuleViolation;
import cn.qinglong.dangjian.command.shared.RulesFixture;
import cn.qinglong.dangjian.kernel.member.MemberId;
import cn.qinglong.dangjian.kernel.organization.OrganizationEvent.OrganizationEstablished;
import cn.qinglong.dangjian.kernel.organization.OrganizationId;
import cn.qinglong.dangjian.kernel.organization.OrganizationLevel;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCategory;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.AnswerSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.DeliberateSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionCommand.SubmitSuggestion;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionAnswered;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionDeliberated;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.SuggestionSubmitted;
import cn.qinglong.dangjian.kernel.suggestion.SuggestionId;
import java.time.LocalDate;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Suggestions (建言献策) and the party-masses council (党群议事会, 一事一议). */
class SuggestionRulesTest {

    static final SuggestionId ID = SuggestionId.of("sg-qingzhuyuan-001");
    static final OrganizationId COMMUNITY = OrganizationId.of("qingzhuyuan");
    static final LocalDate SUBMITTED = LocalDate.of(2026, 11, 2);

    final FixtureConfiguration<Suggestion> fixture = RulesFixture.of(Suggestion.class,
            new OrganizationEstablished(COMMUNITY, "青竹苑社区党总支", OrganizationLevel.GENERAL_BRANCH, null, null, null,
                    LocalDate.of(2012, 1, 1)));

    static SuggestionSubmitted submitted() {
        return new SuggestionSubmitted(ID, COMMUNITY, SuggestionCategory.GREENING, "3幢北侧绿地积水", SUBMITTED, null, "李秀英");
    }

    static SuggestionAnswered answered() {
        return new SuggestionAnswered(ID, COMMUNITY, "已请物业疏通", SUBMITTED.plusDays(5));
    }

    static SuggestionDeliberated deliberated() {
        return new SuggestionDeliberated(ID, COMMUNITY, SUBMITTED.plusDays(10), "由物业牵头改造排水");
    }

    @Test
    @DisplayName("a named resident submits a suggestion to an organisation in a category; the same again records nothing")
    void submits() {
        fixture.givenNoPriorActivity()
                .when(new SubmitSuggestion(ID, COMMUNITY, SuggestionCategory.GREENING, "3幢北侧绿地积水", SUBMITTED, null, "李秀英"))
                .expectEvents(submitted());
        fixture.given(submitted())
                .when(new SubmitSuggestion(ID, COMMUNITY, SuggestionCategory.GREENING, "3幢北侧绿地积水", SUBMITTED, null, "李秀英"))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(submitted())
                .when(new SubmitSuggestion(ID, COMMUNITY, SuggestionCategory.PROPERTY, "3幢北侧绿地积水", SUBMITTED, null, "李秀英"))
                .expectException(IdConflict.class);
    }

    @Test
    @DisplayName("a suggestion has one submitter, a registered member or a named resident, and a date not in the future")
    void submitter() {
        fixture.givenNoPriorActivity()
                .when(new SubmitSuggestion(ID, COMMUNITY, SuggestionCategory.OTHER, "x", SUBMITTED, MemberId.of("m-nobody"), null))
                .expectException(NotFound.class);
        fixture.givenNoPriorActivity()
                .when(new SubmitSuggestion(ID, COMMUNITY, SuggestionCategory.OTHER, "x", SUBMITTED, null, null))
                .expectException(RuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(new SubmitSuggestion(ID, COMMUNITY, SuggestionCategory.OTHER, "x", LocalDate.of(2026, 11, 28), null, "李秀英"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("submittedOn 2026-11-28 is in the future"));
    }

    @Test
    @DisplayName("a suggestion is answered once: the same answer again records nothing, another answer is a conflict naming the first")
    void answeredOnce() {
        fixture.given(submitted()).when(new AnswerSuggestion(ID, "已请物业疏通", SUBMITTED.plusDays(5), null))
                .expectEvents(answered());
        fixture.given(submitted(), answered()).when(new AnswerSuggestion(ID, "已请物业疏通", SUBMITTED.plusDays(5), null))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(submitted(), answered()).when(new AnswerSuggestion(ID, "另一个答复", SUBMITTED.plusDays(6), null))
                .expectException(IdConflict.class)
                .expectExceptionMessage(containsString("a suggestion is answered once; suggestion 'sg-qingzhuyuan-001' "
                        + "was answered on 2026-11-07: 已请物业疏通"));
    }

    @Test
    @DisplayName("the council deliberates a suggestion once (一事一议): the same decision again records nothing, another is a conflict")
    void deliberatedOnce() {
        fixture.given(submitted()).when(new DeliberateSuggestion(ID, SUBMITTED.plusDays(10), "由物业牵头改造排水", null))
                .expectEvents(deliberated());
        fixture.given(submitted(), deliberated())
                .when(new DeliberateSuggestion(ID, SUBMITTED.plusDays(10), "由物业牵头改造排水", null))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(submitted(), deliberated())
                .when(new DeliberateSuggestion(ID, SUBMITTED.plusDays(12), "另议", null))
                .expectException(IdConflict.class)
                .expectExceptionMessage(containsString("the council deliberates a matter once (一事一议)"));
    }

    @Test
    @DisplayName("a suggestion is answered or taken to the council, not both")
    void answeredOrDeliberated() {
        fixture.given(submitted(), answered()).when(new DeliberateSuggestion(ID, SUBMITTED.plusDays(10), "议", null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("a suggestion is answered or taken to the council, not both"));
        fixture.given(submitted(), deliberated()).when(new AnswerSuggestion(ID, "答复", SUBMITTED.plusDays(11), null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("a suggestion is answered or taken to the council, not both"));
    }

    @Test
    @DisplayName("an answer or a council meeting is dated on or after the submission, never before it")
    void notBeforeSubmission() {
        fixture.given(submitted()).when(new AnswerSuggestion(ID, "答复", SUBMITTED, null))
                .expectEvents(new SuggestionAnswered(ID, COMMUNITY, "答复", SUBMITTED));
        fixture.given(submitted()).when(new AnswerSuggestion(ID, "答复", SUBMITTED.minusDays(1), null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("answeredOn 2026-11-01 precedes the suggestion's submission on 2026-11-02"));
        fixture.given(submitted()).when(new DeliberateSuggestion(ID, SUBMITTED.minusDays(1), "议", null))
                .expectException(RuleViolation.class);
    }
}
