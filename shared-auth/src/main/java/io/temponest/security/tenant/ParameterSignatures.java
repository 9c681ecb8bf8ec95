package io.temponest.security.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.SqlParameterValue;

/**
 * The parameter types of each statement's first call (a declared SQL type, else the
 * value's class, {@code null} counting as a type of its own), which every later call of
 * the statement must repeat. At most {@value #LIMIT} statements are remembered; calls of
 * any further statement are never prepared on the server.
 */
final class ParameterSignatures {

	static final int LIMIT = 1024;

	private final Map<String, List<Object>> first = new ConcurrentHashMap<>();

	/**
	 * Check a call against the statement's first call.
	 * @param statement the SQL
	 * @param values the parameter values, some wrapped in {@link SqlParameterValue}
	 * @return {@code true} when the statement may be prepared on the server,
	 * {@code false} when too many statements are known already
	 * @throws IllegalArgumentException when the types differ from the first call's
	 */
	boolean check(String statement, Object[] values) {
		List<Object> signature = signatureOf(values);
		List<Object> known = this.first.get(statement);
		if (known == null) {
			if (this.first.size() >= LIMIT) {
				return false;
			}
			known = this.first.computeIfAbsent(statement, (sql) -> signature);
		}
		if (!known.equals(signature)) {
			throw new IllegalArgumentException(
					"The parameter types " + signature + " differ from those of this statement's first call " + known
							+ "; declare the SQL type of parameters that may be null");
		}
		return true;
	}

	private static List<Object> signatureOf(Object[] values) {
		List<Object> signature = new ArrayList<>(values.length);
		for (Object value : values) {
			if (value instanceof SqlParameterValue typed) {
				signature.add(typed.getSqlType());
			}
			else {
				signature.add((value != null) ? value.getClass() : Void.class);
			}
		}
		return signature;
	}

}
