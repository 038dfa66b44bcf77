/**
 * Tree-of-Thoughts (Yao et al. 2023, "Tree of Thoughts: Deliberate Problem Solving with Large
 * Language Models") and MCTS on number puzzles (Game of 24, Countdown), with a tiny model as
 * both proposer and judge.
 *
 * <p>A <em>thought</em> is one step line, {@code 13 - 9 = 4 (left: 4 4 10)}. Classes in reading
 * order:
 * <ol>
 *   <li>{@link dev.tinyreason.infer.tree.Problem}: numbers, target, rules; states and paths;</li>
 *   <li>{@link dev.tinyreason.infer.tree.Proposer}: next steps for states, exact
 *       ({@link dev.tinyreason.infer.tree.ExactProposer}) or sampled from a model
 *       ({@link dev.tinyreason.infer.tree.ModelProposer});</li>
 *   <li>{@link dev.tinyreason.infer.tree.Judgement} and
 *       {@link dev.tinyreason.infer.tree.Valuer}: sure / likely / impossible with the paper's
 *       weights; exact ({@link dev.tinyreason.infer.tree.OracleValuer}), sampled judgements
 *       ({@link dev.tinyreason.infer.tree.JudgeValuer}), the judge's own probabilities
 *       ({@link dev.tinyreason.infer.tree.JudgeProbValuer}) or the path's probability
 *       ({@link dev.tinyreason.infer.tree.PathLogProbValuer});</li>
 *   <li>{@link dev.tinyreason.infer.tree.SearchTree}, {@link dev.tinyreason.infer.tree.Node},
 *       {@link dev.tinyreason.infer.tree.SearchResult} and
 *       {@link dev.tinyreason.infer.tree.Cost}: the explored tree and what it cost;</li>
 *   <li>the searches: {@link dev.tinyreason.infer.tree.Bfs} (keep the best b per level),
 *       {@link dev.tinyreason.infer.tree.Dfs} (prune, backtrack) and
 *       {@link dev.tinyreason.infer.tree.Mcts} (UCT);</li>
 *   <li>{@link dev.tinyreason.infer.tree.TreeOfThoughts}: a search on a list of puzzles, on the
 *       same scoreboard as CoT and self-consistency.</li>
 * </ol>
 *
 * <pre>{@code
 * Problem p = Problem.of(Game24.hardest(100).get(0));
 * SearchResult r = new Bfs(new ExactProposer(), new OracleValuer(), 5).solve(p);
 * r.solved();  r.answer();  r.modelCalls();  r.tree();
 * }</pre>
 *
 * <p>Exercises a notebook can set, each a small static function here:
 * {@link dev.tinyreason.infer.tree.Bfs#topB}, {@link dev.tinyreason.infer.tree.Judgement#value},
 * {@link dev.tinyreason.infer.tree.Mcts#uct}.
 */
package dev.tinyreason.infer.tree;
