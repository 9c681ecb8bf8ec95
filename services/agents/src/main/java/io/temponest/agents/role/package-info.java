/**
 * The seven built-in agent roles: what each asks the model and how its answer becomes the
 * run's result. Pure Java, no web or database: a run calls
 * {@link io.temponest.agents.role.AgentRole#prompt} before the LLM call and
 * {@link io.temponest.agents.role.AgentRole#parse} after it.
 *
 * <h2>Prompts</h2> The system message holds the role's persona, its rules and the exact
 * answer format its parser reads. The user message holds only the task, the request's
 * context as indented JSON with sorted keys ({@code No additional context.} when empty)
 * and the knowledge-base excerpts the run retrieved (none until retrieval exists; the
 * model is then told to cite nothing rather than invent sources).
 *
 * <h2>Results</h2> Every parser follows one rule:
 * <ul>
 * <li>It never throws. Any text (empty, prose only, broken JSON, hostile or huge; only
 * the first 200 000 characters are read) gives a result.</li>
 * <li>The result always holds every key of its role, in a fixed order, with empty values
 * ({@code ""}, {@code []}, {@code {}}, {@code 0}; {@code null} only for a number the
 * answer does not state) for what the answer lacks; then {@code citations}; then
 * {@code raw_output}, the answer exactly as received. Nothing is invented: values come
 * from the answer or are computed from what it says.</li>
 * <li>Values are JSON values only: strings, numbers, booleans, lists and maps with string
 * keys.</li>
 * </ul>
 *
 * <h2>Reading markdown</h2> Section headings are matched by name, case-insensitively and
 * ignoring punctuation and numbering: {@code ## Test Plan}, {@code **Test plan:**},
 * {@code TEST_PLAN:} and {@code 2. Test plan} are the same. List items may use {@code -},
 * {@code *}, {@code +}, {@code •} or numbers. A code block names a file by its info
 * string ({@code ```java src/Main.java}), else by a first-line comment
 * ({@code // File: src/Main.java}, {@code # file: app.py}), else by a line just before
 * the fence holding only the path. The first JSON object is taken from a {@code ```json}
 * block, else from the first brace in the prose that starts one.
 *
 * <h2>Citations</h2> Overseer and developer results cite the retrieved excerpts. The
 * other roles add the sources their answer names as {@code [Citation N] source (vX)} (or
 * {@code [Design Pattern N] ...}), at most five, each with score 0.85.
 */
@NullMarked
package io.temponest.agents.role;

import org.jspecify.annotations.NullMarked;
