package io.temponest.agents.cost;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of cost tracking.
 *
 * @param pricingRefresh how long the model prices read from the database are used before
 * they are read again
 * @param budgetCacheTtl how long the budget check trusts a tenant's budgets and spend
 * read (or written) by this instance; runs of other instances during that time are not
 * seen, so a tenant may overshoot a limit by what they spend in it
 */
@ConfigurationProperties("temponest.costs")
public record CostProperties(@DefaultValue("5m") Duration pricingRefresh, @DefaultValue("2s") Duration budgetCacheTtl) {

}
