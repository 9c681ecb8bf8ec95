/**
 * Agent runs: the seven roles' {@code POST /{role}/run} and the pipeline every run goes
 * through (token budget, idempotency, spending budget, the LLM call, one transaction
 * writing the execution, its cost and the idempotent answer).
 */
@NullMarked
package io.temponest.agents.run;

import org.jspecify.annotations.NullMarked;
