package org.fieldvae.kle;

import java.util.Locale;

/** How the generative parameters theta are spread over their distribution. */
public enum SampleDesign {
    /** Monte Carlo: independent draws. */
    MC,
    /**
     * Latin hypercube: each dimension's probability axis is cut into {@code count} equal strata and every
     * stratum holds exactly one sample (for product distributions); see each distribution for the details.
     */
    LHS;

    /**
     * @param text "mc" or "lhs" (case-insensitive)
     * @throws IllegalArgumentException naming the setting {@code design} for anything else
     */
    public static SampleDesign parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case "mc":
                return MC;
            case "lhs":
                return LHS;
            default:
                throw new IllegalArgumentException("design = " + text + ": must be mc or lhs");
        }
    }
}
