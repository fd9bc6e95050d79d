package org.deepchrome.visualize.charts;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.deepchrome.core.cli.Choices;
import org.deepchrome.core.io.AtomicFile;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Writes a {@link Figure} as PNG and/or SVG, each file atomically. */
public final class FigureWriter {
    /** The image formats of --image-format. */
    public enum Format {
        PNG, SVG;

        public String extension() {
            return Choices.id(this);
        }

        @Override
        public String toString() {
            return Choices.id(this);
        }
    }

    private final Set<Format> formats;

    public FigureWriter(Set<Format> formats) {
        this.formats = Set.copyOf(formats);
    }

    /** Writes {@code dir/base.png} and/or {@code dir/base.svg}; returns the files written. */
    public List<Path> write(Figure figure, Path dir, String base) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Format format : Format.values()) {
            if (!formats.contains(format)) {
                continue;
            }
            Path target = dir.resolve(base + "." + format.extension());
            try (AtomicFile out = AtomicFile.create(target)) {
                if (format == Format.PNG) {
                    writePng(figure, out);
                } else {
                    writeSvg(figure, out);
                }
                out.commit();
            }
            written.add(target);
        }
        return written;
    }

    private static void writePng(Figure figure, AtomicFile out) throws IOException {
        BufferedImage image = new BufferedImage(figure.width(), figure.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            figure.paint(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", out.outputStream())) {
            throw new IOException("no PNG writer available in this Java runtime");
        }
    }

    private static void writeSvg(Figure figure, AtomicFile out) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        figure.paint(g);
        Processors.get("svg").getDocument(g.getCommands(), new PageSize(0, 0, figure.width(), figure.height()))
                .writeTo(out.outputStream());
    }
}
