/**
 * Validation rules for emails and stored names, and their Bean Validation constraints.
 */
@NullMarked
package io.temponest.auth.validation;

import org.jspecify.annotations.NullMarked;
