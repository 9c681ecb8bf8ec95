/**
 * The tenant's pipelines as rows in workers.pipelines: idempotent registration, listing,
 * status kept current.
 */
@NullMarked
package io.temponest.workers.registry;

import org.jspecify.annotations.NullMarked;
