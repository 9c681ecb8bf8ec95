package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

/**
 * One role's side of the conversation: the system message with the answer format, and the
 * parser that reads an answer in that format. Both live together because each is the
 * other's contract.
 */
interface RoleScript {

	/**
	 * The system message: persona, rules and the exact answer format.
	 * @return the message
	 */
	String system();

	/**
	 * Read an answer into the role's result. Must accept any text, including an empty
	 * one, and always return every key of the role.
	 * @param answer the answer text
	 * @param retrieved the excerpts the prompt showed
	 * @return the result, in a stable key order (without {@code raw_output})
	 */
	Map<String, Object> parse(String answer, List<Citation> retrieved);

}
