package dev.tinyreason.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our {@code tokenizer.json}, loaded by Hugging Face {@code tokenizers} in the project's
 * {@code .venv}, gives the same ids as our encoder. Fails, never skips, when Python is not set up.
 */
class HfParityTest {

    private final Tokenizer tokenizer = TestTexts.tokenizer();

    @Test
    void hfGivesOurIdsOnAVariedCorpus(@TempDir Path dir) throws Exception {
        List<String> texts = new ArrayList<>(TestTexts.TRICKY);
        texts.add(TestTexts.corpus(60, 5));
        assertSameIds(dir, texts, false);
        assertSameIds(dir, texts, true);
    }

    /**
     * Seeded random strings over code points Java 17 knows (Unicode 13); newer letters are
     * classified differently by HF's newer regex tables (see {@link PreTokenizer}).
     */
    @Test
    void hfGivesOurIdsOnRandomUnicode(@TempDir Path dir) throws Exception {
        Random rng = new Random(31337);
        List<String> texts = new ArrayList<>();
        while (texts.size() < 1000) {
            String s = TestTexts.randomText(rng, false);
            if (s.codePoints().allMatch(Character::isDefined)) {
                texts.add(s);
            }
        }
        assertSameIds(dir, texts, false);
        assertSameIds(dir, texts, true);
    }

    @Test
    void missingVirtualenvFailsWithTheSetupHint(@TempDir Path repo) throws Exception {
        Path script = repo.resolve(HfTokenizers.SCRIPT);
        Files.createDirectories(script.getParent());
        Files.writeString(script, "");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HfTokenizers.locate(repo.resolve("lib")));
        assertTrue(e.getMessage().contains("run ./tinyreason test (it creates .venv)"), e.getMessage());

        Path python = repo.resolve(".venv/bin/python");  // a venv whose Python cannot import tokenizers
        Files.createDirectories(python.getParent());
        Files.writeString(python, "#!/bin/sh\necho \"No module named 'tokenizers'\" >&2\nexit 1\n");
        python.toFile().setExecutable(true);
        e = assertThrows(IllegalStateException.class, () -> HfTokenizers.locate(repo));
        assertTrue(e.getMessage().contains("'tokenizers' is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("run ./tinyreason test (it creates .venv)"), e.getMessage());
    }

    private void assertSameIds(Path dir, List<String> texts, boolean allowSpecial) throws Exception {
        Path file = dir.resolve("tokenizer.json");
        tokenizer.save(file);
        List<int[]> theirs = HfTokenizers.locate().encode(file, texts, allowSpecial);
        assertEquals(texts.size(), theirs.size());
        for (int i = 0; i < texts.size(); i++) {
            int[] ours = tokenizer.encode(texts.get(i), allowSpecial);
            String text = texts.get(i);
            assertArrayEquals(ours, theirs.get(i), () -> "allowSpecial=" + allowSpecial
                    + " text=" + TestTexts.escape(text)
                    + "\nours  =" + Arrays.toString(ours));
        }
    }
}
