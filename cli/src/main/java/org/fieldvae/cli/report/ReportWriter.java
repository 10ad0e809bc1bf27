package org.fieldvae.cli.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.fieldvae.AtomicFile;
import org.fieldvae.FieldVaeException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Provenance;
import org.fieldvae.experiment.RunFolder;
import org.fieldvae.vae.TrainedModel;
import org.fieldvae.vae.VaeSettings;

/**
 * The HTML report of a run folder: one page with PNG plots beside it (XChart, rendered headless),
 * referenced by bare relative file names, so the folder can be opened from disk or mailed as a whole.
 * Each section is drawn only if its input file exists, and says "not available" otherwise, or when the
 * file cannot be read, so a partial run still gets a report.
 *
 * <p>Writing is all-or-nothing: everything is rendered into a hidden temporary folder beside the page,
 * the PNGs are moved into place and the page last, so a reader never sees a page that refers to a missing
 * or half-written image; a failure leaves any earlier page as it was. Plots an earlier report of the same
 * name had and this one has not (its input has gone) are deleted after the page is in place.
 */
public final class ReportWriter {
    /** Files of the run folder: the layout {@link RunFolder} defines and quickstart and sweep write. */
    static final String RUN_JSON = RunFolder.RUN_JSON;
    static final String TRAIN = RunFolder.TRAIN;
    static final String TEST = RunFolder.TEST;
    static final String MODEL = RunFolder.MODEL;
    static final String HISTORY = RunFolder.HISTORY;
    static final String LATENTS_TRAIN = RunFolder.LATENTS_TRAIN;
    static final String LATENTS_TEST = RunFolder.LATENTS_TEST;
    static final String SCORES = RunFolder.SCORES;
    /** The inputs of which a run folder has at least one. */
    static final List<String> INPUTS = List.of(RUN_JSON, TRAIN, TEST, MODEL, HISTORY, LATENTS_TRAIN, LATENTS_TEST,
            SCORES);
    /** The report's place in the run folder. */
    static final String REPORT_DIR = RunFolder.REPORT;
    static final String PAGE = "index.html";

    static {
        // XChart renders through AWT; a server or CI machine has no display
        System.setProperty("java.awt.headless", "true");
    }

    private ReportWriter() {
    }

    /**
     * Writes (or refreshes) {@code runDir/report/index.html} and its PNGs.
     *
     * @return the page
     * @throws InvalidInputException if {@code runDir} is not a run folder
     */
    public static Path write(Path runDir) {
        return write(runDir, runDir.resolve(REPORT_DIR).resolve(PAGE), true);
    }

    /**
     * Writes the report of {@code runDir} to {@code out}, its PNGs into the same folder (created if missing)
     * named {@code <page name>-<plot>.png}.
     *
     * @param overwrite replace an existing page (and its PNGs of the same names)
     * @return {@code out}
     * @throws InvalidInputException    if {@code runDir} is not a run folder
     * @throws IllegalArgumentException if {@code out} exists and {@code overwrite} is false, or is a folder
     */
    public static Path write(Path runDir, Path out, boolean overwrite) {
        checkRunFolder(runDir);
        Path page = out.toAbsolutePath();
        if (Files.isDirectory(page)) {
            throw new IllegalArgumentException("report " + out + ": is a directory");
        }
        if (Files.exists(page) && !overwrite) {
            throw new IllegalArgumentException("report " + out + ": exists already (use --force to replace it)");
        }
        Path temp = null;
        try {
            Files.createDirectories(page.getParent());
            temp = Files.createTempDirectory(page.getParent(), "." + page.getFileName() + ".");
            Figures figures = new Figures(temp, prefix(page));
            Path html = temp.resolve(PAGE);
            Files.writeString(html, render(runDir, figures));
            for (Figure f : figures.written()) {
                move(temp.resolve(f.file()), page.resolveSibling(f.file()));
            }
            AtomicFile.moveIntoPlace(html, page, overwrite);
            for (String stale : figures.absent()) {
                Files.deleteIfExists(page.resolveSibling(stale));
            }
            return out;
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("report " + out + ": exists already (use --force to replace it)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + out + ": " + e.getMessage(), e);
        } finally {
            deleteTree(temp);
        }
    }

    /** @throws InvalidInputException naming the folder when it is missing or holds none of the run's files */
    static void checkRunFolder(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            throw new InvalidInputException("--run " + runDir + ": not a directory");
        }
        for (String input : INPUTS) {
            if (Files.isRegularFile(runDir.resolve(input))) {
                return;
            }
        }
        throw new InvalidInputException("--run " + runDir + ": not a run folder (it has none of " + String.join(", ", INPUTS)
                + ")");
    }

