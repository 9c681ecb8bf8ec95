/**
 * Token exchange: registered services obtain short-lived access tokens of the users they
 * act for (RFC 8693 semantics).
 */
@NullMarked
package io.temponest.auth.exchange;

import org.jspecify.annotations.NullMarked;
