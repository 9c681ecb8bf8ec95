package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.temponest.agents.role.QaTesterRoleTests.named;
import static org.assertj.core.api.Assertions.assertThat;

/** The DevOps engineer's answers read into infrastructure code, steps and checklist. */
class DevOpsRoleTests {

	@Test
	void parseWhenKubernetesManifestsThenCodeTypeFilesStepsAndChecklist() {
		String answer = """
				## Infrastructure Code
				```yaml k8s/deployment.yaml
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: orders
				```

				```yaml k8s/service.yaml
				apiVersion: v1
				kind: Service
				```

				## Deployment Steps
				1. kubectl apply -f k8s/
				2. kubectl rollout status deployment/orders

				## Validation Checklist
				- [x] Resource requests and limits set
				- [x] Liveness and readiness probes
				- [ ] Network policy

				## Citations
				- [Infrastructure Pattern 1] k8s-deployments.md (v1.29)
				""";
		Map<String, Object> result = AgentRole.DEVOPS.parse(answer);
		assertThat(result.keySet()).containsExactly("infrastructure_code", "code_type", "file_map",
				"deployment_instructions", "best_practices", "citations", "raw_output");
		assertThat(result.get("infrastructure_code"))
			.isEqualTo("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders");
		assertThat(result.get("code_type")).isEqualTo("kubernetes");
		assertThat(result.get("file_map")).isEqualTo(Map.of("k8s/deployment.yaml", result.get("infrastructure_code"),
				"k8s/service.yaml", "apiVersion: v1\nkind: Service"));
		assertThat(result.get("deployment_instructions"))
			.isEqualTo(List.of("kubectl apply -f k8s/", "kubectl rollout status deployment/orders"));
		assertThat(result.get("best_practices"))
			.isEqualTo(List.of("Resource requests and limits set", "Liveness and readiness probes", "Network policy"));
		assertThat(result.get("citations")).isEqualTo(List.of(named("k8s-deployments.md", "1.29")));
	}

	@Test
	void parseWhenTerraformAfterProseThenTerraform() {
		String answer = """
				I'd provision the bucket with Terraform. First a note in bash:
				```bash
				terraform init
				```
				```hcl
				provider "aws" {
				  region = var.region
				}
				```
				Deployment instructions:
				- terraform plan
				- terraform apply
				""";
		Map<String, Object> result = AgentRole.DEVOPS.parse(answer);
		assertThat(result.get("infrastructure_code")).isEqualTo("provider \"aws\" {\n  region = var.region\n}");
		assertThat(result.get("code_type")).isEqualTo("terraform");
		assertThat(result.get("file_map")).isEqualTo(Map.of());
		assertThat(result.get("deployment_instructions")).isEqualTo(List.of("terraform plan", "terraform apply"));
	}

	@Test
	void parseWhenDockerfileHelmOrPipelineThenTheirTypes() {
		assertThat(AgentRole.DEVOPS.parse("```dockerfile\nFROM eclipse-temurin:21-jre\n```").get("code_type"))
			.isEqualTo("dockerfile");
		assertThat(AgentRole.DEVOPS.parse("```\nFROM alpine:3.20\nUSER app\n```").get("code_type"))
			.isEqualTo("dockerfile");
		assertThat(
				AgentRole.DEVOPS.parse("### Chart.yaml\n```yaml\napiVersion: v2\nname: orders\n```").get("code_type"))
			.isEqualTo("helm");
		assertThat(AgentRole.DEVOPS
			.parse("```yaml .github/workflows/ci.yml\njobs:\n  build:\n    runs-on: ubuntu-latest\n```")
			.get("code_type")).isEqualTo("ci");
		assertThat(AgentRole.DEVOPS.parse("```nginx\nserver { listen 80; }\n```").get("code_type")).isEqualTo("other");
	}

	@Test
	void parseWhenEmptyOrProseThenNoCode() {
		for (String answer : List.of("", "Use managed Kubernetes; it will save you time.")) {
			Map<String, Object> result = AgentRole.DEVOPS.parse(answer);
			assertThat(result).isEqualTo(
					Map.of("infrastructure_code", "", "code_type", "", "file_map", Map.of(), "deployment_instructions",
							List.of(), "best_practices", List.of(), "citations", List.of(), "raw_output", answer));
		}
	}

}
