/**
 * API keys: creation, listing, revocation and verification.
 */
@NullMarked
package io.temponest.auth.apikey;

import org.jspecify.annotations.NullMarked;
