package io.temponest.bench.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Varied English prose about the running of a software company, made up from templates
 * and word lists by a seeded random generator (the same seed writes the same text): pages
 * of paragraphs for the corpus and questions for the queries. ASCII only, so that
 * PDFBox's standard fonts can show every character.
 */
final class Prose {

	private static final String[] SUBJECTS = { "the deployment pipeline", "the on-call rota", "customer data retention",
			"the incident review", "the staging environment", "password rotation", "the release calendar",
			"the expense policy", "the backup schedule", "the vulnerability disclosure process",
			"the onboarding checklist", "feature flag clean-up", "the public API rate limits", "the support queue",
			"database migrations", "the hardware budget", "log retention", "the travel policy", "the code review rules",
			"the dependency upgrade cycle", "the status page", "the VPN gateway", "secrets management",
			"the load balancer pool", "the search cluster", "the billing export", "the mobile release train",
			"access reviews", "the data warehouse", "the holiday calendar", "the design system",
			"the test coverage report", "the alerting thresholds", "the restore drill" };

	private static final String[] TEAMS = { "the platform team", "the security group", "finance", "the support leads",
			"the data engineers", "every product squad", "the release managers", "the site reliability engineers",
			"the people team", "the mobile developers", "the architects", "the compliance office" };

	private static final String[] VERBS = { "review", "update", "approve", "document", "test", "audit", "simplify",
			"automate", "announce", "measure", "archive", "rehearse", "escalate", "budget for", "monitor" };

	private static final String[] TIMES = { "every Monday", "before each release", "at the end of the quarter",
			"within two working days", "once a month", "after every incident", "during the first week",
			"before the change freeze", "twice a year", "on the last Friday of the month", "within four hours",
			"at the start of each sprint" };

	private static final String[] CONDITIONS = { "a customer reports data loss", "the error budget is spent",
			"a dependency publishes a security advisory", "the primary region fails over",
			"a new engineer joins the team", "the weekly report shows a regression", "an auditor asks for evidence",
			"traffic doubles within an hour", "a contractor leaves the company", "the nightly job runs late",
			"two approvals are missing", "the budget owner is on leave" };

	private static final String[] OUTCOMES = { "nobody has to guess who owns the next step",
			"the change can be rolled back within minutes", "the numbers in the monthly report stay comparable",
			"customers hear about it from us first", "the audit trail stays complete",
			"the on-call engineer can sleep through the night", "we stop paying for capacity we do not use",
			"new colleagues find the answer without asking", "the same mistake does not happen twice",
			"the release goes out on time", "the cost of a failure stays small", "the team keeps a sustainable pace" };

	private static final String[] TEMPLATES = { "%1$s is owned by %2$s, who %3$s it %4$s so that %5$s.",
			"When %6$s, %2$s must %3$s %1$s %4$s and record what they decided in the shared tracker.",
			"We %3$s %1$s %4$s; the last review found %7$d open items, most of them small and easy to close.",
			"If %6$s, the first step is to %3$s %1$s, because experience shows that %5$s.",
			"The written procedure for %1$s asks %2$s to %3$s it %4$s, and to say so in the team channel.",
			"Nobody may skip the check on %1$s, not even when %6$s, since that is exactly when %5$s matters most.",
			"In the last %7$d weeks %2$s changed how they %3$s %1$s, and the result is that %5$s.",
			"A short checklist helps: %2$s %3$s %1$s, confirm the owner, and close the ticket %4$s.",
			"Questions about %1$s go to %2$s first; they answer %4$s and escalate when %6$s.",
			"The budget for %1$s covers %7$d hours of work per quarter, which %2$s plan %4$s.",
			"Our policy is simple: %2$s %3$s %1$s %4$s, and anyone may ask why when %6$s.",
			"Before anything else, remember that %1$s exists so that %5$s." };

	private static final String[] HEADINGS = { "Purpose", "Scope", "Responsibilities", "Procedure", "Exceptions",
			"Escalation", "Records", "Review", "Background", "Examples", "Frequently asked questions", "Contacts" };

	private static final String[] QUESTIONS = { "How often do we %3$s %1$s?",
			"Who owns %1$s and whom do I ask about it?", "What happens to %1$s when %6$s?",
			"Which steps does %2$s follow to %3$s %1$s?", "Why must %2$s %3$s %1$s %4$s?",
			"What is the procedure for %1$s if %6$s?" };

	private final Random random;

	Prose(long seed) {
		this.random = new Random(seed);
	}

	/**
	 * One sentence from a random template.
	 * @return the sentence, capitalised
	 */
	String sentence() {
		return capitalise(fill(pick(TEMPLATES)));
	}

	/**
	 * A paragraph of 3 to 6 sentences.
	 * @return the paragraph
	 */
	String paragraph() {
		int sentences = 3 + this.random.nextInt(4);
		StringBuilder paragraph = new StringBuilder();
		for (int i = 0; i < sentences; i++) {
			if (i > 0) {
				paragraph.append(' ');
			}
			paragraph.append(sentence());
		}
		return paragraph.toString();
	}

	/**
	 * A page: paragraphs whose text, separated by one blank line each, has between
	 * {@code min} and {@code max} characters (a paragraph that would pass {@code max} is
	 * cut at a sentence's end).
	 * @param min the fewest characters
	 * @param max the most characters
	 * @return the page's paragraphs
	 */
	List<String> page(int min, int max) {
		int target = min + this.random.nextInt(max - min + 1);
		List<String> paragraphs = new ArrayList<>();
		int length = 0;
		while (length < target) {
			int separator = paragraphs.isEmpty() ? 0 : 2;
			String paragraph = paragraph();
			if (length + separator + paragraph.length() > max) {
				paragraph = cut(paragraph, max - length - separator);
				if (paragraph.isEmpty()) {
					paragraph = cut(sentence(), max - length - separator);
					if (paragraph.isEmpty()) {
						break;
					}
				}
			}
			paragraphs.add(paragraph);
			length += separator + paragraph.length();
		}
		return paragraphs;
	}

	/**
	 * A section heading.
	 * @return the heading
	 */
	String heading() {
		return pick(HEADINGS) + ": " + capitalise(pick(SUBJECTS).replaceFirst("^the ", ""));
	}

	/**
	 * A document's title.
	 * @param number the document's number, which makes the title unique
	 * @return the title
	 */
	String title(int number) {
		return "Handbook " + number + ": " + capitalise(pick(SUBJECTS).replaceFirst("^the ", "")) + " and "
				+ pick(SUBJECTS).replaceFirst("^the ", "");
	}

	/**
	 * A question a user could ask the knowledge base; the same number always gives the
	 * same question.
	 * @param number which question
	 * @return the question
	 */
	static String question(int number) {
		Prose prose = new Prose(0x9E3779B97F4A7C15L ^ number);
		return capitalise(prose.fill(prose.pick(QUESTIONS)));
	}

	private String fill(String template) {
		return String.format(template, pick(SUBJECTS), pick(TEAMS), pick(VERBS), pick(TIMES), pick(OUTCOMES),
				pick(CONDITIONS), 2 + this.random.nextInt(40));
	}

	private String pick(String[] values) {
		return values[this.random.nextInt(values.length)];
	}

	private static String cut(String paragraph, int max) {
		if (paragraph.length() <= max) {
			return paragraph;
		}
		int end = paragraph.lastIndexOf(". ", max - 1);
		return (end < 0) ? "" : paragraph.substring(0, end + 1);
	}

	private static String capitalise(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
