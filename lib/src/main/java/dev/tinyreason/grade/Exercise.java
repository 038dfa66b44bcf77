package dev.tinyreason.grade;

import dev.tinyreason.grade.exercises.Argmax;
import dev.tinyreason.grade.exercises.AssistantMask;
import dev.tinyreason.grade.exercises.AssistantMaskTests;
import dev.tinyreason.grade.exercises.ArgmaxTests;
import dev.tinyreason.grade.exercises.BpeMerge;
import dev.tinyreason.grade.exercises.BpeMergeTests;
import dev.tinyreason.grade.exercises.EmaUpdate;
import dev.tinyreason.grade.exercises.EmaUpdateTests;
import dev.tinyreason.grade.exercises.LatentRecursion;
import dev.tinyreason.grade.exercises.Q8Block;
import dev.tinyreason.grade.exercises.Q8BlockTests;
import dev.tinyreason.grade.exercises.TokenKl;
import dev.tinyreason.grade.exercises.TokenKlTests;
import dev.tinyreason.grade.exercises.LatentRecursionTests;
import dev.tinyreason.grade.exercises.MeanTokenAccuracy;
import dev.tinyreason.grade.exercises.MeanTokenAccuracyTests;
import dev.tinyreason.grade.exercises.SampleTopK;
import dev.tinyreason.grade.exercises.SampleTopKTests;
import dev.tinyreason.grade.exercises.Softmax;
import dev.tinyreason.grade.exercises.SoftmaxTests;
import dev.tinyreason.grade.exercises.TopPair;
import dev.tinyreason.grade.exercises.TopPairTests;
import dev.tinyreason.grade.exercises.ExtractAnswer;
import dev.tinyreason.grade.exercises.ExtractAnswerTests;
import dev.tinyreason.grade.exercises.MajorityVote;
import dev.tinyreason.grade.exercises.MajorityVoteTests;
import dev.tinyreason.grade.exercises.ThinkTokens;
import dev.tinyreason.grade.exercises.ThinkTokensTests;
import dev.tinyreason.grade.exercises.WeightedVote;
import dev.tinyreason.grade.exercises.WeightedVoteTests;
import dev.tinyreason.grade.exercises.DpoSigmoidLoss;
import dev.tinyreason.grade.exercises.DpoSigmoidLossTests;
import dev.tinyreason.grade.exercises.RewardStats;
import dev.tinyreason.grade.exercises.RewardStatsTests;
import dev.tinyreason.grade.exercises.TopB;
import dev.tinyreason.grade.exercises.TopBTests;
import dev.tinyreason.grade.exercises.UctScore;
import dev.tinyreason.grade.exercises.UctScoreTests;
import dev.tinyreason.grade.exercises.GroupAdvantages;
import dev.tinyreason.grade.exercises.GroupAdvantagesTests;
import dev.tinyreason.grade.exercises.ClippedObjective;
import dev.tinyreason.grade.exercises.ClippedObjectiveTests;
import dev.tinyreason.grade.exercises.PairedDifference;
import dev.tinyreason.grade.exercises.PairedDifferenceTests;
import dev.tinyreason.grade.exercises.ParetoFront;
import dev.tinyreason.grade.exercises.ParetoFrontTests;
import java.util.List;
import java.util.Objects;

/**
 * One graded exercise: the interface a learner implements, the library's reference
 * implementation, the starter stub the notebook ships, and the JUnit 5 class that tests any
 * implementation.
 *
 * <p>{@code mvn verify} runs every exercise's tests against {@link #reference()} (all must pass)
 * and against {@link #stub()} (all must fail), so no exercise test can be vacuous.
 *
 * @param <T> the exercise's functional interface
 */
public final class Exercise<T> {

    /** 00_welcome: index of the largest logit, the heart of greedy decoding. */
    public static final Exercise<Argmax> ARGMAX = new Exercise<>(
            "ARGMAX", "00_welcome", Argmax.class, Argmax.REFERENCE, Argmax.STUB, ArgmaxTests.class);

    /** 00_welcome: logits to probabilities with a temperature, numerically stable. */
    public static final Exercise<Softmax> SOFTMAX = new Exercise<>(
            "SOFTMAX", "00_welcome", Softmax.class, Softmax.REFERENCE, Softmax.STUB, SoftmaxTests.class);

    /** 00b_tokenizer: the BPE merge step. */
    public static final Exercise<BpeMerge> BPE_MERGE = new Exercise<>(
            "BPE_MERGE", "00b_tokenizer", BpeMerge.class, BpeMerge.REFERENCE, BpeMerge.STUB,
            BpeMergeTests.class);

