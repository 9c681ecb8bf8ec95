/**
 * The activity implementations: agent and approval calls over HTTP as the user who
 * started the workflow, output validation, deployment and status recording.
 */
@NullMarked
package io.temponest.workers.activity;

import org.jspecify.annotations.NullMarked;
