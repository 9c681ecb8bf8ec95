/**
 * Stored refresh tokens: families, rotation and reuse detection.
 */
@NullMarked
package io.temponest.auth.refresh;

import org.jspecify.annotations.NullMarked;
