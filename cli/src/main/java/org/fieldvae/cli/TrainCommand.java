package org.fieldvae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.TrainingFields;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.ResumeRule;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
import org.fieldvae.vae.TrainingDivergedException;
import org.fieldvae.vae.TrainingHistory;
import org.fieldvae.vae.TrainingSchedule;
import org.fieldvae.vae.VaeSettings;
import org.fieldvae.vae.VaeTrainer;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae train}: trains a DenseVAE (optionally with the hierarchical prior) on a dataset's fields. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a DenseVAE on a dataset's fields.",
            "Trains the paper's DenseVAE on the 'output' fields (pressure, u_x1, u_x2) of a dataset.",
            "The default schedule, fast, converges in 300 epochs (600 with the hierarchical prior); --schedule paper "
                + "runs the authors' (6500 or 14000 epochs, docs/paper-facts.md). Options given explicitly override the "
                + "schedule's choice. Checkpoints go to the folder named like --out with .checkpoints for .zip "
                + "(model.checkpoints/ for model.zip); --resume continues them with the same options and data, and "
                + "refuses other ones, naming what differs.",
            "Exits 3 when training diverges (non-finite or exploding loss or weights): lower --lr; only "
                + "checkpoints whose weights are all finite are kept, and no model is written."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Training dataset (HDF5 with 'output').")
    Path data;

    @Option(names = "--out", defaultValue = "model.zip", description = "Model zip to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--history", description = "History CSV (default: <out> with .csv instead of .zip).")
    Path history;

    @ArgGroup(exclusive = false, validate = false, heading = "%nArchitecture (grid and channels come from --data):%n")
    ArchitectureArgs architecture = new ArchitectureArgs();

    @ArgGroup(exclusive = false, validate = false, heading = "%nPrior and loss:%n")
    PriorArgs prior = new PriorArgs();

    @ArgGroup(exclusive = false, validate = false, heading = "%nTraining schedule:%n")
    ScheduleArgs schedule = new ScheduleArgs();

    @ArgGroup(exclusive = false, validate = false, heading = "%nBeta (the weight of L_REG):%n")
    BetaArgs beta = new BetaArgs();

    @ArgGroup(exclusive = false, validate = false, heading = "%nRun:%n")
    RunArgs run = new RunArgs();

    @Option(names = "--resume", description = "Continue from the checkpoint in <out without .zip>.checkpoints/ (same options and data).")
    boolean resume;

    @Option(names = "--keep-checkpoints", description = "Keep every checkpoint (each --checkpoint-every epochs) as "
            + "epoch-NNNNN.zip in the checkpoint folder, a model of that epoch for probe alignment and the other "
            + "probes along training. Checkpoints hold the running batch-norm averages, also when the model "
            + "written at the end has population statistics.")
    boolean keepCheckpoints;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        OutputOptions.Input input = OutputOptions.input("--data", data);
        output.check(out, input);
        Path historyFile = output.check("--history", history != null ? history : sibling(out, ".csv"), input);
        Path checkpoints = sibling(out, ".checkpoints");
        OutputOptions.refuseInputs("the checkpoint folder", checkpoints, input);
        if (resume && !Files.isRegularFile(checkpoints.resolve(VaeTrainer.CHECKPOINT))) {
            throw new InvalidInputException("--resume: no checkpoint in " + checkpoints);
        }
        VaeSettings settings = settings();
        if (schedule.batch == null && settings.schedule().batch() < VaeSettings.defaults(false).schedule().batch()) {
            System.err.printf("batch %d: a larger one would give these %d epochs fewer than %d Adam steps "
                    + "(--batch chooses); batch-norm statistics: %s%n", settings.schedule().batch(),
                    settings.schedule().epochs(), TrainingSchedule.FAST_MIN_STEPS,
                    settings.schedule().batchNormStatistics().name().toLowerCase(Locale.ROOT));
        }
        try (OutputOptions.Locks locks = OutputOptions.lock(out, historyFile, checkpoints)) {
            AtomicFile.removeStaleTemps(checkpoints.resolve(VaeTrainer.CHECKPOINT));
            TrainingData trainingData = read(data, prior.semiSupervised);
            boolean created = !Files.isDirectory(checkpoints);
            try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
                createDirectories(checkpoints);
                try (TrainedModel model = resume ? resume(checkpoints, settings, trainingData, progress)
                        : VaeTrainer.train(settings, trainingData, checkpoints, keepCheckpoints, progress)) {
                    model.save(out, output.force);
                    TrainingHistory h = model.history();
                    h.writeCsv(historyFile);
                    System.err.printf("wrote %s (%d parameters) and %s%n", out, model.parameterCount(), historyFile);
                    if (!h.warning().isEmpty()) {
                        System.err.println("warning: " + h.warning());
                    }
                }
            } catch (TrainingDivergedException e) {
                throw diverged(e, checkpoints, created);
            }
        }
        return 0;
    }

    /** Continues the checkpoint if it was made with these options and this data ({@link ResumeRule}). */
    private TrainedModel resume(Path checkpoints, VaeSettings settings, TrainingData trainingData, ConsoleProgress p) {
        try {
            return ResumeRule.resume(checkpoints, settings, trainingData, p);
        } catch (ResumeRule.MismatchException e) {
            List<String> parts = new ArrayList<>();
            List<String> options = new ArrayList<>();
            for (ResumeRule.Difference d : e.differences()) {
                // one line per option: --lr sets both the rates and (by having none) the boundaries
                String option = TrainOptionNames.OPTIONS.getOrDefault(d.setting(), d.setting());
                if (!options.contains(option) && !(d.setting().equals("lrBoundaries") && differs(e, "lrValues"))) {
                    options.add(option);
                    parts.add(TrainOptionNames.describe(d, data));
                }
            }
            throw new InvalidInputException("--resume: " + String.join("; ", parts)
                    + " (resume with the same options and data, or train afresh without --resume)", e);
        }
    }

    private static boolean differs(ResumeRule.MismatchException e, String setting) {
        return e.differences().stream().anyMatch(d -> d.setting().equals(setting));
    }

    /** The one-line message of a diverged run: what happened, what to change, what is kept. */
    private DivergedException diverged(TrainingDivergedException e, Path checkpoints, boolean created) {
        boolean kept = Files.isRegularFile(checkpoints.resolve(VaeTrainer.CHECKPOINT));
        if (!kept && created) {
            deleteIfEmpty(checkpoints);
        }
        double lower = e.learningRate() / 10;
        String message = String.format(Locale.ROOT, "%s; lower --lr (try --lr %.3g)%s", e.getMessage(), lower,
                kept ? "; the last checkpoint with finite weights stays in " + checkpoints
                        : "; no checkpoint was kept (it diverged before the first; --checkpoint-every sets how often)");
        return new DivergedException(message, e);
    }

    /** The settings of the options, group by group, each over the defaults of the prior asked for. */
    VaeSettings settings() {
        VaeSettings s = VaeSettings.defaults(prior.priorKind() == PriorKind.HIERARCHICAL);
        int samples;
        try (DatasetReader reader = DatasetReader.open(data)) {
            s = s.with(architecture.apply(s.architecture(), reader.grid()));
            samples = reader.samples();
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(TrainOptionNames.rename(ex.getMessage()), ex);
        }
        s = s.with(prior.apply(s.priorAndLoss(), s.architecture().latent()));
        try {
            s = schedule.apply(s.with(run.apply(s.run())).withSemiSupervised(prior.semiSupervised), samples);
            return s.with(beta.apply(s.beta())).withInit(architecture.initScheme()).withLossScale(prior.lossScaleKind());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(TrainOptionNames.rename(ex.getMessage()), ex);
        }
    }

    /** The fields, and with --semi-supervised the theta and labelled mask, of a dataset. */
    static TrainingData read(Path file, boolean semiSupervised) {
        TrainingFields read = TrainingFields.read(file, semiSupervised, semiSupervised);
        return named(file, () -> new TrainingData(read.fields(), read.theta(), read.labelled()));
    }

    /** The training data, or an error that names the file ("d.hdf5: training data: sample 3 has ..."). */
    private static TrainingData named(Path file, java.util.function.Supplier<TrainingData> data) {
        try {
            return data.get();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + suffix);
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (java.io.IOException e) {
            // not empty (a user's file) or not removable: an empty folder harms nothing
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the checkpoint folder " + dir, e);
        }
    }
}
