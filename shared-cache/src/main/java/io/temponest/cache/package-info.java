/**
 * Redis JSON cache and Redis availability tracking shared by every platform service.
 */
@NullMarked
package io.temponest.cache;

import org.jspecify.annotations.NullMarked;
