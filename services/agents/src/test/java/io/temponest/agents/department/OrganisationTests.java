package io.temponest.agents.department;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The organisation loader: the shipped file loads with every workflow step resolved
 * (relative to its department, its parents, or by full path), and a wrong file stops the
 * service with a message naming what is wrong.
 */
class OrganisationTests {

	private static final String VALID = """
			departments:
			  - id: eng
			    name: Engineering
			    agents:
			      - {id: lead, name: Lead, role: overseer}
			      - {id: dev, name: Dev, role: developer}
			    workflows:
			      - id: build
			        name: Build
			        steps:
			          - {agent: lead, task: Plan}
			          - {agent: dev, task: Build}
			  - id: qa
			    name: QA
			    parent: eng
			    agents:
			      - {id: tester, name: Tester, role: qa_tester}
			    workflows:
			      - id: check
			        name: Check
			        steps:
			          - {agent: dev, task: Fix}
			          - {agent: tester, task: Test}
			          - {agent: eng.qa.tester, task: Retest}
			""";

	@Test
	void shippedOrganisationLoadsWithEveryStepResolved() {
		Organisation organisation = Organisation.load(new ClassPathResource("departments/organisation.yaml"));

		assertThat(organisation.departments()).extracting(Organisation.Dept::path)
			.contains("engineering", "engineering.security", "marketing", "marketing.video_production",
					"marketing.social_media");
		assertThat(organisation.workflows()).isNotEmpty().allSatisfy((flow) -> assertThat(flow.steps()).isNotEmpty());
		assertThat(organisation.workflow("marketing.campaign_launch").orElseThrow().steps())
			.extracting((step) -> step.agent().path())
			.containsExactly("marketing.marketing_strategist", "marketing.content_writer",
					"marketing.social_media.social_manager", "marketing.marketing_strategist");
		assertThat(organisation.workflow("engineering.security.security_review").orElseThrow().steps())
			.extracting((step) -> step.agent().role().slug())
			.containsExactly("security-auditor", "developer", "qa-tester");
	}

	@Test
	void stepsResolveInTheirDepartmentThenParentsThenByPath() {
		Organisation organisation = load(VALID);

		assertThat(organisation.workflow("eng.qa.check").orElseThrow().steps())
			.extracting((step) -> step.agent().path())
			.containsExactly("eng.dev", "eng.qa.tester", "eng.qa.tester");
		assertThat(organisation.department("qa").orElseThrow().path()).isEqualTo("eng.qa");
		assertThat(organisation.department("eng").orElseThrow().children()).containsExactly("qa");
	}

	@Test
	void unknownStepAgentIsRefusedWithItsPlace() {
		assertThatIllegalStateException()
			.isThrownBy(() -> load(VALID.replace("{agent: dev, task: Fix}", "{agent: janitor, task: Fix}")))
			.withMessageContaining("department 'qa', workflow 'check', step 1: unknown agent 'janitor'");
	}

	@Test
	void unknownRoleIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> load(VALID.replace("role: developer", "role: plumber")))
			.withMessageContaining("department 'eng', agent 'dev': unknown role 'plumber'");
	}

	@Test
	void badTreesAndEntriesAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> load(VALID.replace("parent: eng", "parent: ops")))
			.withMessageContaining("department 'qa' names an unknown parent 'ops'");
		assertThatIllegalStateException()
			.isThrownBy(() -> load(VALID.replace("name: Engineering", "name: Engineering\n    parent: qa")))
			.withMessageContaining("is its own ancestor");
		assertThatIllegalStateException().isThrownBy(() -> load(VALID.replace("id: qa", "id: eng")))
			.withMessageContaining("department 'eng' is declared twice");
		assertThatIllegalStateException()
			.isThrownBy(() -> load(VALID.replace("{agent: lead, task: Plan}", "{agent: lead}")))
			.withMessageContaining("workflow 'build', step 1 has no task");
		assertThatIllegalStateException()
			.isThrownBy(() -> load(VALID.replace("name: Build", "name: Build\n        colour: red")))
			.withMessageContaining("is not valid");
		assertThatIllegalStateException().isThrownBy(() -> load("departments: [ {id: x"))
			.withMessageContaining("cannot be read");
	}

	@Test
	void serviceRefusesToStartWithAWrongMountedFile(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("organisation.yaml");
		Files.writeString(file, VALID.replace("{agent: tester, task: Test}", "{agent: ghost, task: Test}"),
				StandardCharsets.UTF_8);

		new ApplicationContextRunner().withUserConfiguration(Enabled.class, DepartmentConfiguration.class)
			.withPropertyValues("temponest.agents.departments.location=file:" + file)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("unknown agent 'ghost'")
				.hasMessageContaining(file.getFileName().toString()));
		Files.writeString(file, VALID, StandardCharsets.UTF_8);
		new ApplicationContextRunner().withUserConfiguration(Enabled.class, DepartmentConfiguration.class)
			.withPropertyValues("temponest.agents.departments.location=file:" + file)
			.run((context) -> assertThat(context.getBean(Organisation.class).workflow("eng.build")).isPresent());
	}

	private static Organisation load(String yaml) {
		return Organisation.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test organisation"));
	}

	@EnableConfigurationProperties(DepartmentProperties.class)
	static class Enabled {

	}

}
