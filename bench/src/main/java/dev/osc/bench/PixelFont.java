package dev.osc.bench;

import java.awt.Graphics2D;
import java.util.HashMap;
import java.util.Map;

/** A tiny built-in 5x7 bitmap font (upper case, digits, common punctuation), so charts never depend on system fonts. */
final class PixelFont {
    static final int GLYPH_WIDTH = 5;
    static final int GLYPH_HEIGHT = 7;
    /** Horizontal distance from one glyph to the next, in unscaled pixels. */
    static final int ADVANCE = GLYPH_WIDTH + 1;

    /** Each line: the character, then its seven rows of five pixels ('#' on). Lower case is drawn as upper case. */
    private static final String GLYPHS = """
            0 .###. #...# #..## #.#.# ##..# #...# .###.
            1 ..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.
            2 .###. #...# ....# ...#. ..#.. .#... #####
            3 ##### ...#. ..#.. ...#. ....# #...# .###.
            4 ...#. ..##. .#.#. #..#. ##### ...#. ...#.
            5 ##### #.... ####. ....# ....# #...# .###.
            6 ..##. .#... #.... ####. #...# #...# .###.
            7 ##### ....# ...#. ..#.. .#... .#... .#...
            8 .###. #...# #...# .###. #...# #...# .###.
            9 .###. #...# #...# .#### ....# ...#. .##..
            A .###. #...# #...# ##### #...# #...# #...#
            B ####. #...# #...# ####. #...# #...# ####.
            C .###. #...# #.... #.... #.... #...# .###.
            D ###.. #..#. #...# #...# #...# #..#. ###..
            E ##### #.... #.... ####. #.... #.... #####
            F ##### #.... #.... ####. #.... #.... #....
            G .###. #...# #.... #.### #...# #...# .####
            H #...# #...# #...# ##### #...# #...# #...#
            I .###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.
            J ..### ...#. ...#. ...#. ...#. #..#. .##..
            K #...# #..#. #.#.. ##... #.#.. #..#. #...#
            L #.... #.... #.... #.... #.... #.... #####
            M #...# ##.## #.#.# #.#.# #...# #...# #...#
            N #...# #...# ##..# #.#.# #..## #...# #...#
            O .###. #...# #...# #...# #...# #...# .###.
            P ####. #...# #...# ####. #.... #.... #....
            Q .###. #...# #...# #...# #.#.# #..#. .##.#
            R ####. #...# #...# ####. #.#.. #..#. #...#
            S .#### #.... #.... .###. ....# ....# ####.
            T ##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..
            U #...# #...# #...# #...# #...# #...# .###.
            V #...# #...# #...# #...# #...# .#.#. ..#..
            W #...# #...# #...# #.#.# #.#.# #.#.# .#.#.
            X #...# #...# .#.#. ..#.. .#.#. #...# #...#
            Y #...# #...# .#.#. ..#.. ..#.. ..#.. ..#..
            Z ##### ....# ...#. ..#.. .#... #.... #####
            . ..... ..... ..... ..... ..... .##.. .##..
            , ..... ..... ..... ..... .##.. ..#.. .#...
            % ##... ##..# ...#. ..#.. .#... #..## ...##
            - ..... ..... ..... ##### ..... ..... .....
            : ..... .##.. .##.. ..... .##.. .##.. .....
            / ..... ....# ...#. ..#.. .#... #.... .....
            ( ...#. ..#.. .#... .#... .#... ..#.. ...#.
            ) .#... ..#.. ...#. ...#. ...#. ..#.. .#...
            _ ..... ..... ..... ..... ..... ..... #####
            + ..... ..#.. ..#.. ##### ..#.. ..#.. .....
            = ..... ..... ##### ..... ##### ..... .....
            < ...#. ..#.. .#... #.... .#... ..#.. ...#.
            > .#... ..#.. ...#. ....# ...#. ..#.. .#...
            ? .###. #...# ....# ...#. ..#.. ..... ..#..
            ' ..#.. ..#.. .#... ..... ..... ..... .....
            [ .###. .#... .#... .#... .#... .#... .###.
            ] .###. ...#. ...#. ...#. ...#. ...#. .###.
            * ..... ..#.. #.#.# .###. #.#.# ..#.. .....
            ! ..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..
            # .#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.
            """;

    /** Per character, seven rows whose low five bits are the pixels, leftmost pixel in bit 4. */
    private static final Map<Character, int[]> ROWS = parse();

    private PixelFont() {}

    /** Width of {@code text} drawn at {@code scale}, in pixels. */
    static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    /** Height of a line drawn at {@code scale}, in pixels. */
    static int height(int scale) {
        return GLYPH_HEIGHT * scale;
    }

    /** Whether {@code c} has a glyph of its own (others are drawn as '?'; a space is blank). */
    static boolean covers(char c) {
        return c == ' ' || ROWS.containsKey(Character.toUpperCase(c));
    }

    /** Draws {@code text} in the current colour with its top-left corner at (x, top), each pixel {@code scale} wide. */
    static void draw(Graphics2D g, String text, int x, int top, int scale) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                glyph(g, ROWS.getOrDefault(Character.toUpperCase(c), ROWS.get('?')), x + i * ADVANCE * scale, top, scale);
            }
        }
    }

    private static void glyph(Graphics2D g, int[] rows, int x, int top, int scale) {
        for (int r = 0; r < GLYPH_HEIGHT; r++) {
            for (int col = 0; col < GLYPH_WIDTH; col++) {
                if ((rows[r] & (1 << (GLYPH_WIDTH - 1 - col))) != 0) {
                    g.fillRect(x + col * scale, top + r * scale, scale, scale);
                }
            }
        }
    }

    private static Map<Character, int[]> parse() {
        Map<Character, int[]> glyphs = new HashMap<>();
        for (String line : GLYPHS.split("\n")) {
            String[] rows = line.substring(2).split(" ");
            int[] bits = new int[GLYPH_HEIGHT];
            for (int r = 0; r < GLYPH_HEIGHT; r++) {
                bits[r] = Integer.parseInt(rows[r].replace('#', '1').replace('.', '0'), 2);
            }
            glyphs.put(line.charAt(0), bits);
        }
        return Map.copyOf(glyphs);
    }
}
