package io.temponest.approval;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Fences that keep the layout readable: web types and stores private to their feature,
 * the signal outbox free of request rules, the pages using the request feature only
 * through its public service, no cycles between features.
 */
class ArchitectureTests {

	private static final JavaClasses APPROVAL = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.temponest.approval");

	@Test
	void controllersAndStoresWhenDeclaredThenPackagePrivate() {
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(APPROVAL);
		classes().that().areAnnotatedWith(Controller.class).should().notBePublic().check(APPROVAL);
		classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(APPROVAL);
	}

	@Test
	void signalsWhenCompiledThenIndependentOfRequestsAndPages() {
		noClasses().that()
			.resideInAPackage("io.temponest.approval.signal..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.temponest.approval.request..", "io.temponest.approval.page..")
			.check(APPROVAL);
	}

	@Test
	void sqlWhenUsedThenOnlyInStoresAndBackgroundWork() {
		noClasses().that()
			.resideInAnyPackage("io.temponest.approval.page..", "io.temponest.approval.health..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..")
			.check(APPROVAL);
	}

	@Test
	void featurePackagesWhenCompiledThenFreeOfCycles() {
		slices().matching("io.temponest.approval.(*)..").should().beFreeOfCycles().check(APPROVAL);
	}

}
