package io.temponest.workers.pipeline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyword rules of the original (its test cases) and the overseer's own level first.
 */
class RiskLevelTests {

	@ParameterizedTest
	@CsvSource({ "Deploy to production, HIGH", "Execute billing migration, HIGH", "Process refund, HIGH",
			"Drop database table, HIGH", "Process refund for customer, HIGH", "Update documentation, LOW",
			"Create README file, LOW", "Add comments to code, LOW", "Draft PR description, LOW",
			"Write documentation, LOW", "Add code comments, LOW", "Implement API endpoint, MEDIUM",
			"Add new feature, MEDIUM", "Refactor code, MEDIUM", "Create API endpoint, MEDIUM",
			"DEPLOY TO PRODUCTION, HIGH", "UPDATE DOCUMENTATION, LOW", "Fix the dropdown, HIGH",
			"Fix the thread pool, LOW", "Already done, LOW" })
	void assessWhenKeywordsThenOriginalRules(String task, RiskLevel expected) {
		assertThat(RiskLevel.assess(task)).isEqualTo(expected);
		assertThat(RiskLevel.of(task, null)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "Deploy to production, low, LOW", "Update documentation, High, HIGH",
			"Refactor code, ' medium ', MEDIUM", "Deploy to production, critical, HIGH" })
	void ofWhenOverseerGaveALevelThenItWinsUnlessUnknown(String task, String planned, RiskLevel expected) {
		assertThat(RiskLevel.of(task, planned)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "LOW, 0", "MEDIUM, 1", "HIGH, 2" })
	void requiredApproversWhenLevelThenZeroOneTwo(RiskLevel level, int approvers) {
		assertThat(level.requiredApprovers()).isEqualTo(approvers);
	}

}
