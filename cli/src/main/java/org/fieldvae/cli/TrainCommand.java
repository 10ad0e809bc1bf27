package org.fieldvae.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.fieldvae.InvalidInputException;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.TrainingFields;
import org.fieldvae.vae.InitScheme;
import org.fieldvae.vae.LossScale;
import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
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
            "Defaults are the paper's (docs/paper-facts.md): 6500 epochs (14000 with the hierarchical prior); pass",
            "--epochs and --rec-epochs for a short run. Checkpoints go to <out>.checkpoints/; --resume continues."})
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

    @Option(names = "--latent", description = "Latent dimension (default 2).")
    Integer latent;

    @Option(names = "--epochs", description = "Training epochs (default 6500, 14000 with the hierarchical prior).")
    Integer epochs;

    @Option(names = "--rec-epochs", description = "Reconstruction-only epochs at the start (default 4000, 6500 hierarchical).")
    Integer recEpochs;

    @Option(names = "--batch", description = "Minibatch size (default 64).")
    Integer batch;

    @Option(names = "--lr", description = "A constant learning rate instead of the paper's piecewise schedule.")
    Double learningRate;

    @Option(names = "--beta", defaultValue = "klushyn",
            description = "klushyn (the paper's scheduler) | fixed:B (beta-VAE) | cyclical:MAX:CYCLES (Fu et al.); default ${DEFAULT-VALUE}.")
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

    @Option(names = "--resume", description = "Continue from the checkpoint in <out>.checkpoints/ (same data).")
    boolean resume;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        output.check(out);
        Path historyFile = output.check(history != null ? history : sibling(out, ".csv"));
        Path checkpoints = sibling(out, ".checkpoints");
        if (resume && !Files.isRegularFile(checkpoints.resolve(VaeTrainer.CHECKPOINT))) {
            throw new InvalidInputException("--resume: no checkpoint in " + checkpoints);
        }
        VaeSettings settings = resume ? null : settings();
        TrainingData trainingData = read(data, semiSupervised);
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            createDirectories(checkpoints);
            try (TrainedModel model = resume ? VaeTrainer.resume(checkpoints, trainingData, progress)
                    : VaeTrainer.train(settings, trainingData, checkpoints, progress)) {
                model.save(out, output.force);
                TrainingHistory h = model.history();
                h.writeCsv(historyFile);
                System.err.printf("wrote %s (%d parameters) and %s%n", out, model.parameterCount(), historyFile);
                if (!h.warning().isEmpty()) {
                    System.err.println("warning: " + h.warning());
                }
            }
        }
        return 0;
    }

    VaeSettings settings() {
        boolean hierarchical = PriorKind.HIERARCHICAL == priorKind();
        VaeSettings s = VaeSettings.defaults(hierarchical).withSeed(seed).withSemiSupervised(semiSupervised);
        try (DatasetReader reader = DatasetReader.open(data)) {
            s = s.withArchitecture(reader.grid(), blocks != null ? blocks : s.blocks(),
                    growth != null ? growth : s.growth(), features != null ? features : s.initialFeatures(),
                    latent != null ? latent : s.latent());
        }
        if (priorVariances != null && priorVariances.length != s.latent()) {
            throw new IllegalArgumentException("--prior-variances = " + Arrays.toString(priorVariances)
                    + ": needs one variance per latent dimension (" + s.latent() + ")");
        }
        s = s.withPrior(priorKind(), priorVariances);
        int e = epochs != null ? epochs : s.epochs();
        int r = recEpochs != null ? recEpochs : Math.min(s.recEpochs(), e);
        s = s.withTraining(e, r, batch != null ? batch : s.batch());
        if (learningRate != null) {
            s = s.withLearningRate(learningRate);
        }
        if (checkpointEvery != null) {
            s = s.withCheckpointEvery(checkpointEvery);
        }
        return betaSchedule(s).withInit(initScheme()).withLossScale(lossScaleKind());
    }

    private VaeSettings betaSchedule(VaeSettings s) {
        String[] parts = beta.toLowerCase().split(":");
        try {
            return switch (parts[0]) {
                case "klushyn" -> s;
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
        return new TrainingData(read.fields(), read.theta(), read.labelled());
    }

    static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return file.resolveSibling(stem + suffix);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create checkpoint directory " + dir, e);
        }
    }
}
