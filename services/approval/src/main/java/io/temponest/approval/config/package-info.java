/**
 * Cross-cutting wiring: the security filter chains of the API and of the pages.
 */
@NullMarked
package io.temponest.approval.config;

import org.jspecify.annotations.NullMarked;
