/**
 * The approval service: approval requests from workflows, people's decisions, signals
 * back to the workflows, and the server-rendered approval pages.
 */
@NullMarked
package io.temponest.approval;

import org.jspecify.annotations.NullMarked;
