package io.temponest.workers;

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
 * Fences: web types and stores private to their feature; workflow code free of I/O,
 * Spring, clocks and randomness (Temporal replays it); no cycles between features.
 */
class ArchitectureTests {

	private static final JavaClasses WORKERS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.temponest.workers");

	@Test
	void controllersAndStoresWhenDeclaredThenPackagePrivate() {
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(WORKERS);
		classes().that().areAnnotatedWith(Repository.class).should().notBePublic().check(WORKERS);
	}

	@Test
	void workflowCodeWhenCompiledThenDeterministic() {
		noClasses().that()
			.resideInAPackage("io.temponest.workers.pipeline..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.net..", "java.sql..", "java.io..",
					"io.temponest.workers.activity..", "io.temponest.workers.registry..",
					"io.temponest.workers.deployment..", "io.temponest.workers.api..", "tools.jackson..")
			.check(WORKERS);
		noClasses().that()
			.resideInAPackage("io.temponest.workers.pipeline..")
			.should()
			.callMethod(System.class, "currentTimeMillis")
			.orShould()
			.callMethod(System.class, "nanoTime")
			.orShould()
			.callMethod(java.util.UUID.class, "randomUUID")
			.orShould()
			.callMethod(java.time.Instant.class, "now")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("java.util.Random")
			.check(WORKERS);
	}

	@Test
	void featurePackagesWhenCompiledThenFreeOfCycles() {
		slices().matching("io.temponest.workers.(*)..").should().beFreeOfCycles().check(WORKERS);
	}

}