    /** 00b_tokenizer: the pair BPE training merges next. */
    public static final Exercise<TopPair> TOP_PAIR = new Exercise<>(
            "TOP_PAIR", "00b_tokenizer", TopPair.class, TopPair.REFERENCE, TopPair.STUB,
            TopPairTests.class);

    /** 00b_tokenizer: temperature + top-k sampling of the next token. */
    public static final Exercise<SampleTopK> SAMPLE_TOP_K = new Exercise<>(
            "SAMPLE_TOP_K", "00b_tokenizer", SampleTopK.class, SampleTopK.REFERENCE,
            SampleTopK.STUB, SampleTopKTests.class);

    /** 01_chain_of_thought: the final answer of a turn, robust to malformed output. */
    public static final Exercise<ExtractAnswer> EXTRACT_ANSWER = new Exercise<>(
            "EXTRACT_ANSWER", "01_chain_of_thought", ExtractAnswer.class, ExtractAnswer.REFERENCE,
            ExtractAnswer.STUB, ExtractAnswerTests.class);

    /** 01_chain_of_thought: tokens spent thinking. */
    public static final Exercise<ThinkTokens> THINK_TOKENS = new Exercise<>(
            "THINK_TOKENS", "01_chain_of_thought", ThinkTokens.class, ThinkTokens.REFERENCE,
            ThinkTokens.STUB, ThinkTokensTests.class);

    /** 02_self_consistency: the majority vote with its tie rule. */
    public static final Exercise<MajorityVote> MAJORITY_VOTE = new Exercise<>(
            "MAJORITY_VOTE", "02_self_consistency", MajorityVote.class, MajorityVote.REFERENCE,
            MajorityVote.STUB, MajorityVoteTests.class);

    /** 02_self_consistency: the vote weighted by each sample's probability. */
    public static final Exercise<WeightedVote> WEIGHTED_VOTE = new Exercise<>(
            "WEIGHTED_VOTE", "02_self_consistency", WeightedVote.class, WeightedVote.REFERENCE,
            WeightedVote.STUB, WeightedVoteTests.class);

    /** 04_tiny_recursive_model: one latent recursion with a given network. */
    public static final Exercise<LatentRecursion> LATENT_RECURSION = new Exercise<>(
            "LATENT_RECURSION", "04_tiny_recursive_model", LatentRecursion.class,
            LatentRecursion.REFERENCE, LatentRecursion.STUB, LatentRecursionTests.class);

    /** 04_tiny_recursive_model: one step of the weights' moving average. */
    public static final Exercise<EmaUpdate> EMA_UPDATE = new Exercise<>(
            "EMA_UPDATE", "04_tiny_recursive_model", EmaUpdate.class, EmaUpdate.REFERENCE,
            EmaUpdate.STUB, EmaUpdateTests.class);

    /** 05_sft: TRL's assistant-only loss mask over a ChatML conversation. */
    public static final Exercise<AssistantMask> ASSISTANT_MASK = new Exercise<>(
            "ASSISTANT_MASK", "05_sft", AssistantMask.class, AssistantMask.REFERENCE,
            AssistantMask.STUB, AssistantMaskTests.class);

    /** 05_sft: mean token accuracy from logits, shifted by one, on trained tokens only. */
    public static final Exercise<MeanTokenAccuracy> MEAN_TOKEN_ACCURACY = new Exercise<>(
            "MEAN_TOKEN_ACCURACY", "05_sft", MeanTokenAccuracy.class, MeanTokenAccuracy.REFERENCE,
            MeanTokenAccuracy.STUB, MeanTokenAccuracyTests.class);

    /** 06_dpo: the sigmoid DPO loss from four log-probs, without overflow. */
    public static final Exercise<DpoSigmoidLoss> DPO_LOSS = new Exercise<>(
            "DPO_LOSS", "06_dpo", DpoSigmoidLoss.class, DpoSigmoidLoss.REFERENCE,
            DpoSigmoidLoss.STUB, DpoSigmoidLossTests.class);

    /** 06_dpo: the reward metrics TRL logs. */
    public static final Exercise<RewardStats> REWARD_STATS = new Exercise<>(
            "REWARD_STATS", "06_dpo", RewardStats.class, RewardStats.REFERENCE,
            RewardStats.STUB, RewardStatsTests.class);

    /** 03_tree_of_thoughts: BFS keeps the b best states. */
    public static final Exercise<TopB> TOP_B = new Exercise<>(
            "TOP_B", "03_tree_of_thoughts", TopB.class, TopB.REFERENCE, TopB.STUB,
            TopBTests.class);

