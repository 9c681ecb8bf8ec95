/**
 * Tenants and their members: registration, invitations, role changes and deactivation.
 */
@NullMarked
package io.temponest.auth.tenancy;

import org.jspecify.annotations.NullMarked;
