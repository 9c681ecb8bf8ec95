/**
 * The agents service: the seven built-in roles and tenant agents run on LLM providers,
 * their executions, costs and budgets.
 */
@NullMarked
package io.temponest.agents;

import org.jspecify.annotations.NullMarked;
