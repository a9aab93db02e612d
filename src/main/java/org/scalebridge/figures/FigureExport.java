package org.scalebridge.figures;

import com.orsonpdf.PDFDocument;
import com.orsonpdf.PDFGraphics2D;
import com.orsonpdf.Page;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.scalebridge.core.AtomicFiles;

/**
 * Writes one JFreeChart to PNG (chosen DPI, with the pHYs resolution chunk), SVG (JFreeSVG) and PDF (OrsonPDF),
 * always from the same chart object and the same size in points (1 pt = 1/72 in), so the three files match; and
 * the chart's XY data to CSV. All writes are atomic.
 */
public final class FigureExport {
    private FigureExport() {}

    private static double wPt(FigureSettings s) { return s.widthInches * 72; }
    private static double hPt(FigureSettings s) { return s.heightInches * 72; }

    /** Renders to an image at the settings' DPI (the chart is laid out in points and scaled by dpi/72). */
    public static BufferedImage render(JFreeChart chart, FigureSettings s) {
        BufferedImage img = new BufferedImage(s.widthPx(), s.heightPx(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.scale(s.dpi / 72.0, s.dpi / 72.0);
        chart.draw(g, new Rectangle2D.Double(0, 0, wPt(s), hPt(s)));
        g.dispose();
        return img;
    }

    public static void png(JFreeChart chart, FigureSettings s, Path file) {
        writePng(render(chart, s), s.dpi, file);
    }

    /** PNG with its physical resolution recorded (pHYs, pixels per metre). */
    public static void writePng(BufferedImage img, int dpi, Path file) {
        AtomicFiles.writeBytes(file, os -> {
            ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(new NonClosing(os))) {
                w.setOutput(ios);
                IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
                String ppm = Integer.toString((int) Math.round(dpi / 0.0254));
                IIOMetadataNode phys = new IIOMetadataNode("pHYs");
                phys.setAttribute("pixelsPerUnitXAxis", ppm);
                phys.setAttribute("pixelsPerUnitYAxis", ppm);
                phys.setAttribute("unitSpecifier", "meter");
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
                root.appendChild(phys);
                meta.mergeTree("javax_imageio_png_1.0", root);
                w.write(null, new IIOImage(img, null, meta), null);
            } finally {
                w.dispose();
            }
        });
    }

    public static String svgString(JFreeChart chart, FigureSettings s) {
        SVGGraphics2D g = new SVGGraphics2D(wPt(s), hPt(s), org.jfree.svg.SVGUnits.PT);
        chart.draw(g, new Rectangle2D.Double(0, 0, wPt(s), hPt(s)));
        return g.getSVGDocument();
    }

    public static void svg(JFreeChart chart, FigureSettings s, Path file) {
        String doc = svgString(chart, s);
        AtomicFiles.writeBytes(file, os -> os.write(doc.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] pdfBytes(JFreeChart chart, FigureSettings s) {
        PDFDocument pdf = new PDFDocument();
        pdf.setTitle(s.title == null ? "" : s.title);
        pdf.setAuthor("ScaleBridge Studio");
        Page page = pdf.createPage(new Rectangle2D.Double(0, 0, wPt(s), hPt(s)));
        PDFGraphics2D g = page.getGraphics2D();
        chart.draw(g, new Rectangle2D.Double(0, 0, wPt(s), hPt(s)));
        return pdf.getPDFBytes();
    }

    public static void pdf(JFreeChart chart, FigureSettings s, Path file) {
        byte[] b = pdfBytes(chart, s);
        AtomicFiles.writeBytes(file, os -> os.write(b));
    }

    /** Long-format CSV of every XY dataset of the plot: dataset,series,x,y with the axis labels (units) in the header. */
    public static void csv(JFreeChart chart, Path file) {
        XYPlot plot = chart.getXYPlot();
        AtomicFiles.writeText(file, w -> {
            w.write("# x: " + plot.getDomainAxis().getLabel() + "; y: " + plot.getRangeAxis().getLabel() + "\n");
            w.write("dataset,series,x,y\n");
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                XYDataset ds = plot.getDataset(d);
                if (ds == null) continue;
                for (int k = 0; k < ds.getSeriesCount(); k++) {
                    String name = String.valueOf(ds.getSeriesKey(k)).replace(',', ';');
                    for (int i = 0; i < ds.getItemCount(k); i++)
                        w.write(String.format(Locale.ROOT, "%d,%s,%.10g,%.10g%n", d, name, ds.getXValue(k, i), ds.getYValue(k, i)));
                }
            }
        });
    }

    /**
     * Writes the settings' formats (base.png, base.svg, base.pdf, base.csv; all four when the list is empty) and
     * base.figure.json; returns the files written.
     */
    public static java.util.List<Path> all(JFreeChart chart, FigureSettings s, Path base) throws IOException {
        String b = base.toString();
        java.util.List<String> f = s.formats == null || s.formats.isEmpty() ? java.util.List.of("png", "svg", "pdf", "csv") : s.formats;
        java.util.List<Path> out = new java.util.ArrayList<>();
        if (f.contains("png")) { png(chart, s, Path.of(b + ".png")); out.add(Path.of(b + ".png")); }
        if (f.contains("svg")) { svg(chart, s, Path.of(b + ".svg")); out.add(Path.of(b + ".svg")); }
        if (f.contains("pdf")) { pdf(chart, s, Path.of(b + ".pdf")); out.add(Path.of(b + ".pdf")); }
        if (f.contains("csv")) { csv(chart, Path.of(b + ".csv")); out.add(Path.of(b + ".csv")); }
        s.save(Path.of(b + ".figure.json"));
        out.add(Path.of(b + ".figure.json"));
        return out;
    }

    /** ImageIO closes its stream; AtomicFiles must close (and sync) the real one itself. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream o) { super(o); }
        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
        @Override public void close() throws IOException { flush(); }
    }
}
