/**
 * The workers service: Temporal workers of the project pipeline (plan, approvals, agent
 * runs, deployment request) and of simple agent tasks, and a REST API to start, follow
 * and cancel pipelines.
 */
@NullMarked
package io.temponest.workers;

import org.jspecify.annotations.NullMarked;
