package dev.osc.engine.run;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * stderr on a terminal: the progress line stays on the last row and is rewritten in place
 * ({@code \r}, erase to the end of the row); every other line written here is written above it,
 * and the progress line drawn again below. Cut to the terminal's width ({@code COLUMNS}, else
 * {@value #DEFAULT_WIDTH}) so that a rewrite never leaves a wrapped half behind.
 */
public final class StatusLineStream extends PrintStream {
    static final int DEFAULT_WIDTH = 160;
    private static final byte[] CLEAR_ROW = "\r\033[K".getBytes(StandardCharsets.US_ASCII);

    private final PrintStream target;
    private final int width;
    private String status;
    private boolean shown;

    public StatusLineStream(PrintStream target) {
        this(target, width(System.getenv("COLUMNS")));
    }

    StatusLineStream(PrintStream target, int width) {
        super(target, true, StandardCharsets.UTF_8);
        this.target = target;
        this.width = width;
    }

    /** True when stderr is taken to be a terminal: there is a console and the terminal is not a dumb one. */
    public static boolean interactive() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Shows {@code line} in place of the progress line shown before. */
    public synchronized void status(String line) {
        status = line.length() > width - 1 ? line.substring(0, width - 1) : line;
        draw();
    }

    /** Takes the progress line away (the run's end): what is written next starts on a clean row. */
    public synchronized void clear() {
        status = null;
        erase();
        target.flush();
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
        erase();
        target.write(buf, off, len);
        if (len > 0 && buf[off + len - 1] == '\n' && status != null) {
            draw();
        } else {
            target.flush();
        }
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() {
        target.flush();
    }

    private void draw() {
        erase();
        byte[] text = status.getBytes(StandardCharsets.UTF_8);
        target.write(text, 0, text.length);
        target.write(CLEAR_ROW, 1, CLEAR_ROW.length - 1);
        shown = true;
        target.flush();
    }

    private void erase() {
        if (shown) {
            target.write(CLEAR_ROW, 0, CLEAR_ROW.length);
            shown = false;
        }
    }

    static int width(String columns) {
        try {
            int w = columns == null ? DEFAULT_WIDTH : Integer.parseInt(columns.trim());
            return w >= 20 ? w : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}
