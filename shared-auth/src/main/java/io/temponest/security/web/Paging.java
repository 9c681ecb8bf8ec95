package io.temponest.security.web;

import org.jspecify.annotations.Nullable;

/**
 * Paging of the list endpoints in both clients' styles: {@code page}/{@code page_size}
 * (the original server; answered with an envelope) or {@code skip}/{@code limit} (the
 * SDK; answered with a bare array, also when no parameter is given).
 *
 * @param envelope whether to answer with the original's envelope
 * @param page the 1-based page (envelope style)
 * @param pageSize the page size (envelope style)
 * @param offset rows to skip
 * @param limit rows to return at most
 */
public record Paging(boolean envelope, int page, int pageSize, long offset, int limit) {

	/** Default page size of both styles. */
	public static final int DEFAULT_SIZE = 50;

	/** Largest page size of both styles. */
	public static final int MAX_SIZE = 100;

	/**
	 * The paging a request asks for (ranges are validated on the parameters).
	 * @param page the page, if given
	 * @param pageSize the page size, if given
	 * @param skip the offset, if given
	 * @param limit the limit, if given
	 * @return the paging
	 */
	public static Paging of(@Nullable Integer page, @Nullable Integer pageSize, @Nullable Integer skip,
			@Nullable Integer limit) {
		if (page != null || pageSize != null) {
			int p = (page != null) ? page : 1;
			int size = (pageSize != null) ? pageSize : DEFAULT_SIZE;
			return new Paging(true, p, size, (long) (p - 1) * size, size);
		}
		int size = (limit != null) ? limit : DEFAULT_SIZE;
		return new Paging(false, 1, size, (skip != null) ? skip : 0, size);
	}

}
