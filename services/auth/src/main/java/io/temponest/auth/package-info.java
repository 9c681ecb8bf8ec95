/**
 * The auth service: users, tenants, roles and permissions, tokens, API keys and JWKS.
 */
@NullMarked
package io.temponest.auth;

import org.jspecify.annotations.NullMarked;
