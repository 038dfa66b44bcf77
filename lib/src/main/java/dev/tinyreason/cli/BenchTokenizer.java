package dev.tinyreason.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.tinyreason.tokenizer.BpeConfig;
import dev.tinyreason.tokenizer.HfTokenizers;
import dev.tinyreason.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench tokenizer}: trains a BPE vocabulary on a generated ~5 MB corpus, then times
 * encoding that corpus with ours and with Hugging Face {@code tokenizers} loading the same
 * {@code tokenizer.json}. One JSON object per line on stdout:
 *
 * <pre>
 * {"bench":"tokenizer","step":"train","corpus_mb":5.0,"vocab_size":2048,"seconds":..}
 * {"bench":"tokenizer","step":"encode","impl":"tinyreason","mb_per_s":..,"tokens":..}
 * {"bench":"tokenizer","step":"encode","impl":"hf_tokenizers","mb_per_s":..,"tokens":..,
 *  "same_ids":true,"ratio":..}
 * </pre>
 *
 * {@code ratio} is our MB/s divided by HF's (above 1: we are faster). Both sides encode one
 * document per call on one thread, after one warm-up pass (JIT for us, caches for both).
 */
@Command(name = "tokenizer", description = "Tokenizer speed beside Hugging Face tokenizers.")
final class BenchTokenizer implements Callable<Integer> {

    @Option(names = "--vocab", paramLabel = "N", description = "Vocabulary size (default ${DEFAULT-VALUE}).")
    int vocabSize = 2048;

    @Option(names = "--mb", paramLabel = "X", description = "Corpus size in MB (default "
            + "${DEFAULT-VALUE}).")
    double megabytes = 5;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the generated corpus "
            + "(default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws Exception {
        List<String> docs = corpus((long) (megabytes * 1_000_000), new Random(seed));
        String corpus = String.join("", docs);
        double mb = corpus.getBytes(StandardCharsets.UTF_8).length / 1e6;

        long t0 = System.nanoTime();
        Tokenizer trained = Tokenizer.train(corpus, new BpeConfig(vocabSize, 2));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        JsonObject train = line("train");
        train.addProperty("corpus_mb", round(mb));
        train.addProperty("vocab_size", trained.vocabSize());
        train.addProperty("merges", trained.vocab().merges().size());
        train.addProperty("seconds", round(trainSeconds));
        print(train);

        Path file = Files.createTempFile("tinyreason-bench", ".json");
        try {
            trained.save(file);
            Tokenizer ours = Tokenizer.load(file);
            List<int[]> ids = encodeAll(ours, docs); // warm-up: JIT and the piece cache
            long t1 = System.nanoTime();
            ids = encodeAll(ours, docs);
            double ourSeconds = (System.nanoTime() - t1) / 1e9;
            double ourRate = mb / ourSeconds;
            JsonObject mine = line("encode");
            mine.addProperty("impl", "tinyreason");
            mine.addProperty("mb_per_s", round(ourRate));
            mine.addProperty("tokens", ids.stream().mapToLong(a -> a.length).sum());
            print(mine);

            HfTokenizers.EncodeTiming hf;
            try {
                hf = HfTokenizers.locate().time(file, docs);
            } catch (IllegalStateException e) {
                JsonObject failed = line("encode");
                failed.addProperty("impl", "hf_tokenizers");
                failed.addProperty("error", e.getMessage());
                print(failed);
                return 1;
            }
            double hfRate = hf.bytes() / 1e6 / hf.seconds();
            JsonObject theirs = line("encode");
            theirs.addProperty("impl", "hf_tokenizers");
            theirs.addProperty("mb_per_s", round(hfRate));
            theirs.addProperty("tokens", hf.tokens());
            theirs.addProperty("same_ids", hf.checksum() == HfTokenizers.checksum(ids));
            theirs.addProperty("ratio", round(ourRate / hfRate));
            print(theirs);
            return hf.checksum() == HfTokenizers.checksum(ids) ? 0 : 1;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<int[]> encodeAll(Tokenizer tokenizer, List<String> docs) {
        List<int[]> ids = new ArrayList<>(docs.size());
        for (String d : docs) {
            ids.add(tokenizer.encode(d));
        }
        return ids;
    }

    // ---- a seeded corpus shaped like the course's data: prose, worked arithmetic, code, other scripts ----

    private static final String[] ONSETS = {"", "b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t",
            "v", "w", "st", "tr", "pl", "ch", "sh", "th", "br", "gr"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ea", "ou", "ai", "y"};
    private static final String[] CODAS = {"", "", "n", "r", "s", "t", "l", "nd", "ng", "st", "ck", "m"};
    private static final String[] NAMES = {"Mia", "Tom", "Ada", "Lin", "Sam", "Noor", "Ivan", "Zoe"};
    private static final String[] THINGS = {"apples", "marbles", "books", "coins", "stamps", "cards"};
    private static final String[] FOREIGN = {"Привет, мир!", "日本語のテキストです。", "café naïve résumé",
            "Grüße aus Köln", "emoji 🙂🚀✨ ok", "Σ x² ≤ ½ · π", "مرحبا بالعالم", "한국어 문장", "ελληνικά γράμματα"};

    static List<String> corpus(long targetBytes, Random rng) {
        String[] lexicon = lexicon(rng, 6000);
        List<String> docs = new ArrayList<>();
        long bytes = 0;
        while (bytes < targetBytes) {
            String doc = switch (rng.nextInt(10)) {
                case 0, 1, 2, 3 -> prose(rng, lexicon);
                case 4, 5, 6 -> arithmetic(rng);
                case 7, 8 -> code(rng, lexicon);
                default -> FOREIGN[rng.nextInt(FOREIGN.length)] + " " + prose(rng, lexicon);
            };
            if (rng.nextInt(8) == 0) {
                doc = doc.replace("\n", "\r\n"); // some documents come from Windows
            }
            doc += "\n\n";
            docs.add(doc);
            bytes += doc.getBytes(StandardCharsets.UTF_8).length;
        }
        return docs;
    }

    /** Made-up words from syllables, so the vocabulary has more to learn than a fixed word list. */
    private static String[] lexicon(Random rng, int size) {
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 1 + rng.nextInt(3); s > 0; s--) {
                w.append(ONSETS[rng.nextInt(ONSETS.length)]).append(VOWELS[rng.nextInt(VOWELS.length)])
                        .append(CODAS[rng.nextInt(CODAS.length)]);
            }
            words[i] = w.toString();
        }
        return words;
    }

