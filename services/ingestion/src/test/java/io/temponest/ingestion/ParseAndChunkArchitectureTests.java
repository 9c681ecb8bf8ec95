package io.temponest.ingestion;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Fences around the parsing and chunking packages: plain Java libraries, free of Spring,
 * JDBC and the service's other features, and only one class setting POI's process-wide
 * zip limits.
 */
class ParseAndChunkArchitectureTests {

	private static final JavaClasses INGESTION = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.temponest.ingestion");

	@Test
	void parseAndChunkWhenCompiledThenFreeOfSpringJdbcAndOtherFeatures() {
		noClasses().that()
			.resideInAnyPackage("io.temponest.ingestion.parse..", "io.temponest.ingestion.chunk..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
			.check(INGESTION);
		noClasses().that()
			.resideInAPackage("io.temponest.ingestion.parse..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.temponest.ingestion.chunk..")
			.check(INGESTION);
		noClasses().that()
			.resideInAPackage("io.temponest.ingestion.chunk..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.temponest.ingestion.parse..")
			.check(INGESTION);
	}

	@Test
	void zipSecureFileLimitsWhenSetThenOnlyByZipContainerLimits() {
		noClasses().that()
			.doNotHaveFullyQualifiedName("io.temponest.ingestion.parse.ZipContainerLimits")
			.should()
			.callMethodWhere(DescribedPredicate.describe("a ZipSecureFile setter",
					(call) -> call.getTargetOwner().isEquivalentTo(ZipSecureFile.class)
							&& call.getName().startsWith("set")))
			.check(INGESTION);
	}

}
