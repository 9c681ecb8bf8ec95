/**
 * Server-rendered approval pages: sign-in through the auth service, dashboard, detail and
 * decision forms.
 */
@NullMarked
package io.temponest.approval.page;

import org.jspecify.annotations.NullMarked;
