/**
 * The agents catalog of the SDK's {@code /agents} API: the seven built-in roles every
 * tenant sees, the tenant's own agents (name, model, system prompt, settings), and
 * running either synchronously or as a server-sent event stream.
 */
@NullMarked
package io.temponest.agents.agent;

import org.jspecify.annotations.NullMarked;
