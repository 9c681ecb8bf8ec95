package io.temponest.agents.agent;

/**
 * A {@code jsonb} column's text, so that Spring Data JDBC maps it as one value.
 *
 * @param json the JSON text
 */
record JsonColumn(String json) {

}
