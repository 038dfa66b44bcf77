package dev.tinyreason.cli;

import dev.tinyreason.train.sft.Stage;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./tinyreason train STAGE [options]}: one sub-command per stage, in the order the
 * course trains them. The language-model stages ({@link TrainStage}: pretrain, sft-nothink,
 * sft-think, value) share their flags; {@link TrainDpo}, {@link TrainGrpo} and {@link TrainTrm}
 * have their own, and {@link TrainTrmAblations} trains the TRM's ablation sweep.
 */
@Command(name = "train", synopsisSubcommandLabel = "STAGE", commandListHeading = "Stages:%n",
        description = "Train a model: a stage of the pipeline, or the TRM.")
public final class Train implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code ./tinyreason train ARGS}: the stage, then its flags. */
    public static int run(String[] args) {
        return Main.run(List.of("train"), args);
    }

    /** {@code train} with its stages. */
    static CommandLine commandLine() {
        CommandLine train = new CommandLine(new Train());
        for (Stage stage : Stage.values()) {
            train.addSubcommand(stage.id(), TrainStage.commandLine(stage));
        }
        train.addSubcommand(new TrainDpo());
        train.addSubcommand(new TrainGrpo());
        train.addSubcommand(new TrainTrm());
        train.addSubcommand(new TrainTrmAblations());
        return train;
    }

    @Override
    public Integer call() {
        throw Cli.missingSubcommand(spec);
    }
}
