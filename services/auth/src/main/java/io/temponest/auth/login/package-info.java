/**
 * Sign-in, token refresh, sign-out and the signed-in user.
 */
@NullMarked
package io.temponest.auth.login;

import org.jspecify.annotations.NullMarked;
