package io.temponest.security.web;

/**
 * One entry of the {@code errors} list of a 422 problem. It never carries the rejected
 * value.
 *
 * @param field the field, parameter or {@code body}
 * @param message what is wrong with it
 */
public record ValidationError(String field, String message) {

}