    /** A word with a Zipf-like skew: low indices are far more common, as in real text. */
    private static String word(Random rng, String[] lexicon) {
        double u = rng.nextDouble();
        return lexicon[(int) (lexicon.length * u * u * u)];
    }

    private static String prose(Random rng, String[] lexicon) {
        StringBuilder sb = new StringBuilder();
        int sentences = 3 + rng.nextInt(8);
        for (int s = 0; s < sentences; s++) {
            int words = 5 + rng.nextInt(12);
            for (int w = 0; w < words; w++) {
                String word = word(rng, lexicon);
                if (w == 0) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                sb.append(word);
                sb.append(w == words - 1 ? (rng.nextInt(5) == 0 ? "? " : ". ") : rng.nextInt(9) == 0 ? ", " : " ");
            }
            if (rng.nextInt(6) == 0) {
                sb.append("It's what we've said: \"").append(word(rng, lexicon)).append("\"!\n");
            }
        }
        return sb.toString().strip();
    }

    private static String arithmetic(Random rng) {
        String name = NAMES[rng.nextInt(NAMES.length)];
        String thing = THINGS[rng.nextInt(THINGS.length)];
        int a = rng.nextInt(1000);
        int b = rng.nextInt(1000);
        int c = 2 + rng.nextInt(9);
        return "Q: " + name + " has " + a + " " + thing + " and gets " + b + " more, then shares them among "
                + c + " friends. How many does each get?\n<think>\n" + a + " + " + b + " = " + (a + b) + "\n"
                + (a + b) + " / " + c + " = " + ((a + b) / c) + " remainder " + ((a + b) % c) + "\n</think>\nA: "
                + ((a + b) / c);
    }

    private static String code(Random rng, String[] lexicon) {
        String fn = word(rng, lexicon) + "_" + word(rng, lexicon);
        int n = rng.nextInt(100);
        return rng.nextBoolean()
                ? "def " + fn + "(xs):\n    total = 0\n    for x in xs:\n        if x > " + n
                        + ":\n            total += x * " + (n % 7) + "\n    return total\n"
                : "static int " + fn + "(int[] xs) {\n\tint total = 0;\n\tfor (int x : xs) {\n\t\ttotal += x % "
                        + (n + 1) + ";\n\t}\n\treturn total;   // " + n + "\n}\n";
    }

    private static JsonObject line(String step) {
        JsonObject o = new JsonObject();
        o.addProperty("bench", "tokenizer");
        o.addProperty("step", step);
        return o;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static void print(JsonObject o) {
        System.out.println(new Gson().toJson(o));
    }
}
