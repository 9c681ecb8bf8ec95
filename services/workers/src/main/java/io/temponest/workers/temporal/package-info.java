/**
 * Temporal wiring: the service stubs, the client, the worker and its lifecycle, the JSON
 * payload converter, health and the development fallback server.
 */
@NullMarked
package io.temponest.workers.temporal;

import org.jspecify.annotations.NullMarked;
