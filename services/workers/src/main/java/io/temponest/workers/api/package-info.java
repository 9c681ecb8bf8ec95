/**
 * The REST API: start a pipeline, read its state, cancel it, list the tenant's pipelines.
 */
@NullMarked
package io.temponest.workers.api;

import org.jspecify.annotations.NullMarked;
