package io.temponest.auth.tenancy;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One page of members, ordered by email; pass {@code next_cursor} as {@code after} for
 * the next page.
 *
 * @param members the members
 * @param nextCursor the cursor of the next page, or null on the last page
 */
record MemberPageResponse(List<MemberResponse> members, @JsonProperty("next_cursor") @Nullable String nextCursor) {

	static MemberPageResponse of(MemberPage page) {
		return new MemberPageResponse(page.members().stream().map(MemberResponse::of).toList(), page.nextCursor());
	}

}
