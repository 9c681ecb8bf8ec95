/**
 * Small pieces every feature uses: tenant transactions, domain exceptions, row mapping.
 */
@NullMarked
package io.temponest.auth.support;

import org.jspecify.annotations.NullMarked;
