package io.temponest.auth.tenancy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of members, ordered by email.
 *
 * @param members the members
 * @param nextCursor the cursor of the next page ({@code after}), or {@code null} on the
 * last page
 */
public record MemberPage(List<MemberView> members, @Nullable String nextCursor) {

	public MemberPage {
		members = List.copyOf(members);
	}

}
