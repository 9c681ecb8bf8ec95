package io.temponest.ingestion;

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
 * parsing, chunking and embedding free of the service's features, the web and the
 * database, no cycles between features.
 */
class ArchitectureTests {

	private static final JavaClasses INGESTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.temponest.ingestion");

	@Test
	void controllersAndStoresWhenDeclaredThenPackagePrivate() {
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(INGESTION);
		classes().that()
			.areAnnotatedWith(Repository.class)
			.should()
			.notBePublic()
			.allowEmptyShould(true)
			.check(INGESTION);
	}

	@Test
	void textPipelineWhenCompiledThenPureJava() {
		noClasses().that()
			.resideInAnyPackage("io.temponest.ingestion.parse..", "io.temponest.ingestion.chunk..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
					"io.temponest.ingestion.collection..", "io.temponest.ingestion.document..",
					"io.temponest.ingestion.ingest..", "io.temponest.ingestion.query..",
					"io.temponest.ingestion.watch..")
			.check(INGESTION);
	}

	@Test
	void embeddingWhenCompiledThenIndependentOfFeaturesWebAndDatabase() {
		noClasses().that()
			.resideInAPackage("io.temponest.ingestion.embedding..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.temponest.ingestion.collection..", "io.temponest.ingestion.document..",
					"io.temponest.ingestion.ingest..", "io.temponest.ingestion.query..",
					"io.temponest.ingestion.watch..", "org.springframework.web..", "org.springframework.jdbc..")
			.check(INGESTION);
	}

	@Test
	void featurePackagesWhenCompiledThenFreeOfCycles() {
		slices().matching("io.temponest.ingestion.(*)..").should().beFreeOfCycles().check(INGESTION);
	}

}
