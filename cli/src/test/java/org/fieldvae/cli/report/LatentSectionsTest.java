package org.fieldvae.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fieldvae.vae.PriorKind;
import org.fieldvae.vae.VaeSettings;
import org.junit.jupiter.api.Test;

class LatentSectionsTest {

    @Test
    void priorWithoutModelIsStandardNormal() {
        assertArrayEquals(new double[] {1, 1, 1}, LatentSections.priorSd(null, 3), 0.0);
    }

    @Test
    void scaledPriorDrawsWithItsOwnStandardDeviations() {
        VaeSettings scaled = VaeSettings.defaults(false).withPrior(PriorKind.SCALED, new double[] {4, 0.25});
        assertArrayEquals(new double[] {2, 0.5}, LatentSections.priorSd(scaled, 2), 1e-15);
        VaeSettings hierarchical = VaeSettings.defaults(true);
        assertArrayEquals(new double[] {1, 1}, LatentSections.priorSd(hierarchical, 2), 0.0);
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
