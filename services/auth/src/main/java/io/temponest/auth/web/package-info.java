/** Helpers shared by the auth service's controllers. */
@NullMarked
package io.temponest.auth.web;

import org.jspecify.annotations.NullMarked;
