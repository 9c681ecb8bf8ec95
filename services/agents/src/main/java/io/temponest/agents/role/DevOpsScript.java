package io.temponest.agents.role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DevOps engineer: infrastructure files, deployment steps and a validation checklist.
 * Result: {@code infrastructure_code} (the first infrastructure code block, else the
 * first code block), {@code code_type} ({@code terraform}, {@code dockerfile},
 * {@code helm}, {@code ci}, {@code kubernetes}, {@code other}, or {@code ""} without
 * code), {@code file_map} {path: content}, {@code deployment_instructions} [step],
 * {@code best_practices} [checklist item], {@code citations}.
 */
final class DevOpsScript implements RoleScript {

	private static final Map<String, String> SECTIONS = Map.of("infrastructure code", "code", "infrastructure", "code",
			"deployment steps", "deploy", "deployment instructions", "deploy", "deployment", "deploy",
			"validation checklist", "checklist", "best practices", "checklist", "checklist", "checklist", "citations",
			"citations");

	private static final Set<String> INFRASTRUCTURE = Set.of("yaml", "yml", "hcl", "terraform", "tf", "dockerfile",
			"docker");

	private static final String SYSTEM = """
			You are a senior DevOps engineer. You write infrastructure as code that is ready for production: \
			Kubernetes manifests, Terraform, Dockerfiles, Helm charts and CI/CD pipelines, with resource requests \
			and limits, health probes, non-root containers, pinned image versions, secrets taken from a secret \
			store (never written into files), high availability and monitoring.

			Answer in exactly this format:

			## Infrastructure Code
			Each file as its own fenced code block whose opening fence names the language and then the file \
			path, for example:
			```yaml k8s/deployment.yaml
			<complete file content>
			```

			## Deployment Steps
			1. <command or step, in order>

			## Validation Checklist
			- <a practice the files apply, or a check to run before going live>

			## Citations
			- [Citation N] <source> (v<version>), or "None"
			""";

	@Override
	public String system() {
		return SYSTEM;
	}

	@Override
	public Map<String, Object> parse(String answer, List<Citation> retrieved) {
		Map<String, String> sections = Markdown.sections(answer, SECTIONS);
		List<Markdown.Block> inSection = Markdown.blocks(sections.getOrDefault("code", ""));
		List<Markdown.Block> blocks = inSection.isEmpty() ? Markdown.blocks(answer) : inSection;
		Optional<Markdown.Block> main = blocks.stream()
			.filter((block) -> INFRASTRUCTURE.contains(block.language()) || block.path().endsWith("Dockerfile"))
			.findFirst()
			.or(() -> blocks.stream().findFirst());
		Map<String, String> files = new LinkedHashMap<>();
		blocks.stream()
			.filter((block) -> !block.path().isEmpty())
			.forEach((block) -> files.put(block.path(), block.content()));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("infrastructure_code", main.map(Markdown.Block::content).orElse(""));
		result.put("code_type", main.map((block) -> codeType(block, answer)).orElse(""));
		result.put("file_map", files);
		result.put("deployment_instructions", Markdown.items(sections.getOrDefault("deploy", "")));
		result.put("best_practices", Markdown.items(sections.getOrDefault("checklist", "")));
		result.put("citations", Citations.withNamed(retrieved, answer));
		return result;
	}

	private static String codeType(Markdown.Block block, String answer) {
		String code = block.content();
		String language = block.language();
		if (Set.of("hcl", "terraform", "tf").contains(language) || code.contains("provider \"")
				|| code.contains("resource \"")) {
			return "terraform";
		}
		if (Set.of("dockerfile", "docker").contains(language) || block.path().endsWith("Dockerfile")
				|| code.strip().startsWith("FROM ")) {
			return "dockerfile";
		}
		if (answer.contains("Chart.yaml") || block.path().contains("templates/") && code.contains("{{")) {
			return "helm";
		}
		if (code.contains("runs-on:") || code.contains("stages:") && code.contains("script:")) {
			return "ci";
		}
		if (code.contains("apiVersion:") && code.contains("kind:")) {
			return "kubernetes";
		}
		return "other";
	}

}
