package io.temponest.agents.project;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The orders of the project list: last updated first (the board), newest first (the
 * factory map) or by name.
 */
enum ProjectSort {

	UPDATED_AT("updated_at DESC, id DESC"), CREATED_AT("created_at DESC, id DESC"), NAME("name, id");

	/** The accepted values of the {@code sort} parameter. */
	static final String VALUES = "updated_at|created_at|name";

	/** The validation message of the parameter. */
	static final String MESSAGE = "must be updated_at, created_at or name";

	private final String orderBy;

	ProjectSort(String orderBy) {
		this.orderBy = orderBy;
	}

	/**
	 * The {@code ORDER BY} list of this order (a constant, never client text).
	 * @return the SQL
	 */
	String orderBy() {
		return this.orderBy;
	}

	/**
	 * The order a validated parameter names.
	 * @param parameter the parameter, or {@code null} for the default
	 * @return the order
	 */
	static ProjectSort of(@Nullable String parameter) {
		return (parameter != null) ? valueOf(parameter.toUpperCase(Locale.ROOT)) : UPDATED_AT;
	}

}
