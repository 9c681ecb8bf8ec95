package io.temponest.agents.run;

import java.util.EnumMap;
import java.util.Map;

import io.temponest.agents.llm.LlmProvider;
import io.temponest.agents.llm.ModelChoice;
import io.temponest.agents.role.AgentRole;

import org.springframework.stereotype.Component;

/**
 * The provider and model each built-in role runs on, from configuration; an unknown
 * provider name stops the start.
 */
@Component
public class RoleModels {

	private final Map<AgentRole, ModelChoice> models = new EnumMap<>(AgentRole.class);

	RoleModels(RunProperties properties) {
		for (AgentRole role : AgentRole.values()) {
			RunProperties.RoleModel own = properties.roles().get(role.slug());
			String provider = (own != null && own.provider() != null) ? own.provider() : properties.defaultProvider();
			String model = (own != null && own.model() != null) ? own.model() : properties.defaultModel();
			this.models.put(role, new ModelChoice(provider(provider), model));
		}
	}

	/**
	 * The model a role runs on.
	 * @param role the role
	 * @return its provider and model
	 */
	public ModelChoice modelFor(AgentRole role) {
		return this.models.get(role);
	}

	private static LlmProvider provider(String name) {
		return LlmProvider.of(name)
			.orElseThrow(() -> new IllegalStateException(
					"Unknown LLM provider '" + name + "' in temponest.agents (use ollama, openai or anthropic)"));
	}

}
