package io.temponest.agents.role;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The markdown reading every parser relies on: code blocks, file names, sections, items.
 */
class MarkdownTests {

	@Test
	void blocksWhenFilesNamedEachWayThenPathsAndContentWithoutMarkers() {
		String text = """
				```java src/A.java
				class A {}
				```
				```src/b.py
				b = 1
				```
				```ts title="web/c.ts"
				const c = 1;
				```
				```sql
				-- file: db/V1__init.sql
				CREATE TABLE t ();
				```
				```html
				<!-- file: public/index.html -->
				<p></p>
				```
				File: deploy/Dockerfile
				```dockerfile
				FROM alpine
				```
				```python
				# just a comment
				x = 1
				```
				""";
		assertThat(Markdown.blocks(text)).containsExactly(new Markdown.Block("java", "src/A.java", "class A {}"),
				new Markdown.Block("py", "src/b.py", "b = 1"), new Markdown.Block("ts", "web/c.ts", "const c = 1;"),
				new Markdown.Block("sql", "db/V1__init.sql", "CREATE TABLE t ();"),
				new Markdown.Block("html", "public/index.html", "<p></p>"),
				new Markdown.Block("dockerfile", "deploy/Dockerfile", "FROM alpine"),
				new Markdown.Block("python", "", "# just a comment\nx = 1"));
	}

	@Test
	void blocksWhenInfoWordOrLineBeforeIsNoPathThenUnnamed() {
		assertThat(Markdown.blocks("Here is app.py:\n```js linenums\nx()\n```\n`.env`\n```\nA=1\n```"))
			.containsExactly(new Markdown.Block("js", "", "x()"), new Markdown.Block("", ".env", "A=1"));
	}

	@Test
	void blocksWhenTildesLongerFencesOrUnclosedThenContentKept() {
		assertThat(Markdown.blocks("~~~yaml\na: 1\n~~~\n````md\n```inner```\n````\n```go\nfunc main() {"))
			.containsExactly(new Markdown.Block("yaml", "", "a: 1"), new Markdown.Block("md", "", "```inner```"),
					new Markdown.Block("go", "", "func main() {"));
	}

	@Test
	void sectionsWhenHeadingStylesVaryThenSameKeys() {
		Map<String, String> names = Map.of("next steps", "next", "plan", "plan", "findings", "findings");
		String text = """
				Intro text
				## 1. Plan ##
				a
				```bash
				# Findings
				echo not a heading
				```
				### Details
				b
				## Other
				c
				**Next Steps:** first
				second
				FINDINGS
				d
				# Top
				e
				NEXT_STEPS: again
				""";
		assertThat(Markdown.sections(text, names)).containsExactly(
				Map.entry("plan", "a\n```bash\n# Findings\necho not a heading\n```\n### Details\nb"),
				Map.entry("next", "first\nsecond\nagain"), Map.entry("findings", "d"));
	}

	@Test
	void itemsWhenMarkersVaryThenTopLevelItemsWithContinuations() {
		String text = """
				Some intro
				- **first** item
				  continues here
				  * nested detail
				+ second
				• third
				1) fourth
				12. fifth with `code`
				- [ ] sixth
				```
				- not an item
				```
				trailing prose
				""";
		assertThat(Markdown.items(text)).containsExactly("first item continues here nested detail", "second", "third",
				"fourth", "fifth with code", "sixth");
		assertThat(Markdown.items("one\n\ntwo\n")).containsExactly("one", "two");
		assertThat(Markdown.items("")).isEmpty();
	}

	@Test
	void normaliseWhenPunctuatedThenPlainKey() {
		assertThat(List.of("NEXT_STEPS", "## Next steps:", "**3. Next-Steps**", " next   steps "))
			.allSatisfy((title) -> assertThat(Markdown.normalise(title)).isEqualTo("next steps"));
	}

}
