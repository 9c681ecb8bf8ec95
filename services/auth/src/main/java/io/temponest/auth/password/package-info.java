/**
 * Password hashing (bcrypt, bounded concurrency) and the password policy.
 */
@NullMarked
package io.temponest.auth.password;

import org.jspecify.annotations.NullMarked;
