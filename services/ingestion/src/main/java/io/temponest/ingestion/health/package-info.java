/** The service's health: database, cache and the embedding models it runs. */
@NullMarked
package io.temponest.ingestion.health;

import org.jspecify.annotations.NullMarked;
