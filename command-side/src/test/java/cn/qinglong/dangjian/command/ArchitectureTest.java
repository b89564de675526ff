package cn.qinglong.dangjian.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;

/** How the command side's packages may depend on each other. */
@AnalyzeClasses(packages = "cn.qinglong.dangjian.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A type another package may use: public, and so is every type it is nested in. */
    private static final DescribedPredicate<JavaClass> EXPORTED = DescribedPredicate.describe("public",
            type -> type.getModifiers().contains(JavaModifier.PUBLIC)
                    && type.getEnclosingClass().map(ArchitectureTest.EXPORTED::test).orElse(true));

    @ArchTest
    static final ArchRule features_use_each_other_only_through_public_types = classes()
            .that(DescribedPredicate.not(EXPORTED))
            .should(ArchCondition.from(DescribedPredicate.describe("be used only in their own package",
                    (JavaClass type) -> type.getDirectDependenciesToSelf().stream()
                            .allMatch(d -> d.getOriginClass().getPackageName().equals(type.getPackageName())))));

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices().matching("cn.qinglong.dangjian.command.(*)..")
            .should().beFreeOfCycles();
}
