package org.fieldvae.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class KdTreeTest {

    @Test
    void agreesWithBruteForceIncludingTiesAndWeights() {
        SplittableRandom random = new SplittableRandom(11);
        for (int dim = 1; dim <= 3; dim++) {
            double[][] points = new double[400][dim];
            for (double[] p : points) {
                for (int j = 0; j < dim; j++) {
                    p[j] = random.nextInt(12) * 0.5; // many ties
                }
            }
            KdTree tree = new KdTree(points);
            double[] w = new double[dim];
            for (int j = 0; j < dim; j++) {
                w[j] = 0.3 + j;
            }
            double[] best = new double[6];
            double[] ball = new double[2];
            for (int trial = 0; trial < 50; trial++) {
                int skip = trial % 2 == 0 ? -1 : random.nextInt(points.length);
                double[] q = skip >= 0 ? points[skip] : new double[] {random.nextDouble() * 6, 3, 2}.clone();
                q = Arrays.copyOf(q, dim);
                double[] d2 = new double[points.length - (skip >= 0 ? 1 : 0)];
                for (int i = 0, c = 0; i < points.length; i++) {
                    if (i != skip) {
                        double s = 0;
                        for (int j = 0; j < dim; j++) {
                            s += w[j] * (points[i][j] - q[j]) * (points[i][j] - q[j]);
                        }
                        d2[c++] = s;
                    }
                }
                Arrays.sort(d2);
                assertEquals(d2[5], tree.kthDistanceSquared(q, w, 6, skip, best), 1e-12);
                double radius2 = d2[20];
                tree.ball(q, w, radius2, skip, ball);
                long inside = Arrays.stream(d2).filter(v -> v <= radius2).count();
                assertEquals(inside, (long) ball[0]);
                assertEquals(radius2, ball[1], 1e-12);
            }
        }
    }
}