    /** 03_tree_of_thoughts: the UCT score of MCTS. */
    public static final Exercise<UctScore> UCT_SCORE = new Exercise<>(
            "UCT_SCORE", "03_tree_of_thoughts", UctScore.class, UctScore.REFERENCE,
            UctScore.STUB, UctScoreTests.class);

    /** 07_grpo: group-relative advantages. */
    public static final Exercise<GroupAdvantages> GROUP_ADVANTAGES = new Exercise<>(
            "GROUP_ADVANTAGES", "07_grpo", GroupAdvantages.class, GroupAdvantages.REFERENCE,
            GroupAdvantages.STUB, GroupAdvantagesTests.class);

    /** 07_grpo: the clipped token-level objective of one completion. */
    public static final Exercise<ClippedObjective> CLIPPED_OBJECTIVE = new Exercise<>(
            "CLIPPED_OBJECTIVE", "07_grpo", ClippedObjective.class, ClippedObjective.REFERENCE,
            ClippedObjective.STUB, ClippedObjectiveTests.class);

    /** 08_scoreboard: the paired difference of two methods and its standard error. */
    public static final Exercise<PairedDifference> PAIRED_DIFFERENCE = new Exercise<>(
            "PAIRED_DIFFERENCE", "08_scoreboard", PairedDifference.class,
            PairedDifference.REFERENCE, PairedDifference.STUB, PairedDifferenceTests.class);

    /** 08_scoreboard: the methods on the accuracy-vs-tokens Pareto front. */
    public static final Exercise<ParetoFront> PARETO_FRONT = new Exercise<>(
            "PARETO_FRONT", "08_scoreboard", ParetoFront.class, ParetoFront.REFERENCE,
            ParetoFront.STUB, ParetoFrontTests.class);

    /** 09_ship_it: one block of 32 weights to Q8_0's signed bytes. */
    public static final Exercise<Q8Block> Q8_BLOCK = new Exercise<>(
            "Q8_BLOCK", "09_ship_it", Q8Block.class, Q8Block.REFERENCE, Q8Block.STUB,
            Q8BlockTests.class);

    /** 09_ship_it: KL divergence between two next-token distributions. */
    public static final Exercise<TokenKl> TOKEN_KL = new Exercise<>(
            "TOKEN_KL", "09_ship_it", TokenKl.class, TokenKl.REFERENCE, TokenKl.STUB,
            TokenKlTests.class);

    private static final List<Exercise<?>> ALL = List.of(ARGMAX, SOFTMAX, BPE_MERGE, TOP_PAIR,
            SAMPLE_TOP_K, EXTRACT_ANSWER, THINK_TOKENS, MAJORITY_VOTE, WEIGHTED_VOTE, TOP_B,
            UCT_SCORE,
            LATENT_RECURSION, EMA_UPDATE, ASSISTANT_MASK, MEAN_TOKEN_ACCURACY, DPO_LOSS,
            REWARD_STATS, GROUP_ADVANTAGES, CLIPPED_OBJECTIVE, PAIRED_DIFFERENCE,
            PARETO_FRONT, Q8_BLOCK, TOKEN_KL);

    private final String name;
    private final String notebook;
    private final Class<T> type;
    private final T reference;
    private final T stub;
    private final Class<?> tests;

    private Exercise(String name, String notebook, Class<T> type, T reference, T stub, Class<?> tests) {
        this.name = Objects.requireNonNull(name);
        this.notebook = Objects.requireNonNull(notebook);
        this.type = Objects.requireNonNull(type);
        this.reference = Objects.requireNonNull(reference);
        this.stub = Objects.requireNonNull(stub);
        this.tests = Objects.requireNonNull(tests);
    }

    /** Every exercise of the course, in notebook order. */
    public static List<Exercise<?>> all() {
        return ALL;
    }

    /** The exercise called {@code name} (as in {@code Exercise.ARGMAX}). */
    public static Exercise<?> named(String name) {
        return ALL.stream().filter(e -> e.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No exercise is called '" + name
                        + "'. Known exercises: " + ALL.stream().map(Exercise::name).toList() + "."));
    }

    public String name() {
        return name;
    }

    /** The notebook (file name without .ipynb) that poses this exercise. */
    public String notebook() {
        return notebook;
    }

    public Class<T> type() {
        return type;
    }

    public T reference() {
        return reference;
    }

    /** The starter code the notebook ships, as an implementation: every test must fail on it. */
    public T stub() {
        return stub;
    }

    /** The JUnit 5 class whose test methods take a {@code T} parameter. */
    public Class<?> tests() {
        return tests;
    }

    @Override
    public String toString() {
        return "Exercise." + name;
    }
}
