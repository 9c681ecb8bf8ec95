package io.temponest.agents.cost;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** Reads the model prices (operators change them in the database). */
interface ModelPriceRepository extends Repository<ModelPrice, UUID> {

	/**
	 * The active prices already in effect, oldest first (so that a newer price of a model
	 * replaces an older one).
	 * @return the prices
	 */
	@Query("SELECT id, provider, model_name, input_price_per_1m, output_price_per_1m, is_active, effective_date "
			+ "FROM agents.model_pricing WHERE is_active AND effective_date <= CURRENT_DATE "
			+ "ORDER BY effective_date, created_at")
	List<ModelPrice> findEffective();

}
