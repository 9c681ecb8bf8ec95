package io.temponest.auth;

import java.lang.annotation.Annotation;
import java.util.List;

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
 * Fences that keep the layout readable: libraries below services, web types private to
 * their feature.
 */
class ArchitectureTests {

	private static final JavaClasses PLATFORM = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.temponest");

	@Test
	void librariesWhenCompiledThenNeverDependOnServices() {
		noClasses().that()
			.resideInAnyPackage("io.temponest.security..", "io.temponest.cache..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.temponest.auth..")
			.check(PLATFORM);
	}

	@Test
	void serviceControllersWhenDeclaredThenPackagePrivate() {
		for (Class<? extends Annotation> stereotype : List.of(RestController.class, Controller.class)) {
			classes().that()
				.resideInAPackage("io.temponest.auth..")
				.and()
				.areAnnotatedWith(stereotype)
				.should()
				.notBePublic()
				.allowEmptyShould(true)
				.check(PLATFORM);
		}
	}

	@Test
	void repositoriesWhenDeclaredThenNotPublic() {
		classes().that()
			.areAnnotatedWith(Repository.class)
			.should()
			.notBePublic()
			.allowEmptyShould(true)
			.check(PLATFORM);
	}

	@Test
	void featurePackagesWhenCompiledThenFreeOfCycles() {
		slices().matching("io.temponest.auth.(*)..").should().beFreeOfCycles().check(PLATFORM);
	}

}
