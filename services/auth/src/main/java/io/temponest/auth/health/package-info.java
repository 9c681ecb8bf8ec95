/** The original's health and metrics routes. */
@NullMarked
package io.temponest.auth.health;

import org.jspecify.annotations.NullMarked;
