package io.temponest.scheduler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Fences that keep the layout readable: web types and stores private to their feature,
 * the timing rules free of Spring and storage, the agent client free of scheduler
 * features, no cycles between features.
 */
class ArchitectureTests {

	private static final JavaClasses SCHEDULER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.temponest.scheduler");

	@Test
	void controllersAndStoresWhenDeclaredThenPackagePrivate() {
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(SCHEDULER);
		classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(SCHEDULER);
	}

	@Test
	void timingWhenCompiledThenPureJava() {
		noClasses().that()
			.resideInAPackage("io.temponest.scheduler.timing..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "org.springframework.web..",
					"io.temponest.scheduler.schedule..", "io.temponest.scheduler.execution..",
					"io.temponest.scheduler.dispatch..")
			.check(SCHEDULER);
	}

	@Test
	void agentClientWhenCompiledThenIndependentOfSchedulerFeatures() {
		noClasses().that()
			.resideInAPackage("io.temponest.scheduler.agent..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.temponest.scheduler.schedule..", "io.temponest.scheduler.execution..",
					"io.temponest.scheduler.dispatch..")
			.check(SCHEDULER);
	}

	@Test
	void featurePackagesWhenCompiledThenFreeOfCycles() {
		slices().matching("io.temponest.scheduler.(*)..").should().beFreeOfCycles().check(SCHEDULER);
	}

}
