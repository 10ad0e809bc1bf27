package org.fieldvae.experiment;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a run ended with.
 *
 * @param dir             the run folder
 * @param testScores      the numeric scores of the test latents (keys of {@code Scores.asMap()}: s_d, s_kl, mig, ...)
 * @param overRegularised the trainer's verdict (paper, Theorem 1): the decoder ignores the latent code
 * @param seconds         wall time of this call (small when every stage was already done)
 */
public record RunResult(Path dir, Map<String, Double> testScores, boolean overRegularised, double seconds) {
    public RunResult {
        Objects.requireNonNull(dir, "dir");
        testScores = Collections.unmodifiableMap(new LinkedHashMap<>(testScores));
    }

    /** S_D of the test latents (Eq. 5). */
    public double sD() {
        return testScores.getOrDefault("s_d", Double.NaN);
    }

    /** S_KL of the test latents (Eq. 6). */
    public double sKl() {
        return testScores.getOrDefault("s_kl", Double.NaN);
    }
}
