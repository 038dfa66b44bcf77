package dev.tinyreason.tokenizer;

import java.util.List;
import java.util.Random;

/** Fixed texts and seeded random text for the tokenizer tests. */
final class TestTexts {

    private TestTexts() {}

    /** Hard cases every tokenizer must round-trip; also the hand-picked half of the HF parity corpus. */
    static final List<String> TRICKY = List.of(
            "",
            " ",
            "Hello, world!",
            "The answer is 142, not 1,420 or 14.2 (or -7e3).",
            "def add(a, b):\n    return a + b  # 2 spaces\n",
            "for (int i = 0; i < n; i++) {\n\tsum += xs[i] * 31;\n}",
            "line one\r\nline two\r\n\r\nline four\r\n",
            "trailing spaces   \n   leading spaces\n\n\n\n",
            "tabs\t\tand\u00a0no-break\u3000ideographic\u2003em spaces",
            "I'm sure they'll say we've done it, DON'T YOU'RE'LL",
            "naïve café résumé Ångström",
            "e\u0301 (e + combining acute) a\u0308\u0304 stacked",
            "日本語のテキスト、中文文本。한국어",
            "Привет, мир! Ελληνικά. مرحبا",
            "emoji 🙂🚀 family 👨‍👩‍👧 flag 🇫🇷 skin 👍🏽",
            "math: ∑ x² ≤ ½ · π, 3×4=12, √2≈1.41421",
            "NUL\u0000inside and \u0001\u001f control chars\u007f",
            "<think>2+2=4</think> and <|im_start|>user\n<|im_end|> as text",
            "<thin <think <|im_start <|eos|>< <<think>>",
            "numbers 0123456789 ١٢٣ ⅫⅣ ²³",
            "     ",
            "\n",
            "\r\n\r\n",
            "a  b   c    d",
            "mixed 42apples and apples42 and 4.2.0-rc1",
            "https://example.com/path?q=1&r=2#frag",
            "{\"json\": [1, 2, {\"k\": null}]}",
            "    indented\n        more\n    back");

    /**
     * A corpus for training small test vocabularies: prose, worked arithmetic, code and other
     * scripts, generated from {@code seed}.
     */
    static String corpus(int documents, long seed) {
        Random rng = new Random(seed);
        String[] words = {"the", "model", "thinks", "step", "by", "answer", "number", "and", "then", "checks",
            "its", "work", "a", "small", "reasoning", "is", "not", "magic", "we", "train", "it", "on", "data"};
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < documents; d++) {
            switch (d % 4) {
                case 0 -> {
                    for (int w = 0; w < 12; w++) {
                        sb.append(words[rng.nextInt(words.length)]).append(w % 6 == 5 ? ". " : " ");
                    }
                }
                case 1 -> {
                    int a = rng.nextInt(1000);
                    int b = rng.nextInt(1000);
                    sb.append("Q: ").append(a).append(" + ").append(b).append("?\n<think>\n")
                            .append(a).append(" + ").append(b).append(" = ").append(a + b)
                            .append("\n</think>\nA: ").append(a + b);
                }
                case 2 -> sb.append("def f(x):\n    return x * ").append(rng.nextInt(10)).append("\r\n");
                default -> sb.append(TRICKY.get(rng.nextInt(TRICKY.size())));
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    /** A tokenizer trained once per test run on {@link #corpus}. */
    static Tokenizer tokenizer() {
        return Trained.TOKENIZER;
    }

    private static final class Trained {
        static final Tokenizer TOKENIZER = Tokenizer.train(corpus(2000, 7), new BpeConfig(600, 2));
    }

    /**
     * A random string from a mix of everything that trips tokenizers: ASCII, digits, whitespace
     * runs, CR LF, combining marks, CJK, emoji, any code point at all and, when
     * {@code loneSurrogates}, unpaired UTF-16 surrogates.
     */
    static String randomText(Random rng, boolean loneSurrogates) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + rng.nextInt(12);
        for (int p = 0; p < parts; p++) {
            switch (rng.nextInt(loneSurrogates ? 12 : 11)) {
                case 0 -> sb.append("abc xyz The Quick".charAt(rng.nextInt(17)));
                case 1 -> sb.append((char) ('0' + rng.nextInt(10)));
                case 2 -> sb.append(" \t\n\r\u000b\f\u0085\u00a0\u2028\u3000".charAt(rng.nextInt(10)));
                case 3 -> sb.append("\r\n");
                case 4 -> sb.append((char) (0x21 + rng.nextInt(0x5e)));          // printable ASCII
                case 5 -> sb.append("e").append((char) (0x300 + rng.nextInt(0x70))); // combining mark
                case 6 -> sb.append((char) (0x4e00 + rng.nextInt(0x5200)));        // CJK
                case 7 -> sb.appendCodePoint(0x1f300 + rng.nextInt(0x700));        // emoji
                case 8 -> sb.appendCodePoint(anyCodePoint(rng));
                case 9 -> sb.append(SpecialTokens.CONTENTS.get(rng.nextInt(SpecialTokens.COUNT)));
                case 10 -> sb.append(" ".repeat(rng.nextInt(5))).append("'ll").append(rng.nextInt(100));
                default -> sb.append((char) (0xd800 + rng.nextInt(0x800)));      // lone surrogate
            }
        }
        return sb.toString();
    }

    /** {@code s} in quotes with everything outside printable ASCII as {@code \\u{hex}}, for messages. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> sb.append(cp >= 0x20 && cp < 0x7f
                ? String.valueOf((char) cp)
                : String.format("\\u{%x}", cp)));
        return sb.append('"').toString();
    }

    /** Any scalar value (no surrogates), assigned or not. */
    private static int anyCodePoint(Random rng) {
        int cp;
        do {
            cp = rng.nextInt(4) == 0 ? rng.nextInt(0x110000) : rng.nextInt(0x10000);
        } while (cp >= 0xd800 && cp <= 0xdfff);
        return cp;
    }
}
