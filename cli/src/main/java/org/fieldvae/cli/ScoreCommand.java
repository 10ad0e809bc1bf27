package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fieldvae.field.DatasetFiles;
import org.fieldvae.score.DisentanglementScorer;
import org.fieldvae.score.LatentTable;
import org.fieldvae.score.ScoreSettings;
import org.fieldvae.score.Scores;
import org.fieldvae.score.ScoresFile;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fieldvae score}: a thin shell over {@link DisentanglementScorer}. Reads a CSV of latents and
 * generative parameters, writes a JSON with every score, the settings, the input's SHA-256 and the
 * provenance. The output defaults to {@code scores.json} beside the CSV (the run-folder layout that
 * {@code report} reads); it is written to a temporary file and moved into place, and an existing one is
 * replaced only with {@code --force}.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Disentanglement scores (S_D, S_KL, MIG, DCI, SAP, total correlation, correlations) of a CSV of "
                + "latents z_mean_* and generative parameters theta_*.",
            "Writes JSON to --out (default: scores.json in the CSV's folder)."})
public final class ScoreCommand implements Runnable {
    private static final ScoreSettings DEFAULTS = ScoreSettings.defaults();

    @Spec
    private CommandSpec spec;

    @Option(names = "--latents", required = true, paramLabel = "CSV",
            description = "CSV with a header: latent columns z_mean_* and parameter columns theta_* (others ignored).")
    private Path latents;

    @Option(names = "--out", paramLabel = "FILE", description = "Output JSON (default: scores.json beside the CSV).")
    private Path out;

    @Mixin
    private OutputOptions output = new OutputOptions();

    @Option(names = "--latent-columns", split = ",", paramLabel = "NAME",
            description = "Explicit latent columns (default: every z_mean_* column).")
    private List<String> latentColumns = new ArrayList<>();

    @Option(names = "--theta-columns", split = ",", paramLabel = "NAME",
            description = "Explicit parameter columns (default: every theta_* column).")
    private List<String> thetaColumns = new ArrayList<>();

    @Option(names = "--reference", paramLabel = "CSV",
            description = "Fresh samples of p(theta) (same theta columns) for S_KL instead of random halves of the rows.")
    private Path reference;

    @Option(names = "--k", paramLabel = "K", description = "Neighbour order of the k-NN KL estimator, 1..50; 1 makes S_KL "
            + "unbounded below (default: ${DEFAULT-VALUE}).")
    private int k = DEFAULTS.k();

    @Option(names = "--estimator", paramLabel = "fixed|adaptive",
            description = "Fixed k or the adaptive epsilon-ball k-NN estimator (default: ${DEFAULT-VALUE}).")
    private String estimator = DEFAULTS.estimator().name().toLowerCase(Locale.ROOT);

    @Option(names = "--starts", paramLabel = "S", description = "Nelder-Mead starts for S_KL, 1..64 (default: ${DEFAULT-VALUE}).")
    private int starts = DEFAULTS.starts();

    @Option(names = "--permutations", description = "Also search S_KL over axis permutations and sign flips (n <= 4).")
    private boolean permutations = DEFAULTS.permutations();

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the random halves and extra starts (default: ${DEFAULT-VALUE}).")
    private long seed = DEFAULTS.seed();

    @Option(names = "--max-evaluations", paramLabel = "N",
            description = "Estimator evaluations per Nelder-Mead start, 10..100000 (default: ${DEFAULT-VALUE}).")
    private int maxEvaluations = DEFAULTS.maxEvaluations();

    @Option(names = "--tolerance", paramLabel = "T",
            description = "Relative change at which Nelder-Mead stops, (0, 0.1] (default: ${DEFAULT-VALUE}).")
    private double tolerance = DEFAULTS.tolerance();

    @Option(names = "--bins", paramLabel = "B", description = "Bins per variable for MIG, 2..1000 (default: ${DEFAULT-VALUE}).")
    private int bins = DEFAULTS.bins();

    @Override
    public void run() {
        ScoreSettings settings = new ScoreSettings(k, estimator(estimator), starts, permutations, seed, maxEvaluations,
                tolerance, bins);
        Path target = output.check(out != null ? out : latents.toAbsolutePath().resolveSibling("scores.json"),
                OutputOptions.input("--latents", latents), OutputOptions.input("--reference", reference));
        try (OutputOptions.Locks locks = OutputOptions.lock(target)) {
            score(target, settings);
        }
    }

    private void score(Path target, ScoreSettings settings) {
        LatentTable table = LatentTable.read(latents, latentColumns, thetaColumns);
        double[][] fresh = reference == null ? null : LatentTable.readTheta(reference, table.thetaNames());
        Scores scores;
        try (ConsoleProgress progress = new ConsoleProgress(System.err)) {
            scores = DisentanglementScorer.score(settings, table.latents(), table.theta(), fresh, progress);
        }
        ScoresFile.write(target, true, scores, settings, input(table));
        spec.commandLine().getOut().printf(Locale.ROOT, "S_D = %.4f, S_KL = %.4f, MIG = %.4f -> %s%n", scores.sD(),
                scores.sKl(), scores.mig(), target);
        for (String warning : scores.warnings()) {
            spec.commandLine().getErr().println("warning: " + warning);
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
    }

    static ScoreSettings.Estimator estimator(String name) {
        for (ScoreSettings.Estimator e : ScoreSettings.Estimator.values()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("--estimator = " + name + ": must be fixed or adaptive");
    }

    private Map<String, Object> input(LatentTable table) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("latents", latents.toString());
        input.put("latents_sha256", DatasetFiles.sha256(latents));
        input.put("latent_columns", table.latentNames());
        input.put("theta_columns", table.thetaNames());
        if (reference != null) {
            input.put("reference", reference.toString());
            input.put("reference_sha256", DatasetFiles.sha256(reference));
        }
        return input;
    }
}
