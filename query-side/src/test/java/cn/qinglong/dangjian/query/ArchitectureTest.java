package cn.qinglong.dangjian.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;

/** How the query side's packages may depend on each other. */
@AnalyzeClasses(packages = "cn.qinglong.dangjian.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule features_use_each_other_only_through_public_types = classes()
            .should(ArchCondition.from(DescribedPredicate.describe(
                    "use only the public types of another package",
                    (JavaClass origin) -> origin.getDirectDependenciesFromSelf().stream()
                            .map(d -> d.getTargetClass().getBaseComponentType())
                            .allMatch(target -> target.getPackageName().equals(origin.getPackageName())
                                    || !target.getPackageName().startsWith("cn.qinglong.dangjian.") || visible(target)))));

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("cn.qinglong.dangjian.query.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule projections_do_not_read_the_http_request_or_the_caller = noClasses()
            .that().resideInAPackage("..query.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                    "cn.qinglong.dangjian.security")
            .as("nothing under projection reads the HTTP request or the caller: that is the web layer's"
                    + " (refusals, in security.problem, may be thrown anywhere)");

    private static boolean visible(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC)
                && type.getEnclosingClass().map(ArchitectureTest::visible).orElse(true);
    }
}
