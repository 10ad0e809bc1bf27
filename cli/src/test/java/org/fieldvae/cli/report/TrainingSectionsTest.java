package org.fieldvae.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSectionsTest {

    /**
     * A semi-supervised run's label term -log q(z = theta | y) turns negative once the labels fit, while L_REG
     * stays positive: the shared axis must then be linear, or XChart refuses to draw the chart.
     */
    @Test
    void negativeLabelTermBesidePositiveRegularisationStillDraws(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history.csv");
        Files.writeString(history, "epoch,L_REC,L_REG,L_LABEL,beta,lr,elapsed_s\n"
                + "1,2.9,16.5,562.5,1e-09,0.003,1.0\n"
                + "2,-6.4,1.3,-0.41,3e-09,0.003,2.0\n"
                + "3,-9.0,1.3,-1.2,7e-08,0.003,3.0\n");
        Figures figures = new Figures(dir, "index");
        Html html = new Html();
        TrainingSections.curves(history, figures, html);
        assertEquals(1, figures.written().size(), "the training figure is written");
        assertTrue(Files.size(dir.resolve("index-training.png")) > 0);
        assertFalse(html.page("t").contains("not available"), html.page("t"));
    }
}
