/**
 * Auto-configuration of the platform cache and rate limiting.
 */
@NullMarked
package io.temponest.cache.autoconfigure;

import org.jspecify.annotations.NullMarked;
