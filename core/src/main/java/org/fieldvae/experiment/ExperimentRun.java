package org.fieldvae.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;
import org.fieldvae.IoReason;
import org.fieldvae.OutputLock;
import org.fieldvae.Provenance;
import org.fieldvae.field.DatasetFiles;
import org.fieldvae.field.DatasetReader;
import org.fieldvae.field.TrainingFields;
import org.fieldvae.generate.DatasetGenerator;
import org.fieldvae.label.LabelResult;
import org.fieldvae.label.Labeler;
import org.fieldvae.score.DisentanglementScorer;
import org.fieldvae.score.LatentTable;
import org.fieldvae.score.ScoreSettings;
import org.fieldvae.score.Scores;
import org.fieldvae.score.ScoresFile;
import org.fieldvae.vae.LatentCsv;
import org.fieldvae.vae.ResumeRule;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.TrainingData;
import org.fieldvae.vae.VaeTrainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One trial of the paper's experiment, written into one run folder ({@link RunFolder}): settings, training
 * set (Latin hypercube, labelled), test set (Monte Carlo), semi-supervised DenseVAE, latents of both sets,
 * scores of the test latents.
 *
 * <p>Resumable: each stage is skipped when its output file is present (files are moved into place only
 * when complete, so present means complete), and training continues from its last checkpoint. A run
 * cancelled or killed in any stage therefore ends, when called again with the same settings, with the
 * same files as an uninterrupted one. Nothing depends on the calling process: seeds come from the settings,
 * and no absolute path is recorded.
 */
public final class ExperimentRun {
    /** The unlabelled training set while it is being labelled (gone once {@link RunFolder#TRAIN} exists). */
    static final String UNLABELLED = "train-unlabelled.hdf5";

    /**
     * Relative cost per unit of work, for the progress bar's share of each stage; measured on 2 cores at
     * 33 x 33 (seconds per sample and pixel): generating a sample, a training epoch of a sample, encoding a
     * sample; scoring is per test sample.
     */
    private static final double GENERATE_COST = 4e-6;
    private static final double TRAIN_COST = 5e-6;
    private static final double ENCODE_COST = 2e-6;
    private static final double SCORE_COST = 0.01;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ExperimentRun() {
    }

