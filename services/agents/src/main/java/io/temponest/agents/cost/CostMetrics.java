package io.temponest.agents.cost;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The cost metrics: USD spent per agent and provider, budget alerts and refusals, and
 * calls priced at zero because neither their model nor their provider has a price. Agent
 * names are chosen by tenants, so at most {@value #MAX_AGENTS} distinct ones get a series
 * of their own; the others share {@code agent="other"}.
 */
@Component
class CostMetrics {

	static final String COST = "temponest.agent.cost.usd";

	static final String ALERTS = "temponest.budget.alerts";

	static final String REFUSALS = "temponest.budget.refusals";

	static final String UNKNOWN_MODELS = "temponest.pricing.unknown.models";

	static final int MAX_AGENTS = 200;

	private static final int MAX_TAG_LENGTH = 100;

	private static final Logger log = LoggerFactory.getLogger(CostMetrics.class);

	private final MeterRegistry registry;

	private final Map<String, Map<String, Counter>> costs = new ConcurrentHashMap<>();

	private final Set<String> reportedModels = ConcurrentHashMap.newKeySet();

	CostMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void cost(String agent, String provider, double usd) {
		String agentTag = (this.costs.containsKey(agent) || this.costs.size() < MAX_AGENTS) ? tag(agent) : "other";
		Counter counter = this.costs.computeIfAbsent(agentTag, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(tag(provider),
					(providerTag) -> Counter.builder(COST)
						.description("USD spent on LLM calls")
						.tag("agent", agentTag)
						.tag("provider", providerTag)
						.register(this.registry));
		counter.increment(usd);
	}

	void alert(String type) {
		Counter.builder(ALERTS)
			.description("Budget alerts raised (a spend crossed the alert threshold or the limit)")
			.tag("type", type)
			.register(this.registry)
			.increment();
	}

	void refusal(String budgetType) {
		Counter.builder(REFUSALS)
			.description("Runs refused because a budget was used up")
			.tag("budget_type", budgetType)
			.register(this.registry)
			.increment();
	}

	void unknownModel(String provider, String model) {
		Counter.builder(UNKNOWN_MODELS)
			.description("Calls priced at zero because neither the model nor its provider has a price")
			.tag("provider", tag(provider))
			.register(this.registry)
			.increment();
		if (this.reportedModels.size() < 1000 && this.reportedModels.add(provider + "/" + model)) {
			log.warn("No price for model {} of provider {}; its calls are recorded as free", model, provider);
		}
	}

	private static String tag(String value) {
		return (value.length() > MAX_TAG_LENGTH) ? value.substring(0, MAX_TAG_LENGTH) : value;
	}

}
