package org.fieldvae.knime.support.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelShapeTest {

    @Test
    void summaryNamesShapeLatentAndPrior() {
        assertEquals("VAE 3 x 64 x 64 -> 2 latent, hierarchical prior",
            new ModelShape(64, 3, 2, "hierarchical").summary());
    }

    @Test
    void rejectsInvalidComponentsByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelShape(1, 3, 2, "standard"))
            .getMessage().startsWith("grid = 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelShape(64, 0, 2, "standard"))
            .getMessage().startsWith("channels = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelShape(64, 3, 0, "standard"))
            .getMessage().startsWith("latent = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelShape(64, 3, 2, "Standard"))
            .getMessage().startsWith("prior = Standard"));
        assertThrows(IllegalArgumentException.class, () -> new ModelShape(64, 3, 2, null));
    }
}
