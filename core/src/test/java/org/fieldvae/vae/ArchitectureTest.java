package org.fieldvae.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fieldvae.nn.Backend;
import org.fieldvae.nn.InitScheme;
import org.fieldvae.nn.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Parameter counts and output shapes of the DenseVAE against the architecture of docs/paper-facts.md, "Network". */
class ArchitectureTest {

    /** docs/paper-facts.md, "Network": two independent rebuilds of the authors' configuration counted 7,996,642 to 7,996,645. */
    @Test
    void paperConfigurationHas7996642Parameters() {
        DenseVae vae = new DenseVae(VaeSettings.defaults(false), DataType.FLOAT);
        assertEquals(7_996_642L, vae.parameterCount());
        assertEquals(expected(65, new int[] {4, 6, 4}, 4, 2, 2, false, HpDecoder.AS_CODED), vae.parameterCount());
    }

    @ParameterizedTest
    @CsvSource({"17, 1-1-1, 2, 2, 2, false, AS_CODED", "33, 2-3-2, 3, 4, 3, true, INTENDED",
            "33, 1-2-1-2-1, 2, 2, 2, false, INTENDED", "17, 4-6-4, 4, 2, 2, true, AS_CODED",
            "33, 2-3-2, 3, 4, 3, true, AS_CODED"})
    void countFollowsTheArchitectureFormulaAndDecodesToTheGrid(int grid, String blocks, int growth, int initial,
            int latent, boolean hierarchical, HpDecoder decoder) {
        int[] b = java.util.Arrays.stream(blocks.split("-")).mapToInt(Integer::parseInt).toArray();
        VaeSettings s = VaeSettings.defaults(hierarchical).withArchitecture(grid, b, growth, initial, latent)
                .withHpDecoder(decoder);
        DenseVae vae = new DenseVae(s, DataType.FLOAT);
        assertEquals(expected(grid, b, growth, initial, latent, hierarchical, decoder), vae.parameterCount());
        float[][][][] out = new TrainedModel(vae, null).decode(new double[3][latent]);
        assertEquals(3, out.length);
        assertEquals(3, out[0].length);
        assertEquals(grid, out[0][0].length);
        assertEquals(grid, out[0][0][0].length);
    }

    /** Xavier: |w| <= sqrt(6 / (fan_in + fan_out)); PyTorch: |w| <= 1 / sqrt(fan_in), both nearly reached. */
    @Test
    void initialisationSchemesDrawWithinTheirBounds() {
        for (InitScheme scheme : InitScheme.values()) {
            VaeSettings s = TinyVae.settings(PriorKind.STANDARD).withInit(scheme);
            DenseVae vae = new DenseVae(s, DataType.DOUBLE);
            for (ParameterStore.Entry e : vae.params.entries()) {
                if (e.start() != ParameterStore.Start.WEIGHT || e.length() < 100) {
                    continue;
                }
                double bound = scheme == InitScheme.XAVIER_UNIFORM ? Math.sqrt(6.0 / (e.fanIn() + e.fanOut()))
                        : 1.0 / Math.sqrt(e.fanIn());
                double max = 0;
                for (double w : vae.params.get(e)) {
                    max = Math.max(max, Math.abs(w));
                }
                assertTrue(max <= bound && max > 0.9 * bound, scheme + " " + e.name() + ": max " + max + ", bound " + bound);
            }
            assertTrue(vae.params.get(vae.params.entries().get(vae.params.entries().size() - 1)).length > 0);
        }
    }

    /** On an AVX-512 CPU the oneDNN build must be the one that loaded (it is ~8x faster, docs/dl4j-notes.md). */
    @Test
    void backendLoadsOneDnnOnAvx512() throws java.io.IOException {
        java.nio.file.Path cpuinfo = java.nio.file.Path.of("/proc/cpuinfo");
        boolean avx512 = java.nio.file.Files.isReadable(cpuinfo)
                && java.nio.file.Files.readString(cpuinfo).contains(" avx512f");
        String backend = Backend.ensureLoaded();
        assertEquals(avx512, backend.contains("(oneDNN"), backend);
    }

    /**
     * Counted layer by layer from docs/paper-facts.md ("Network"): batch norm 2C, 3x3 dense-layer conv 9 C g, transition
     * 2C + C (C/2) + 2 (C/2) + 9 (C/2)^2 (down and up), last decoding 2C + C (C/2) + 2 (C/2) + 16 (C/2) 3 + 25 * 3 * 3,
     * first conv 49 * 3 * F0, linear layers in*out + out, output log-variance n^2, prior MLPs n -> 8n -> 8n -> n
     * (the as-coded decoder's mean network has one hidden layer: n -> 8n -> n) plus two log-variance vectors.
     */
    static long expected(int n, int[] blocks, int g, int f0, int latent, boolean hierarchical, HpDecoder priorDecoder) {
        int encoderBlocks = blocks.length / 2;
        long encoder = 49L * 3 * f0;
        int c = f0;
        for (int b = 0; b < encoderBlocks; b++) {
            for (int i = 0; i < blocks[b]; i++) {
                int ci = c + i * g;
                encoder += 2L * ci + 9L * ci * g;
            }
            c += blocks[b] * g;
            int h = c / 2;
            encoder += 2L * c + (long) c * h + 2L * h + 9L * h * h;
            c = h;
        }
        int size = (n - 1) >> (encoderBlocks + 1);
        long flat = (long) c * size * size;
        encoder += flat * (flat / 2) + flat / 2 + (flat / 2) * latent + latent;
        long decoder = latent * (flat / 2) + flat / 2 + (flat / 2) * flat + flat;
        for (int b = encoderBlocks; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b]; i++) {
                int ci = c + i * g;
                decoder += 2L * ci + 9L * ci * g;
            }
            c += blocks[b] * g;
            int h = c / 2;
            decoder += 2L * c + (long) c * h + 2L * h;
            decoder += b == blocks.length - 1 ? 16L * h * 3 + 25L * 3 * 3 : 9L * h * h;
            c = h;
        }
        long prior = 0;
        if (hierarchical) {
            int w = 8 * latent;
            prior = 2L * (latent * w + w + (long) w * w + w + (long) w * latent + latent) + 2L * latent;
            if (priorDecoder == HpDecoder.AS_CODED) {
                prior -= (long) w * w + w;
            }
        }
        return 2 * encoder + decoder + (long) n * n + prior;
    }
}
