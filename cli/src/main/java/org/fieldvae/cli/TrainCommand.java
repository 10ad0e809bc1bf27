package org.fieldvae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.fieldvae.AtomicFile;
import org.fieldvae.Check;
import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.TrainingFields;
import org.fieldvae.nn.InitScheme;
import org.fieldvae.vae.HpDecoder;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.ResumeRule;
import org.fieldvae.vae.TrainingSchedule;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
import org.fieldvae.vae.TrainingDivergedException;
import org.fieldvae.vae.TrainingHistory;
import org.fieldvae.vae.VaeSettings;
import org.fieldvae.vae.VaeTrainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae train}: trains a DenseVAE (optionally with the hierarchical prior) on a dataset's fields. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a DenseVAE on a dataset's fields.",
            "Trains the paper's DenseVAE on the 'output' fields (pressure, u_x1, u_x2) of a dataset.",
            "The default schedule, fast, converges in 300 epochs (600 with the hierarchical prior); --schedule paper",
            "runs the authors' (6500 or 14000 epochs, docs/paper-facts.md). Options given explicitly override the",
            "schedule's choice. Checkpoints go to the folder named like --out with .checkpoints for .zip",
            "(model.checkpoints/ for model.zip); --resume continues them with the same options and data, and",
            "refuses other ones, naming what differs.",
            "Exits 3 when training diverges (non-finite or exploding loss or weights): lower --lr; only",
            "checkpoints whose weights are all finite are kept, and no model is written."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Training dataset (HDF5 with 'output').")
    Path data;

    @Option(names = "--out", defaultValue = "model.zip", description = "Model zip to write (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--history", description = "History CSV (default: <out> with .csv instead of .zip).")
    Path history;

    @Option(names = "--prior", defaultValue = "standard", description = "standard | scaled | hierarchical (default ${DEFAULT-VALUE}).")
    String prior;

    @Option(names = "--prior-variances", split = ",", description = "Variances of the scaled prior, one per latent dimension, e.g. 1,2.")
    double[] priorVariances;

    @Option(names = "--hp-decoder", defaultValue = "intended",
            description = "The hierarchical prior's decoder: intended (the paper's n-8n-8n-n network) or as-coded "
                    + "(the authors' code: n-8n-n with a ReLU on the output); default ${DEFAULT-VALUE}.")
    String hpDecoder;

    @Option(names = "--schedule", defaultValue = "fast",
            description = "fast (converges in a few hundred epochs) or paper (the authors' epochs, phases and "
                    + "learning-rate drops); default ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--latent", description = "Latent dimension (default 2).")
    Integer latent;

    @Option(names = "--epochs", description = "Training epochs, >= 1 (default: the schedule's; fast 300, 600 with "
            + "the hierarchical prior; paper 6500, 14000); the schedule's phases keep their fractions of the run.")
    Integer epochs;

    @Option(names = "--rec-epochs", description = "Reconstruction-only epochs at the start (default: the schedule's; "
            + "fast 20%% of the epochs, paper 4000 of 6500 or 6500 of 14000).")
    Integer recEpochs;

    @Option(names = "--batch", description = "Minibatch size (default 64).")
    Integer batch;

    @Option(names = "--lr", description = "A constant learning rate instead of the schedule's piecewise one.")
    Double learningRate;

    @Option(names = "--beta", description = "klushyn (the paper's scheduler) | fixed:B (beta-VAE) | "
            + "cyclical:MAX:CYCLES (Fu et al.); default: the schedule's (fast: one linear rise to 1; paper: klushyn).")
    String beta;

    @Option(names = "--loss-scale", defaultValue = "per-pixel", description = "per-pixel (the authors') or elbo; default ${DEFAULT-VALUE}.")
    String lossScale;

    @Option(names = "--init", defaultValue = "xavier", description = "xavier (the paper's) or pytorch (the authors' code); default ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--blocks", split = ",", description = "Layers per dense block (default 4,6,4).")
    int[] blocks;

    @Option(names = "--growth", description = "Growth rate of the dense blocks (default 4).")
    Integer growth;

    @Option(names = "--features", description = "Feature maps of the first convolution (default 2).")
    Integer features;

    @Option(names = "--semi-supervised", description = "Use the dataset's 'labelled' samples' theta (Eq. 29).")
    boolean semiSupervised;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of initialisation, shuffling and noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", description = "Epochs between checkpoints (default 100).")
    Integer checkpointEvery;

    @Option(names = "--resume", description = "Continue from the checkpoint in <out without .zip>.checkpoints/ (same options and data).")
    boolean resume;

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
        try (OutputOptions.Locks locks = OutputOptions.lock(out, historyFile, checkpoints)) {
            AtomicFile.removeStaleTemps(checkpoints.resolve(VaeTrainer.CHECKPOINT));
            TrainingData trainingData = read(data, semiSupervised);
            boolean created = !Files.isDirectory(checkpoints);
            try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
                createDirectories(checkpoints);
                try (TrainedModel model = resume ? resume(checkpoints, settings, trainingData, progress)
                        : VaeTrainer.train(settings, trainingData, checkpoints, progress)) {
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

    VaeSettings settings() {
        boolean hierarchical = PriorKind.HIERARCHICAL == priorKind();
        VaeSettings s = VaeSettings.defaults(hierarchical).withSeed(seed).withSemiSupervised(semiSupervised);
        try (DatasetReader reader = DatasetReader.open(data)) {
            s = s.withArchitecture(reader.grid(), blocks != null ? blocks : s.blocks(),
                    growth != null ? growth : s.growth(), features != null ? features : s.initialFeatures(),
                    latent != null ? latent : s.latent());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(TrainOptionNames.rename(ex.getMessage()), ex);
        }
        if (priorVariances != null && priorVariances.length != s.latent()) {
            throw new IllegalArgumentException("--prior-variances = " + Arrays.toString(priorVariances)
                    + ": needs one variance per latent dimension (" + s.latent() + ")");
        }
        s = s.withPrior(priorKind(), priorVariances).withHpDecoder(hpDecoderKind());
        TrainingSchedule plan = scheduleKind();
        if (epochs != null) {
            Check.atLeast("--epochs", epochs, 1);
        }
        try {
            s = plan.apply(s, epochs != null ? epochs : plan.defaultEpochs(hierarchical));
            if (recEpochs != null) {
                Check.inRange("--rec-epochs", recEpochs, 0, s.epochs());
            }
            s = s.withTraining(s.epochs(), recEpochs != null ? recEpochs : s.recEpochs(),
                    batch != null ? batch : s.batch());
            if (learningRate != null) {
                s = s.withLearningRate(learningRate);
            }
            if (checkpointEvery != null) {
                s = s.withCheckpointEvery(checkpointEvery);
            }
            return betaSchedule(s).withInit(initScheme()).withLossScale(lossScaleKind());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(TrainOptionNames.rename(ex.getMessage()), ex);
        }
    }

    private TrainingSchedule scheduleKind() {
        try {
            return TrainingSchedule.of(schedule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--schedule = " + schedule + ": must be fast or paper");
        }
    }

    private HpDecoder hpDecoderKind() {
        return switch (hpDecoder.toLowerCase()) {
            case "intended" -> HpDecoder.INTENDED;
            case "as-coded", "as_coded" -> HpDecoder.AS_CODED;
            default -> throw new IllegalArgumentException("--hp-decoder = " + hpDecoder + ": must be intended or as-coded");
        };
    }

    private VaeSettings betaSchedule(VaeSettings s) {
        if (beta == null) {
            return s;
        }
        String[] parts = beta.toLowerCase().split(":");
        try {
            return switch (parts[0]) {
                case "klushyn" -> s.withKlushynBeta(1e-9, 0.005, 1.0);
                case "fixed" -> s.withFixedBeta(Double.parseDouble(parts[1]));
                case "cyclical" -> s.withCyclicalBeta(Double.parseDouble(parts[1]),
                        parts.length > 2 ? Integer.parseInt(parts[2]) : s.cycles(), s.cycleRatio());
                default -> throw new IllegalArgumentException("--beta = " + beta
                        + ": must be klushyn, fixed:B or cyclical:MAX:CYCLES");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("--beta = " + beta + ": must be klushyn, fixed:B or cyclical:MAX:CYCLES");
        }
    }

    private PriorKind priorKind() {
        return switch (prior.toLowerCase()) {
            case "standard", "std_norm" -> PriorKind.STANDARD;
            case "scaled", "scaled_gaussian" -> PriorKind.SCALED;
            case "hierarchical", "hp" -> PriorKind.HIERARCHICAL;
            default -> throw new IllegalArgumentException("--prior = " + prior + ": must be standard, scaled or hierarchical");
        };
    }

    private LossScale lossScaleKind() {
        return switch (lossScale.toLowerCase()) {
            case "per-pixel" -> LossScale.PER_PIXEL;
            case "elbo" -> LossScale.ELBO;
            default -> throw new IllegalArgumentException("--loss-scale = " + lossScale + ": must be per-pixel or elbo");
        };
    }

    private InitScheme initScheme() {
        return switch (init.toLowerCase()) {
            case "xavier" -> InitScheme.XAVIER_UNIFORM;
            case "pytorch" -> InitScheme.PYTORCH_DEFAULT;
            default -> throw new IllegalArgumentException("--init = " + init + ": must be xavier or pytorch");
        };
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