    private static String render(Path runDir, Figures figures) {
        Html html = new Html();
        html.paragraph("Run folder: " + runDir.toAbsolutePath().normalize() + ". Written " + Instant.now() + " by FieldVAE "
                + Provenance.version() + ".");
        Path modelZip = runDir.resolve(MODEL);
        TrainedModel model = null;
        String modelProblem = MODEL + " is missing";
        try {
            if (Files.isRegularFile(modelZip)) {
                try {
                    model = TrainedModel.load(modelZip);
                } catch (FieldVaeException | IllegalArgumentException e) {
                    modelProblem = MODEL + " cannot be read: " + e.getMessage();
                }
            }
            sections(runDir, model, modelProblem, figures, html);
        } finally {
            if (model != null) {
                model.close();
            }
        }
        return html.page("FieldVAE report: " + runDir.toAbsolutePath().normalize().getFileName());
    }

    private static void sections(Path runDir, TrainedModel model, String modelProblem, Figures figures, Html html) {
        VaeSettings settings = model == null ? null : model.settings();
        Path train = runDir.resolve(TRAIN);
        Path test = runDir.resolve(TEST);
        Path history = runDir.resolve(HISTORY);
        Path latentsTest = runDir.resolve(LATENTS_TEST);
        Path latentsTrain = runDir.resolve(LATENTS_TRAIN);
        html.heading(2, "Inputs");
        TableSections.inputs(runDir, INPUTS, html);
        html.heading(2, "Sample fields");
        section(html, (train), () -> FieldSections.trainingSample(train, figures, html));
        html.heading(2, "Reconstruction of a test sample");
        if (model == null) {
            html.notAvailable(modelProblem);
        } else {
            section(html, (test), () -> FieldSections.reconstruction(test, model, figures, html));
        }
        html.heading(2, "Training curves");
        section(html, (history), () -> TrainingSections.curves(history, figures, html));
        if (model != null && !model.history().warning().isEmpty()) {
            html.warning(model.history().warning());
        }
        html.heading(2, "Rate-distortion plane");
        section(html, (history), () -> TrainingSections.rateDistortion(history, figures, html));
        html.heading(2, "Latent means against the generative parameters");
        section(html, (latentsTest),
                () -> LatentSections.againstTheta(latentsTest, "test", "test set", figures, html));
        section(html, (latentsTrain),
                () -> LatentSections.againstTheta(latentsTrain, "train", "training set", figures, html));
        html.heading(2, "Aggregated posterior, prior and p(\u03b8)");
        section(html, (latentsTest),
                () -> LatentSections.aggregatedPosterior(latentsTest, model, figures, html));
        html.heading(2, "Latent traversal");
        if (model == null) {
            html.notAvailable(modelProblem);
        } else {
            section(html, (latentsTest), () -> FieldSections.traversal(latentsTest, model, figures, html));
        }
        html.heading(2, "Scores");
        Path scores = runDir.resolve(SCORES);
        section(html, (scores), () -> TableSections.scores(scores, html));
        html.heading(2, "Settings and provenance");
        Path runJson = runDir.resolve(RUN_JSON);
        section(html, (runJson), () -> TableSections.json(runJson, "Run settings (" + RUN_JSON + ")", html));
        section(html, (train), () -> TableSections.attributes(train, "Training set (" + TRAIN + ")", html));
        section(html, (test), () -> TableSections.attributes(test, "Test set (" + TEST + ")", html));
        if (model == null) {
            html.notAvailable("model settings: " + modelProblem);
        } else {
            TableSections.modelSettings(settings, "Model settings (" + MODEL + ")", html);
        }
    }

    /**
     * Draws a section if its input exists; a missing input, or one that cannot be read, becomes a
     * "not available" line and the rest of the report goes on. Failures to write the report itself
     * (an {@link UncheckedIOException} from a PNG) are not caught.
     */
    private static void section(Html html, Path input, Runnable draw) {
        if (!Files.isRegularFile(input)) {
            html.notAvailable(input.getFileName() + " is missing");
            return;
        }
        try {
            draw.run();
        } catch (FieldVaeException | IllegalArgumentException e) {
            html.notAvailable("cannot read " + input.getFileName() + ": " + e.getMessage());
        }
    }

    /** The PNG file-name prefix: the page's name without extension, in characters safe in any URL. */
    static String prefix(Path page) {
        String name = page.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
        return stem.isEmpty() || stem.startsWith(".") ? "report" + stem : stem;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(AtomicFile::deleteQuietly);
        } catch (IOException e) {
            // a hidden temporary folder left behind is harmless; the report's own outcome matters more
        }
    }
}
