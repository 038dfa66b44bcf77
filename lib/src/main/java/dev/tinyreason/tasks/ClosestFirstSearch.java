package dev.tinyreason.tasks;

import dev.tinyreason.tasks.CountdownSearch.Solution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The closest-first depth-first search behind {@link CountdownSearch#solve}: it walks the state
 * space of {@link CountdownSearch#nextSteps}, writes every move it makes as a step line and
 * every dead end as {@code back (left: ...)}, and carries each number's {@link Expression} along
 * so a solved search also spells its answer. One search per instance: its fields are the trace
 * written so far, the current path and the dead ends met.
 */
final class ClosestFirstSearch {

    /** A number in a state together with the expression that made it. */
    private record Item(Rational value, Expression expression) {}

    private enum Outcome { FOUND, FAILED, OVER_BUDGET }

    private final Rational target;
    private final Rules rules;
    private final int maxDeadEnds;
    /** Shuffles each state's move order (null: closest first). */
    private final Random order;
    private final List<String> lines = new ArrayList<>();
    private final List<Step> path = new ArrayList<>();
    private int deadEnds;
    private Expression answer;

    private ClosestFirstSearch(Rational target, Rules rules, int maxDeadEnds, Random order) {
        this.order = order;
        this.target = target;
        this.rules = rules;
        this.maxDeadEnds = maxDeadEnds;
    }

    /** {@link CountdownSearch#solve(List, int, Rules, int, Random)}: see there. */
    static Optional<Solution> solve(List<Integer> numbers, int target, Rules rules, int maxDeadEnds,
            Random order) {
        List<Item> items = new ArrayList<>();
        for (int n : numbers) {
            items.add(new Item(Rational.of(n), Expression.number(n)));
        }
        items.sort(Comparator.comparing(Item::value));
        ClosestFirstSearch dfs = new ClosestFirstSearch(Rational.of(target), rules, maxDeadEnds, order);
        if (dfs.solved(items)) { // nothing to do: the target is one of the numbers
            return Optional.of(new Solution(List.of(), Expression.number(target), "", 0));
        }
        if (dfs.run(items) != Outcome.FOUND) {
            return Optional.empty();
        }
        return Optional.of(new Solution(List.copyOf(dfs.path), dfs.answer, String.join("\n", dfs.lines),
                dfs.deadEnds));
    }

    private boolean solved(List<Item> items) {
        return CountdownSearch.isSolved(values(items), target, rules);
    }

    /** Tries every move from {@code items} in order, recursing, until one solves the puzzle. */
    private Outcome run(List<Item> items) {
        List<Rational> state = values(items);
        List<Step> steps = new ArrayList<>(CountdownSearch.nextSteps(state, rules));
        steps.sort(Comparator.comparing((Step s) -> s.c().distance(target))); // stable: ties keep their order
        if (items.size() == 2 && steps.size() > 1) {
            steps = steps.subList(0, 1); // if the closest misses, all miss
        } else if (order != null) {
            Map<Step, Double> key = new HashMap<>();
            for (Step s : steps) {
                Rational dist = s.c().distance(target);
                double d = (double) dist.num() / dist.den();
                key.put(s, (1 + d) * Math.exp(order.nextGaussian()));
            }
            steps.sort(Comparator.comparing(key::get));
        }
        for (int k = 0; k < steps.size(); k++) {
            Step step = steps.get(k);
            if (k > 0) {
                lines.add("back (left: " + Step.join(state) + ")");
            }
            lines.add(step.toString());
            path.add(step);
            List<Item> child = apply(items, step);
            if (solved(child)) {
                answer = child.stream().filter(i -> i.value().equals(target)).findFirst().orElseThrow()
                        .expression();
                return Outcome.FOUND;
            }
            Outcome o;
            if (child.size() == 1) {
                deadEnds++;
                o = deadEnds > maxDeadEnds ? Outcome.OVER_BUDGET : Outcome.FAILED;
            } else {
                o = run(child);
            }
            if (o != Outcome.FAILED) {
                return o;
            }
            path.remove(path.size() - 1);
        }
        return Outcome.FAILED;
    }

    /** The items after {@code step}: its two numbers replaced by their result, in value order. */
    private static List<Item> apply(List<Item> items, Step step) {
        List<Item> rest = new ArrayList<>(items);
        Item a = take(rest, step.a());
        Item b = take(rest, step.b());
        rest.add(new Item(step.c(), Expression.of(a.expression(), step.op(), b.expression())));
        rest.sort(Comparator.comparing(Item::value));
        return rest;
    }

    private static Item take(List<Item> items, Rational value) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).value().equals(value)) {
                return items.remove(i);
            }
        }
        throw new IllegalStateException("a step from nextSteps uses a number of its state: " + value);
    }

    private static List<Rational> values(List<Item> items) {
        List<Rational> v = new ArrayList<>();
        for (Item i : items) {
            v.add(i.value());
        }
        return v;
    }
}
