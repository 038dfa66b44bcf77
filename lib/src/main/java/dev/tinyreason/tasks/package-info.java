/**
 * Tasks: seeded generators with a difficulty knob, worked reasoning traces, and pure, total
 * verifiers with TinyZero's reward tiers. One family of four, shared by every technique notebook
 * so that CoT, self-consistency, ToT, SFT, DPO and GRPO meet on one held-out scoreboard.
 *
 * <p><b>Prompts and completions.</b> A prompt is a self-contained question, e.g.
 * {@code "What is 47 + 38?"} or {@code "Use 4 8 15 23 to make 42."}; the chat template
 * ({@link dev.tinyreason.tokenizer.ChatTemplate}) adds the roles and, with thinking on, opens the
 * {@code <think>} block. The model's completion is
 * <pre>
 * thinking on    &lt;think&gt;\nTRACE\n&lt;/think&gt;\n\nANSWER     (Example.thinkingCompletion())
 * thinking off   ANSWER                                 (Example.directCompletion())
 * </pre>
 * and the leading {@code <think>} may be missing, since the generation prompt already holds it.
 * Traces are short, ASCII, one step per line (or per {@code " | "} column in arith), with digits
 * that the tokenizer keeps as single tokens. How a completion is cut into trace and answer, and
 * when it counts as well-formed, is {@link dev.tinyreason.tasks.Reply}'s rule.
 *
 * <p>Classes in reading order:
 * <ol>
 *   <li>{@link dev.tinyreason.tasks.Example}, {@link dev.tinyreason.tasks.Reply} and
 *       {@link dev.tinyreason.tasks.Verdict}: a problem, a model's answer cut out of its
 *       completion, and the grade (0, 0.1, 1.0);</li>
 *   <li>{@link dev.tinyreason.tasks.Task} and {@link dev.tinyreason.tasks.GeneratedTask}: the
 *       interface ({@code example(i)}, {@code verify}, {@code reward}, {@code formatOk}) and
 *       {@link dev.tinyreason.tasks.Split}, which keeps train, validation and test disjoint by
 *       canonical form, and {@link dev.tinyreason.tasks.ProblemStream}, which keeps each
 *       training stage's problems apart from the others';</li>
 *   <li>{@link dev.tinyreason.tasks.Arith}: column arithmetic, difficulty = digits;</li>
 *   <li>{@link dev.tinyreason.tasks.Word}: multi-step word problems, difficulty = steps;</li>
 *   <li>{@link dev.tinyreason.tasks.Rational}, {@link dev.tinyreason.tasks.Expression},
 *       {@link dev.tinyreason.tasks.Rules}, {@link dev.tinyreason.tasks.Step} and
 *       {@link dev.tinyreason.tasks.CountdownSearch}: exact numbers, answers, moves, and the
 *       state space that Tree-of-Thoughts searches;</li>
 *   <li>{@link dev.tinyreason.tasks.Countdown}: reach a target (never 24), difficulty = how many
 *       numbers;</li>
 *   <li>{@link dev.tinyreason.tasks.Game24}: all 1362 Game of 24 puzzles, ranked, for
 *       evaluation only;</li>
 *   <li>{@link dev.tinyreason.tasks.Tasks}, {@link dev.tinyreason.tasks.TaskData} and
 *       {@link dev.tinyreason.tasks.DataCard}: the registry, JSONL files and the data card that
 *       {@code ./tinyreason data} writes.</li>
 * </ol>
 *
 * <pre>
 * Task task = Tasks.named("arith");
 * List&lt;Example&gt; test = TaskData.read(Path.of("data/arith/test.jsonl"));
 * double r = task.reward(test.get(0), completion);   // 0, 0.1 or 1.0
 * boolean ok = task.formatOk(completion);            // what format_rate counts
 * </pre>
 *
 * <p>Plain Java only: nothing here touches DJL.
 */
package dev.tinyreason.tasks;
