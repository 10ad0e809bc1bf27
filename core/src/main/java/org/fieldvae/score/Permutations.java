package org.fieldvae.score;

import java.util.ArrayList;
import java.util.List;

/** Axis permutations and sign flips that S_KL may search over. */
final class Permutations {
    private Permutations() {
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    static double[] ones(int n) {
        double[] s = new double[n];
        java.util.Arrays.fill(s, 1);
        return s;
    }

    /** All n! permutations of 0..n-1, in lexicographic order. */
    static List<int[]> all(int n) {
        List<int[]> out = new ArrayList<>();
        collect(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void collect(int[] current, boolean[] used, int position, List<int[]> out) {
        if (position == current.length) {
            out.add(current.clone());
            return;
        }
        for (int v = 0; v < current.length; v++) {
            if (!used[v]) {
                used[v] = true;
                current[position] = v;
                collect(current, used, position + 1, out);
                used[v] = false;
            }
        }
    }

    /** All 2^n sign vectors of +-1, all +1 first. */
    static List<double[]> signs(int n) {
        List<double[]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << n; mask++) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = (mask >> i & 1) == 0 ? 1 : -1;
            }
            out.add(s);
        }
        return out;
    }
}
