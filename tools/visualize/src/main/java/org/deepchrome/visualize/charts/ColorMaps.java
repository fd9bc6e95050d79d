package org.deepchrome.visualize.charts;

import java.awt.Color;

/**
 * Colour maps handed to XChart's heat maps, which interpolate between the anchors.
 * Sequential (viridis anchors) for non-negative signal; diverging (ColorBrewer RdBu,
 * blue = negative, white = zero, red = positive) for signed maps such as saliency.
 */
public final class ColorMaps {
    private ColorMaps() {
    }

    /** Viridis at eight evenly spaced points: dark violet (low) to yellow (high). */
    public static Color[] sequential() {
        return new Color[] {
            new Color(0x440154), new Color(0x46327E), new Color(0x365C8D), new Color(0x277F8E),
            new Color(0x1FA187), new Color(0x4AC16D), new Color(0x9FDA3A), new Color(0xFDE725)};
    }

    /** RdBu reversed so that red is positive: used with a range symmetric around zero. */
    public static Color[] diverging() {
        return new Color[] {
            new Color(0x2166AC), new Color(0x4393C3), new Color(0x92C5DE), new Color(0xD1E5F0),
            new Color(0xF7F7F7),
            new Color(0xFDDBC7), new Color(0xF4A582), new Color(0xD6604D), new Color(0xB2182B)};
    }

    /** Two well separated line colours for the high and low classes (red, blue). */
    public static final Color HIGH = new Color(0xB2182B);
    public static final Color LOW = new Color(0x2166AC);
}
