package cn.qinglong.dangjian.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

@AnalyzeClasses(packages = "cn.qinglong.dangjian.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class PublishedLanguageTest {

    @ArchTest
    static final ArchRule the_published_language_has_no_spring_jdbc_or_mongo = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                    "com.mongodb..", "org.bson..", "jakarta.persistence..", "tools.jackson.databind..")
            .as("shared-kernel is the published language: no Spring, JDBC, Mongo or persistence mapping");

    @ArchTest
    static final ArchRule the_declarations_of_personal_data_and_business_dates_are_plain_java = noClasses()
            .that().resideInAPackage("cn.qinglong.dangjian.kernel.common..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.fasterxml.jackson..",
                    "tools.jackson..", "org.axonframework..")
            .as("@Personal and @BusinessDate, and what reads them, need neither Spring, Jackson nor Axon");

    @ArchTest
    static final ArchRule every_event_has_a_revision = classes()
            .that().implement(cn.qinglong.dangjian.kernel.member.MemberEvent.class)
            .or().implement(cn.qinglong.dangjian.kernel.organization.OrganizationEvent.class)
            .or().implement(cn.qinglong.dangjian.kernel.studyday.StudyDayEvent.class)
            .or().implement(cn.qinglong.dangjian.kernel.evaluation.EvaluationRoundEvent.class)
            .or().implement(cn.qinglong.dangjian.kernel.suggestion.SuggestionEvent.class)
            .or().implement(cn.qinglong.dangjian.kernel.notice.NoticeEvent.class)
            .or().implement(cn.qinglong.dangjian.kernel.meeting.MeetingEvent.class)
            .should().beAnnotatedWith(Revision.class)
            .as("every stored event names its revision from day one");

    @ArchTest
    static final ArchRule events_and_commands_are_records = classes()
            .that().resideInAPackage("cn.qinglong.dangjian.kernel..")
            .and().haveSimpleNameNotEndingWith("Test")
            .and().areNotInterfaces().and().areNotEnums().and().areTopLevelClasses()
            .and().doNotHaveSimpleName("Ids").and().doNotHaveSimpleName("Enums")
            .and().doNotHaveSimpleName("PersonalData").and().doNotHaveSimpleName("BusinessDates")
            .should().beRecords()
            .as("messages and values are immutable records");
}
