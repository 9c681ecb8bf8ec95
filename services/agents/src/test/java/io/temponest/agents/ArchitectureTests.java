package io.temponest.agents;

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
 * the LLM layer and the roles free of the service's features and of the web, no cycles
 * between features.
 */
class ArchitectureTests {

	private static final JavaClasses AGENTS = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.temponest.agents");

	@Test
	void controllersAndStoresWhenDeclaredThenPackagePrivate() {
		classes().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.notBePublic()
			.allowEmptyShould(true)
			.check(AGENTS);
		classes().that().areAnnotatedWith(Repository.class).should().notBePublic().allowEmptyShould(true).check(AGENTS);
	}

	@Test
	void llmLayerWhenCompiledThenIndependentOfFeaturesAndWeb() {
		noClasses().that()
			.resideInAPackage("io.temponest.agents.llm..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.temponest.agents.role..", "io.temponest.agents.run..",
					"io.temponest.agents.agent..", "io.temponest.agents.cost..", "org.springframework.web..",
					"org.springframework.jdbc..")
			.check(AGENTS);
	}

	@Test
	void rolesWhenCompiledThenPureJava() {
		noClasses().that()
			.resideInAPackage("io.temponest.agents.role..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.temponest.agents.run..", "io.temponest.agents.agent..",
					"io.temponest.agents.cost..", "org.springframework..", "java.sql..", "javax.sql..")
			.check(AGENTS);
	}

	@Test
	void featurePackagesWhenCompiledThenFreeOfCycles() {
		slices().matching("io.temponest.agents.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(AGENTS);
	}

}
