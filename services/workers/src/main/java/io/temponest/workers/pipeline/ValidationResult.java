package io.temponest.workers.pipeline;

import java.util.List;

/**
 * What {@code validate_output} found.
 *
 * @param valid whether the output passed
 * @param errors what is wrong with it
 */
public record ValidationResult(boolean valid, List<String> errors) {

}
