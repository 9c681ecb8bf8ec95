/**
 * The health route, with the database and Temporal as components.
 */
@NullMarked
package io.temponest.approval.health;

import org.jspecify.annotations.NullMarked;
