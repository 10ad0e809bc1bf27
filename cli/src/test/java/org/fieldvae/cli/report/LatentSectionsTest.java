package org.fieldvae.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Checks Eq. 1 of the paper (samples of the aggregated posterior q(z)) and the report's prior draws;
 * docs/equations.md.
 */
class LatentSectionsTest {

    /** Without a model the report draws N(0, I): sample means within 5 standard errors, variances too. */
    @Test
    void priorWithoutModelIsStandardNormal() {
        int rows = 20_000;
        double[][] z = LatentSections.priorSamples(null, 3, rows, new java.util.SplittableRandom(5));
        for (double[] latent : z) {
            double sum = 0;
            double sumSq = 0;
            for (double v : latent) {
                sum += v;
                sumSq += v * v;
            }
            assertEquals(0.0, sum / rows, 0.035);
            assertEquals(1.0, sumSq / rows, 0.05);
        }
    }

    /** Eq. 1: each row's draw of the aggregated posterior comes from N(mean, exp(logvar)). */
    @Test
    void posteriorSamplesHaveTheEncodersMeanAndStandardDeviation() {
        int rows = 20_000;
        double[][] mean = {new double[rows], new double[rows]};
        double[][] logVar = {new double[rows], new double[rows]};
        java.util.Arrays.fill(mean[0], 3.0);
        java.util.Arrays.fill(logVar[0], Math.log(4.0));
        java.util.Arrays.fill(mean[1], -1.0);
        java.util.Arrays.fill(logVar[1], Math.log(0.01));
        LatentSections.Latents z = new LatentSections.Latents(mean, logVar, new double[0][], new double[rows]);
        assertEquals(2.0, z.std(0)[0], 1e-15, "std = exp(logvar / 2)");
        double[][] samples = LatentSections.posteriorSamples(z, new java.util.SplittableRandom(1));
        double[] sd = {2.0, 0.1};
        for (int i = 0; i < 2; i++) {
            double sum = 0;
            double sumSq = 0;
            for (double v : samples[i]) {
                double u = (v - mean[i][0]) / sd[i];
                sum += u;
                sumSq += u * u;
            }
            // standardised samples: mean 0 (standard error 1/sqrt(n) = 0.007) and variance 1
            // (standard error sqrt(2/n) = 0.01); tolerances are 5 standard errors
            assertEquals(0.0, sum / rows, 0.035, "mean of latent " + i);
            assertEquals(1.0, sumSq / rows, 0.05, "variance of latent " + i);
        }
    }

    @Test
    void subscriptsEveryDigit() {
        assertEquals("\u2081\u2080", LatentSections.sub(10));
    }

    @Test
    void pageNamesBecomeSafePlotPrefixes() {
        assertEquals("index", ReportWriter.prefix(java.nio.file.Path.of("a", "index.html")));
        assertEquals("my_report_1_", ReportWriter.prefix(java.nio.file.Path.of("my report&1\".html")));
        assertEquals("report.x", ReportWriter.prefix(java.nio.file.Path.of(".x.html")));
    }
}
