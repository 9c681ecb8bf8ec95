/**
 * Deployment requests: a row in workers.deployments and a project.deployment.approved
 * event in one transaction.
 */
@NullMarked
package io.temponest.workers.deployment;

import org.jspecify.annotations.NullMarked;
