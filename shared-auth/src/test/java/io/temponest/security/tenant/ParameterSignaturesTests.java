package io.temponest.security.tenant;

import java.sql.Types;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.SqlParameterValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ParameterSignatures}: every call repeats the parameter types of the statement's
 * first call.
 */
class ParameterSignaturesTests {

	private final ParameterSignatures signatures = new ParameterSignatures();

	@Test
	void checkWhenSameTypesAsTheFirstCallThenPrepared() {
		assertThat(this.signatures.check("q", new Object[] { 1, "a", null })).isTrue();
		assertThat(this.signatures.check("q", new Object[] { 2, "b", null })).isTrue();
	}

	@Test
	void checkWhenATypeChangesThenRefusedAndTheFirstCallsTypesStillAccepted() {
		assertThat(this.signatures.check("q", new Object[] { null })).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> this.signatures.check("q", new Object[] { true }))
			.withMessageContaining("declare the SQL type");
		assertThatIllegalArgumentException().isThrownBy(() -> this.signatures.check("q", new Object[] { 1L }));
		assertThat(this.signatures.check("q", new Object[] { null })).isTrue();
	}

	@Test
	void checkWhenTypeDeclaredThenNullAndValueAreTheSameType() {
		assertThat(this.signatures.check("q", new Object[] { new SqlParameterValue(Types.BOOLEAN, null) })).isTrue();
		assertThat(this.signatures.check("q", new Object[] { new SqlParameterValue(Types.BOOLEAN, true) })).isTrue();
	}

	@Test
	void checkWhenStatementsDifferThenEachHasItsOwnFirstCall() {
		assertThat(this.signatures.check("q1", new Object[] { 1 })).isTrue();
		assertThat(this.signatures.check("q2", new Object[] { "x" })).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> this.signatures.check("q1", new Object[] { "x" }));
	}

	@Test
	void checkWhenTooManyStatementsThenTheNewOnesAreNeverPrepared() {
		for (int i = 0; i < ParameterSignatures.LIMIT; i++) {
			assertThat(this.signatures.check("q" + i, new Object[] { i })).isTrue();
		}
		assertThat(this.signatures.check("one more", new Object[] { 1 })).isFalse();
		assertThat(this.signatures.check("one more", new Object[] { "x" })).isFalse();
		assertThat(this.signatures.check("q0", new Object[] { 5 })).isTrue();
	}

}
