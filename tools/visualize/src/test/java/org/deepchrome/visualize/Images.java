package org.deepchrome.visualize;

import org.w3c.dom.Element;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that image files are what they claim: a decodable PNG or a well-formed SVG of a given size. */
public final class Images {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Images() {
    }

    public static BufferedImage assertPng(Path file, int width, int height) throws Exception {
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(file)) {
            assertEquals(8, in.read(head));
        }
        assertArrayEquals(PNG_SIGNATURE, head, file + " does not start with the PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " cannot be decoded");
        assertEquals(width, image.getWidth(), file + " width");
        assertEquals(height, image.getHeight(), file + " height");
        return image;
    }

    public static void assertSvg(Path file, int width, int height) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The SVG 1.1 DOCTYPE names a DTD on the web; a parse must not try to fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        assertEquals("svg", root.getLocalName(), file + " root element");
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals(width, pixels(root.getAttribute("width")), file + " width");
        assertEquals(height, pixels(root.getAttribute("height")), file + " height");
        assertTrue(root.getElementsByTagNameNS("*", "path").getLength()
                + root.getElementsByTagNameNS("*", "rect").getLength() > 10, file + " draws almost nothing");
    }

    private static int pixels(String attribute) {
        return (int) Math.round(Double.parseDouble(attribute.replace("px", "")));
    }

    /** Share of pixels that are not white: a blank image has none. */
    public static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }
}
