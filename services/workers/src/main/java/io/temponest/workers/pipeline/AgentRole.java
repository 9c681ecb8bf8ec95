package io.temponest.workers.pipeline;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The agents a plan may name, by the path segment of their run endpoint. */
public enum AgentRole {

	/** Plans the project. */
	OVERSEER("overseer"),

	/** Writes code. */
	DEVELOPER("developer"),

	/** Tests. */
	QA_TESTER("qa-tester"),

	/** Infrastructure and pipelines. */
	DEVOPS("devops"),

	/** Design. */
	DESIGNER("designer"),

	/** Security review. */
	SECURITY_AUDITOR("security-auditor"),

	/** User research. */
	UX_RESEARCHER("ux-researcher");

	private final String wireName;

	AgentRole(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The role's name on the wire and in the run path.
	 * @return the name, such as {@code qa-tester}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * The role a plan names ({@code qa_tester} and {@code QA-Tester} are
	 * {@code qa-tester}); an unknown or absent name is the developer.
	 * @param name the name
	 * @return the role
	 */
	public static AgentRole of(@Nullable String name) {
		if (name == null) {
			return DEVELOPER;
		}
		String normalised = name.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
		for (AgentRole role : values()) {
			if (role.wireName.equals(normalised)) {
				return role;
			}
		}
		return DEVELOPER;
	}

}