    /**
     * Runs (or continues) the trial in {@code dir}.
     *
     * @param dir the run folder; created if missing; if it holds a {@code run.json} it must record the same
     *            settings (a resumed run), otherwise the folder must hold no run files
     * @throws InvalidInputException when the folder holds a run with other settings
     * @throws org.fieldvae.CancelledException when the progress is cancelled; what is complete stays
     */
    public static RunResult run(RunSettings settings, Path dir, Progress progress) {
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir.toAbsolutePath().getParent() + ": " + IoReason.of(e), e);
        }
        try (OutputLock lock = OutputLock.acquire(dir, "run folder " + dir)) {
            removeStaleTemps(dir);
            return runLocked(settings, dir, progress);
        }
    }

    /** Temporary files that a killed run left beside the run files (the folder's lock is held). */
    private static void removeStaleTemps(Path dir) {
        List<String> names = new ArrayList<>(RunFolder.ALL);
        names.add(UNLABELLED);
        for (String name : names) {
            AtomicFile.removeStaleTemps(dir.resolve(name));
        }
        AtomicFile.removeStaleTemps(dir.resolve(RunFolder.CHECKPOINTS).resolve(VaeTrainer.CHECKPOINT));
    }

    private static RunResult runLocked(RunSettings settings, Path dir, Progress progress) {
        long start = System.nanoTime();
        claim(settings, dir);
        double[] share = shares(settings);
        double at = 0;
        Progress[] stage = new Progress[share.length];
        for (int i = 0; i < share.length; i++) {
            stage[i] = progress.range(at, at + share[i]);
            at += share[i];
        }
        progress.checkCancelled();
        if (!present(dir, RunFolder.TRAIN)) {
            trainingSet(settings, dir, stage[0]);
        }
        progress.checkCancelled();
        if (!present(dir, RunFolder.TEST)) {
            stage[1].report(0, "test set: generating " + settings.data().testSamples() + " samples (Monte Carlo)");
            DatasetGenerator.generate(settings.testData(), dir.resolve(RunFolder.TEST), true,
                    new Named(stage[1], "test set"));
        }
        progress.checkCancelled();
        TrainedModel model = null;
        try {
            if (!present(dir, RunFolder.MODEL) || !present(dir, RunFolder.HISTORY)) {
                model = train(settings, dir, stage[2]);
            }
            boolean encodeTrain = !present(dir, RunFolder.LATENTS_TRAIN);
            boolean encodeTest = !present(dir, RunFolder.LATENTS_TEST);
            if (model == null) {
                model = TrainedModel.load(dir.resolve(RunFolder.MODEL));
            }
            if (encodeTrain) {
                encode(model, dir, RunFolder.TRAIN, RunFolder.LATENTS_TRAIN, stage[3].range(0, 0.5));
            }
            if (encodeTest) {
                encode(model, dir, RunFolder.TEST, RunFolder.LATENTS_TEST, stage[3].range(0.5, 1));
            }
            progress.checkCancelled();
            if (!present(dir, RunFolder.SCORES)) {
                score(settings, dir, stage[4]);
            }
            progress.report(1, "run complete: " + dir.resolve(RunFolder.SCORES));
            return new RunResult(dir, ScoresFile.readScores(dir.resolve(RunFolder.SCORES)),
                    model.history().overRegularised(), (System.nanoTime() - start) * 1e-9);
        } finally {
            if (model != null) {
                model.close();
            }
        }
    }

    /** Writes run.json, or checks that the one there records the same settings. */
    private static void claim(RunSettings settings, Path dir) {
        Path runJson = dir.resolve(RunFolder.RUN_JSON);
        if (Files.isRegularFile(runJson)) {
            RunSettings recorded = RunFolder.readSettings(dir);
            if (!recorded.equals(settings)) {
                throw new InvalidInputException(dir + " holds a run with other settings (" + differences(recorded,
                        settings) + "); choose another folder or clear it");
            }
            return;
        }
        for (String name : RunFolder.ALL) {
            if (Files.exists(dir.resolve(name))) {
                throw new InvalidInputException(dir + " holds run files (" + name + ") but no " + RunFolder.RUN_JSON
                        + "; choose another folder or clear it");
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>(settings.toMap());
        doc.put("provenance", Provenance.current().asMap());
        try {
            Files.createDirectories(dir);
            AtomicFile.write(runJson, false, file -> JSON.writeValue(file.toFile(), doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runJson + ": " + org.fieldvae.IoReason.of(e), e);
        }
    }

    /** "key: recorded -> asked" for every setting that differs. */
    static String differences(RunSettings recorded, RunSettings asked) {
        Map<String, Object> a = recorded.toMap();
        Map<String, Object> b = asked.toMap();
        List<String> out = new ArrayList<>();
        for (String key : a.keySet()) {
            if (!a.get(key).equals(b.get(key))) {
                out.add(key + " " + a.get(key) + " -> " + b.get(key));
            }
        }
        return String.join(", ", out);
    }

    /** Each stage's share of the progress bar: generate train, generate test, train, encode, score. */
    private static double[] shares(RunSettings s) {
        double pixels = (double) s.data().grid() * s.data().grid();
        double[] cost = {
            GENERATE_COST * pixels * s.data().trainSamples(),
            GENERATE_COST * pixels * s.data().testSamples(),
            TRAIN_COST * pixels * s.data().trainSamples() * s.schedule().epochs(),
            ENCODE_COST * pixels * (s.data().trainSamples() + s.data().testSamples()),
            SCORE_COST * s.data().testSamples()};
        double total = 0;
        for (double c : cost) {
            total += c;
        }
        for (int i = 0; i < cost.length; i++) {
            cost[i] /= total;
        }
        return cost;
    }

    private static boolean present(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name));
    }

    /** Generates the unlabelled set, labels it into train.hdf5, removes the unlabelled one. */
    private static void trainingSet(RunSettings s, Path dir, Progress progress) {
        Path unlabelled = dir.resolve(UNLABELLED);
        if (!present(dir, UNLABELLED)) {
            progress.report(0, "training set: generating " + s.data().trainSamples() + " samples (Latin hypercube)");
            DatasetGenerator.generate(s.trainData(), unlabelled, true, new Named(progress.range(0, 0.95), "training set"));
        }
        progress.checkCancelled();
        LabelResult labels;
        try (DatasetReader reader = DatasetReader.open(unlabelled)) {
            labels = Labeler.label(s.labels(), reader.theta());
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("label_fraction", Double.toString(s.data().labelFraction()));
        attributes.put("label_count", Integer.toString(labels.count()));
        attributes.put("label_seed", Long.toString(s.labels().seed()));
        attributes.put("label_stratified", Boolean.toString(s.labels().stratified()));
        DatasetFiles.withLabelled(unlabelled, dir.resolve(RunFolder.TRAIN), labels.labelled(), attributes, true);
        try {
            Files.deleteIfExists(unlabelled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + unlabelled, e);
        }
        progress.report(1, "training set: " + labels.count() + " of " + s.data().trainSamples() + " samples labelled");
    }

    /** Trains from scratch or from the checkpoint; writes history.csv, then model.zip. */
    private static TrainedModel train(RunSettings s, Path dir, Progress progress) {
        Path checkpoints = dir.resolve(RunFolder.CHECKPOINTS);
        try {
            Files.createDirectories(checkpoints);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + checkpoints, e);
        }
        TrainingData data = trainingData(dir.resolve(RunFolder.TRAIN), s.semiSupervised());
        boolean resume = Files.isRegularFile(checkpoints.resolve(VaeTrainer.CHECKPOINT));
        Progress labelled = new Named(progress, resume ? "training (resumed)" : "training");
        TrainedModel model = resume ? ResumeRule.resume(checkpoints, s.vae(), data, labelled)
                : VaeTrainer.train(s.vae(), data, checkpoints, labelled);
        try {
            model.history().writeCsv(dir.resolve(RunFolder.HISTORY));
            model.save(dir.resolve(RunFolder.MODEL), true);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    private static TrainingData trainingData(Path file, boolean semiSupervised) {
        TrainingFields read = TrainingFields.read(file, semiSupervised, semiSupervised);
        return new TrainingData(read.fields(), read.theta(), read.labelled());
    }

    private static void encode(TrainedModel model, Path dir, String data, String csv, Progress progress) {
        try (DatasetReader reader = DatasetReader.open(dir.resolve(data))) {
            LatentCsv.write(dir.resolve(csv), true, model, reader, new Named(progress, "encoding " + data));
        }
    }

    private static void score(RunSettings s, Path dir, Progress progress) {
        Path csv = dir.resolve(RunFolder.LATENTS_TEST);
        LatentTable table = LatentTable.read(csv);
        ScoreSettings settings = s.scores();
        progress.report(0, "scoring the test latents (S_D, S_KL, ...)");
        Scores scores = DisentanglementScorer.score(settings, table.latents(), table.theta(), null,
                new Named(progress, "scoring"));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("latents", RunFolder.LATENTS_TEST);
        input.put("latents_sha256", DatasetFiles.sha256(csv));
        input.put("latent_columns", table.latentNames());
        input.put("theta_columns", table.thetaNames());
        ScoresFile.write(dir.resolve(RunFolder.SCORES), true, scores, settings, input);
    }

    /** Prefixes every message with the stage's name, so the progress line says where the run is. */
    private record Named(Progress inner, String stage) implements Progress {
        @Override
        public void report(double fraction, String message) {
            inner.report(fraction, String.format(Locale.ROOT, "%s: %s", stage, message));
        }

        @Override
        public boolean isCancelled() {
            return inner.isCancelled();
        }
    }
}
