package io.temponest.agents.cost;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The model prices in memory. The first lookup reads them from the database; once they
 * are older than the refresh interval, the lookup that notices starts a read in the
 * background and every lookup keeps using the known prices meanwhile. A failed read keeps
 * the known prices and is retried after at most ten seconds: prices are never a reason
 * for a run to fail, and only the first lookup waits for them.
 */
@Component
class ModelPrices {

	private static final Logger log = LoggerFactory.getLogger(ModelPrices.class);

	private static final long RETRY_NANOS = Duration.ofSeconds(10).toNanos();

	private final Supplier<List<ModelPrice>> source;

	private final long refreshNanos;

	private final ReentrantLock reading = new ReentrantLock();

	private final AtomicBoolean refreshing = new AtomicBoolean();

	private volatile Snapshot snapshot;

	@Autowired
	ModelPrices(ModelPriceRepository repository, CostProperties properties) {
		this(repository::findEffective, properties.pricingRefresh());
	}

	ModelPrices(Supplier<List<ModelPrice>> source, Duration refresh) {
		this.source = source;
		this.refreshNanos = refresh.toNanos();
		this.snapshot = new Snapshot(Map.of(), false, System.nanoTime());
	}

	/**
	 * Fixed prices, read once (for tests).
	 * @param prices the prices
	 * @return the prices
	 */
	static ModelPrices of(List<ModelPrice> prices) {
		ModelPrices fixed = new ModelPrices(() -> prices, Duration.ofDays(365));
		fixed.read();
		return fixed;
	}

	/**
	 * The price of a model, else the provider's default price.
	 * @param provider the provider id (lower case)
	 * @param model the model
	 * @return the price, if the provider has one
	 */
	Optional<ModelPrice> find(String provider, String model) {
		Snapshot current = current();
		ModelPrice exact = current.prices().get(new Key(provider, model));
		if (exact != null) {
			return Optional.of(exact);
		}
		return Optional.ofNullable(current.prices().get(new Key(provider, ModelPrice.ANY_MODEL)));
	}

	private Snapshot current() {
		Snapshot current = this.snapshot;
		if (!current.loaded()) {
			this.reading.lock();
			try {
				if (!this.snapshot.loaded() && System.nanoTime() - this.snapshot.nextRead() >= 0) {
					read();
				}
			}
			finally {
				this.reading.unlock();
			}
		}
		else if (System.nanoTime() - current.nextRead() >= 0 && this.refreshing.compareAndSet(false, true)) {
			Thread.ofVirtual().name("model-prices-refresh").start(() -> {
				try {
					read();
				}
				finally {
					this.refreshing.set(false);
				}
			});
		}
		return this.snapshot;
	}

	private void read() {
		try {
			Map<Key, ModelPrice> prices = new HashMap<>();
			for (ModelPrice price : this.source.get()) {
				prices.put(new Key(price.provider(), price.modelName()), price);
			}
			this.snapshot = new Snapshot(Map.copyOf(prices), true, System.nanoTime() + this.refreshNanos);
		}
		catch (RuntimeException ex) {
			Snapshot known = this.snapshot;
			log.warn("Could not read the model prices; keeping the {} known ones", known.prices().size(), ex);
			this.snapshot = new Snapshot(known.prices(), known.loaded(),
					System.nanoTime() + Math.min(RETRY_NANOS, this.refreshNanos));
		}
	}

	/** A provider and model. */
	private record Key(String provider, String model) {

	}

	/** The prices read at one time, and when to read them again. */
	private record Snapshot(Map<Key, ModelPrice> prices, boolean loaded, long nextRead) {

	}

}
