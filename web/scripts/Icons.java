import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the installable app's icons into web/public/icons (run from web/: java scripts/Icons.java).
 * The mark is favicon.svg's: a white "C" on the deep teal of the palette, drawn as an arc so no
 * font is needed and every run gives the same pixels. "any" icons have rounded corners; the
 * maskable one and Apple's touch icon fill the square (the platform cuts its own shape), with
 * the C inside the central safe circle (80 % of the width, per the Web App Manifest spec).
 */
public class Icons {
    static final Color TEAL = new Color(0x00, 0x59, 0x4f);

    public static void main(String[] args) throws IOException {
        File dir = new File(args.length > 0 ? args[0] : "public/icons");
        dir.mkdirs();
        write(draw(192, true, 0.62), new File(dir, "icon-192.png"));
        write(draw(512, true, 0.62), new File(dir, "icon-512.png"));
        write(draw(512, false, 0.46), new File(dir, "maskable-512.png"));
        write(draw(180, false, 0.56), new File(dir, "apple-touch-icon.png"));
    }

    /** A square icon of {@code size} px; the C spans {@code markShare} of the width. */
    static BufferedImage draw(int size, boolean rounded, double markShare) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(TEAL);
        if (rounded) {
            double r = size * 0.22;
            g.fill(new RoundRectangle2D.Double(0, 0, size, size, r * 2, r * 2));
        } else {
            g.fillRect(0, 0, size, size);
        }
        double stroke = size * markShare * 0.24;
        double d = size * markShare - stroke;
        double x = (size - d) / 2;
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke((float) stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Arc2D.Double(x, x, d, d, 45, 270, Arc2D.OPEN));
        g.dispose();
        return img;
    }

    static void write(BufferedImage img, File f) throws IOException {
        if (!ImageIO.write(img, "png", f)) throw new IOException("no PNG writer");
        System.out.println(f + " " + img.getWidth() + "x" + img.getHeight());
    }
}
