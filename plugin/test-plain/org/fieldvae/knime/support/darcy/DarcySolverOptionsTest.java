package org.fieldvae.knime.support.darcy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fieldvae.darcy.DarcySettings;
import org.junit.jupiter.api.Test;

class DarcySolverOptionsTest {

    private static void assertBlames(final String title, final String perm, final String source, final double w,
        final double r, final double tol, final int iterations) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new DarcySolverOptions(perm, source, w, r, tol, iterations, false));
        assertTrue(e.getMessage().startsWith(title + ": "), e.getMessage());
    }

    @Test
    void defaultsAreTheEngines() {
        final DarcySolverOptions d = DarcySolverOptions.defaults();
        assertEquals(DarcySettings.defaults(), d.darcy());
        assertEquals("permeability", d.permeabilityColumn());
        assertFalse(d.hasSource());
        assertEquals(List.of("output"), d.outputColumns());
    }

    @Test
    void invalidValuesNameTheirOption() {
        assertBlames(DarcySolverOptions.PERMEABILITY_TITLE, "", null, 0.125, 10, 1e-10, 200);
        assertBlames(DarcySolverOptions.SOURCE_TITLE, "k", "k", 0.125, 10, 1e-10, 200);
        assertBlames(DarcySolverOptions.WELL_WIDTH_TITLE, "k", null, 0.6, 10, 1e-10, 200);
        assertBlames(DarcySolverOptions.WELL_WIDTH_TITLE, "k", null, 0, 10, 1e-10, 200);
        assertBlames(DarcySolverOptions.INJECTION_RATE_TITLE, "k", null, 0.125, 0, 1e-10, 200);
        assertBlames(DarcySolverOptions.TOLERANCE_TITLE, "k", null, 0.125, 10, 1, 200);
        assertBlames(DarcySolverOptions.MAX_ITERATIONS_TITLE, "k", null, 0.125, 10, 1e-10, 0);
    }

    @Test
    void roundTripsThroughTheEngineSettings() {
        final DarcySettings s = new DarcySettings(0.25, 3.5, 1e-8, 50);
        final DarcySolverOptions o = DarcySolverOptions.fromEngine(s, "K", "f", true);
        assertEquals(s, o.darcy());
        assertEquals(o, DarcySolverOptions.fromEngine(o.darcy(), "K", "f", true));
        assertEquals(List.of("pressure", "u_x1", "u_x2"), o.outputColumns());
        assertNull(new DarcySolverOptions("K", "", 0.25, 3.5, 1e-8, 50, false).sourceColumn());
    }
}
