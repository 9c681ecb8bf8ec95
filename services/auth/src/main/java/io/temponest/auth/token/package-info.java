/**
 * Signing keys, the public key set, and issuing and verifying platform tokens.
 */
@NullMarked
package io.temponest.auth.token;

import org.jspecify.annotations.NullMarked;
