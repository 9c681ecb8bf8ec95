/**
 * User accounts and their roles and permissions.
 */
@NullMarked
package io.temponest.auth.user;

import org.jspecify.annotations.NullMarked;
