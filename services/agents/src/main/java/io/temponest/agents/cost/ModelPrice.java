package io.temponest.agents.cost;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code agents.model_pricing}: USD per million tokens of one model, or of every
 * model of the provider without a row of its own when the model is {@link #ANY_MODEL}.
 *
 * @param id the row id
 * @param provider the provider id
 * @param modelName the model, or {@link #ANY_MODEL}
 * @param inputPricePer1m USD per million input tokens
 * @param outputPricePer1m USD per million output tokens
 * @param active whether the price applies
 * @param effectiveDate the first day the price applies
 */
@Table(schema = "agents", name = "model_pricing")
record ModelPrice(@Id UUID id, String provider, String modelName,
		@Column("input_price_per_1m") BigDecimal inputPricePer1m,
		@Column("output_price_per_1m") BigDecimal outputPricePer1m, @Column("is_active") boolean active,
		LocalDate effectiveDate) {

	/** The model name of a provider's default price. */
	static final String ANY_MODEL = "*";

}
